// The {{name}} source's options: declared once here (manifest, validation, help text, README
// table) and read into a typed struct once per instance.
#pragma once

#include <leadhub/sdk/options.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace {{identifier}}_plugin {

// No defaults here: they are the declarations' (option_set().defaults() has them).
struct Options {
    std::string token;  // the shared secret senders prove themselves with; never logged
    std::string channel;
    std::size_t max_body_bytes = 0;
};

// Each option bound to its field of Options: the manifest, validation, help text, README table
// and the typed read all come from these declarations.
const leadhub::sdk::OptionSet<Options>& option_set();

// Reads options the host already validated (defaults filled in) with option_set().read(). Throws std::invalid_argument,
// naming the option, for what the schema cannot say: an empty token or channel.
Options read_options(const leadhub::sdk::Options& options);

}  // namespace {{identifier}}_plugin
