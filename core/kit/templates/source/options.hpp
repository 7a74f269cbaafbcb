// The {{name}} source's options: declared once here (manifest, validation, help text, README
// table) and read into a typed struct once per instance.
#pragma once

#include <leadhub/sdk/options.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace {{identifier}}_plugin {

struct Options {
    std::string token;  // the shared secret senders prove themselves with; never logged
    std::string channel;
    std::size_t max_body_bytes = 65536;
};

std::vector<leadhub::sdk::OptionSpec> option_specs();

// Reads options the host already validated (defaults filled in). Throws std::invalid_argument,
// naming the option, for what the schema cannot say: an empty token or channel.
Options read_options(const leadhub::sdk::Options& options);

}  // namespace {{identifier}}_plugin
