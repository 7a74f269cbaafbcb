// The {{name}} sink's options: declared once here (manifest, validation, help text, README table)
// and read into a typed struct once per instance.
#pragma once

#include <leadhub/sdk/options.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace {{identifier}}_plugin {

struct Options {
    std::string url;
    std::string token;  // sent as "Authorization: Bearer <token>" when set; never logged
    uint32_t timeout_ms = 10000;
};

std::vector<leadhub::sdk::OptionSpec> option_specs();

// Reads options the host already validated (defaults filled in). Throws std::invalid_argument,
// naming the option, for what the schema cannot say: a url that is not http:// or https://.
Options read_options(const leadhub::sdk::Options& options);

}  // namespace {{identifier}}_plugin
