#include "options.hpp"

#include <stdexcept>

namespace {{identifier}}_plugin {

using leadhub::sdk::OptionSpec;

const leadhub::sdk::OptionSet<Options>& option_set() {
    static const leadhub::sdk::OptionSet<Options> set{
        OptionSpec::string("url", "Messaging endpoint that receives {\"chat\": ..., \"text\": ...}, http:// or https://")
            .is_required()
            .bind(&Options::url),
        OptionSpec::string("chat", "Recipient the endpoint delivers to: a chat id, a channel, a phone")
            .is_required()
            .bind(&Options::chat),
        OptionSpec::string("token", "Bearer token for the endpoint, given as ${ENV_NAME}; empty: no Authorization header")
            .is_secret()
            .with_default("")
            .bind(&Options::token),
        OptionSpec::integer("timeout_ms", "Whole-exchange timeout of one attempt, in milliseconds (100 to 120000)")
            .with_default(10000)
            .between(100, 120000)
            .bind(&Options::timeout_ms),
    };
    return set;
}

Options read_options(const leadhub::sdk::Options& options) {
    Options out = option_set().read(options);
    const bool http = out.url.rfind("http://", 0) == 0 || out.url.rfind("https://", 0) == 0;
    if (!http || out.url.find_first_of(" \r\n") != std::string::npos)
        throw std::invalid_argument("option 'url' must be an http:// or https:// address without spaces, got '" + out.url + "'");
    if (out.chat.empty()) throw std::invalid_argument("option 'chat' must not be empty");
    if (out.token.find_first_of("\r\n") != std::string::npos)
        throw std::invalid_argument("option 'token' must not contain a line break");
    return out;
}

}  // namespace {{identifier}}_plugin
