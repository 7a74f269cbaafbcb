#include "options.hpp"

#include <stdexcept>

namespace leadhub::vk {

using sdk::OptionSpec;

const sdk::OptionSet<VkOptions>& vk_options() {
    static const sdk::OptionSet<VkOptions> set{
        OptionSpec::string("access_token",
                           "Community access token with the \"messages\" right (community settings -> "
                           "API usage -> Access tokens)")
            .is_required()
            .is_secret()
            .bind(&VkOptions::access_token),
        OptionSpec::integer("group_id", "The community's numeric id (without the minus sign), e.g. 218000123")
            .is_required()
            .at_least(1)
            .bind(&VkOptions::group_id),
        OptionSpec::string("mode", "callback: VK posts events to the hub's URL (Callback API); longpoll: the hub "
                                   "asks VK for them (Bots Long Poll API, no public address needed)")
            .with_default("callback")
            .bind_choice(&VkOptions::mode, {{"callback", Mode::callback}, {"longpoll", Mode::longpoll}}),
        OptionSpec::string("secret", "Callback mode: the \"Secret key\" of the Callback API server settings; "
                                     "events whose secret differs get 403. Required in callback mode")
            .is_secret()
            .with_default("")
            .bind(&VkOptions::secret),
        OptionSpec::string("confirmation_code", "Callback mode: the string VK shows under \"String to be returned\" "
                                                "in the Callback API settings. Required in callback mode")
            .with_default("")
            .bind(&VkOptions::confirmation_code),
        OptionSpec::string("api_url", "Base URL of the VK API methods (tests point it at a fake)")
            .with_default("https://api.vk.com/method")
            .bind(&VkOptions::api_url),
        OptionSpec::string("api_version", "VK API version sent with every call; set the same version in the "
                                          "community's Callback API or Long Poll API settings")
            .with_default("5.199")
            .bind(&VkOptions::api_version),
        OptionSpec::integer("poll_wait_s", "Long poll mode: seconds one poll waits for events (1-90); stopping the "
                                           "instance waits for the poll in flight, so keep it short")
            .with_default(10)
            .between(1, 90)
            .bind(&VkOptions::poll_wait_s),
    };
    return set;
}

VkOptions read_vk_options(const sdk::Options& options) {
    VkOptions out = vk_options().read(options);
    if (out.access_token.empty()) throw std::invalid_argument("option 'access_token' is required: the community token");
    if (out.mode == Mode::callback) {
        // Without the secret anyone who learns the URL could post messages in the customers' names.
        if (out.secret.empty())
            throw std::invalid_argument("option 'secret' is required in callback mode: the Callback API's secret key");
        if (out.confirmation_code.empty())
            throw std::invalid_argument("option 'confirmation_code' is required in callback mode: the string VK "
                                        "expects back when it confirms the server address");
    }
    while (!out.api_url.empty() && out.api_url.back() == '/') out.api_url.pop_back();
    if (out.api_url.empty()) throw std::invalid_argument("option 'api_url' must not be empty");
    return out;
}

const char* to_string(Mode mode) { return mode == Mode::longpoll ? "longpoll" : "callback"; }

}  // namespace leadhub::vk
