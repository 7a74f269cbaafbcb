#include "options.hpp"

#include <stdexcept>

namespace {{identifier}}_plugin {

using leadhub::sdk::OptionSpec;

std::vector<OptionSpec> option_specs() {
    return {
        OptionSpec::string("token", "Secret every request carries in the X-Token header (or as ?token=); "
                                    "others get 403. Give it as ${ENV_NAME}")
            .is_required()
            .is_secret(),
        OptionSpec::string("channel", "Channel name the hub records for these enquiries").with_default("{{name}}"),
        OptionSpec::integer("max_body_bytes", "Largest request body accepted, in bytes; bigger ones get 413")
            .with_default(65536)
            .between(256, 10485760),
    };
}

Options read_options(const leadhub::sdk::Options& options) {
    Options out;
    out.token = options.str("token");
    if (out.token.empty()) throw std::invalid_argument("option 'token' must not be empty: anyone could post leads");
    out.channel = options.str("channel", "{{name}}");
    if (out.channel.empty()) throw std::invalid_argument("option 'channel' must not be empty");
    out.max_body_bytes = static_cast<std::size_t>(options.integer("max_body_bytes", 65536));
    return out;
}

}  // namespace {{identifier}}_plugin
