#include "options.hpp"

#include <stdexcept>

namespace {{identifier}}_plugin {

using leadhub::sdk::OptionSpec;

const leadhub::sdk::OptionSet<Options>& option_set() {
    static const leadhub::sdk::OptionSet<Options> set{
        OptionSpec::string("token", "Secret every request carries in the X-Token header (or as ?token=); "
                                    "others get 403. Give it as ${ENV_NAME}")
            .is_required()
            .is_secret()
            .bind(&Options::token),
        OptionSpec::string("channel", "Channel name the hub records for these enquiries").with_default("{{name}}").bind(&Options::channel),
        OptionSpec::integer("max_body_bytes", "Largest request body accepted, in bytes; bigger ones get 413")
            .with_default(65536)
            .between(256, 10485760)
            .bind(&Options::max_body_bytes),
    };
    return set;
}

Options read_options(const leadhub::sdk::Options& options) {
    Options out = option_set().read(options);
    if (out.token.empty()) throw std::invalid_argument("option 'token' must not be empty: anyone could post leads");
    if (out.channel.empty()) throw std::invalid_argument("option 'channel' must not be empty");
    return out;
}

}  // namespace {{identifier}}_plugin
