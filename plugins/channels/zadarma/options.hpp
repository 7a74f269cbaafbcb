// The Zadarma source's options: declared once here, each bound to its field of ZadarmaOptions.
#pragma once

#include <leadhub/sdk/options.hpp>

#include <string>

namespace leadhub::zadarma {

struct ZadarmaOptions {
    std::string api_secret;  // signs every notification (the Signature header)
    std::string api_key;     // not needed to check notifications; kept for status and future API calls
};

const sdk::OptionSet<ZadarmaOptions>& zadarma_options();

// Reads validated options. Throws std::invalid_argument naming `api_secret` when it is blank:
// without it no notification can be checked, and taking them unchecked would let anyone make leads.
ZadarmaOptions read_zadarma_options(const sdk::Options& options);

}  // namespace leadhub::zadarma
