#include "options.hpp"

#include <stdexcept>

namespace {{identifier}}_plugin {

using leadhub::sdk::OptionSpec;

std::vector<OptionSpec> option_specs() {
    return {
        OptionSpec::string("url", "Where each lead is POSTed as JSON, http:// or https://").is_required(),
        OptionSpec::string("token", "Bearer token for the endpoint, given as ${ENV_NAME}; empty: no Authorization header")
            .is_secret()
            .with_default(""),
        OptionSpec::integer("timeout_ms", "Whole-exchange timeout of one attempt, in milliseconds (100 to 120000)")
            .with_default(10000)
            .between(100, 120000),
    };
}

Options read_options(const leadhub::sdk::Options& options) {
    Options out;
    out.url = options.str("url");
    const bool http = out.url.rfind("http://", 0) == 0 || out.url.rfind("https://", 0) == 0;
    if (!http || out.url.find_first_of(" \r\n") != std::string::npos)
        throw std::invalid_argument("option 'url' must be an http:// or https:// address without spaces, got '" + out.url + "'");
    out.token = options.str("token");
    if (out.token.find_first_of("\r\n") != std::string::npos)
        throw std::invalid_argument("option 'token' must not contain a line break");
    out.timeout_ms = static_cast<uint32_t>(options.integer("timeout_ms", 10000));
    return out;
}

}  // namespace {{identifier}}_plugin
