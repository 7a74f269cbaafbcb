// The Mango Office source's options: declared once here, each bound to its field of MangoOptions.
#pragma once

#include <leadhub/sdk/options.hpp>

#include <string>

namespace leadhub::mango {

struct MangoOptions {
    std::string vpbx_api_key;   // the VPBX's unique code: every event carries it, it must match
    std::string vpbx_api_salt;  // the signing key: sign = sha256(key + json + salt)
};

const sdk::OptionSet<MangoOptions>& mango_options();

// Reads validated options. Throws std::invalid_argument naming the option when either is blank:
// without both no event can be checked.
MangoOptions read_mango_options(const sdk::Options& options);

}  // namespace leadhub::mango
