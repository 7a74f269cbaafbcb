#include "options.hpp"

#include <leadhub/sdk/safe_text.hpp>

#include <stdexcept>

namespace leadhub::instagram {

using sdk::OptionSpec;

const sdk::OptionSet<InstagramOptions>& instagram_options() {
    static const sdk::OptionSet<InstagramOptions> set{
        OptionSpec::string("access_token",
                           "Token that may send Instagram messages: the Facebook Page's token "
                           "(instagram_manage_messages), or an Instagram user token with api_url "
                           "https://graph.instagram.com")
            .is_required()
            .is_secret()
            .bind(&InstagramOptions::access_token),
        OptionSpec::string("app_secret",
                           "The Meta app's App Secret (App settings -> Basic): checks X-Hub-Signature-256 of every "
                           "webhook")
            .is_required()
            .is_secret()
            .bind(&InstagramOptions::app_secret),
        OptionSpec::string("verify_token",
                           "Any long random string, typed again as Verify Token in the app's Webhooks settings "
                           "(object Instagram)")
            .is_required()
            .is_secret()
            .bind(&InstagramOptions::verify_token),
        OptionSpec::string("api_url", "Graph API base URL (tests point it at a fake)")
            .with_default("https://graph.facebook.com")
            .bind(&InstagramOptions::api_url),
        OptionSpec::string("api_version", "Graph API version of the send calls")
            .with_default("v21.0")
            .bind(&InstagramOptions::api_version),
        OptionSpec::string("account_id",
                           "Who sends: \"me\" (the token's own Page or account) or the Instagram professional "
                           "account id")
            .with_default("me")
            .bind(&InstagramOptions::account_id),
    };
    return set;
}

InstagramOptions read_instagram_options(const sdk::Options& options) {
    InstagramOptions out = instagram_options().read(options);
    // Required by the schema, but "" would still pass it: an empty secret would accept anyone's
    // signature or token, so it is refused here by name.
    for (const auto& [name, value] : {std::pair{"access_token", &out.access_token},
                                      std::pair{"app_secret", &out.app_secret},
                                      std::pair{"verify_token", &out.verify_token}})
        if (value->empty()) throw std::invalid_argument(std::string("option '") + name + "' must not be empty");
    if (!out.api_url.starts_with("https://") && !out.api_url.starts_with("http://"))
        throw std::invalid_argument("option 'api_url' must start with https:// (got '" + sdk::escape_control(out.api_url) + "')");
    if (out.api_version.empty()) throw std::invalid_argument("option 'api_version' must not be empty");
    if (out.account_id.empty() || out.account_id.find('/') != std::string::npos)
        throw std::invalid_argument("option 'account_id' must be \"me\" or an account id");
    return out;
}

}  // namespace leadhub::instagram
