#include "options.hpp"

#include <leadhub/sdk/safe_text.hpp>

#include <stdexcept>

namespace leadhub::whatsapp {

using sdk::OptionSpec;

const sdk::OptionSet<WhatsappOptions>& whatsapp_options() {
    static const sdk::OptionSet<WhatsappOptions> set{
        OptionSpec::string("access_token",
                           "Permanent token of a System User with whatsapp_business_messaging (Business Settings -> "
                           "System users -> Generate token)")
            .is_required()
            .is_secret()
            .bind(&WhatsappOptions::access_token),
        OptionSpec::string("app_secret",
                           "The Meta app's App Secret (App settings -> Basic): checks X-Hub-Signature-256 of every "
                           "webhook")
            .is_required()
            .is_secret()
            .bind(&WhatsappOptions::app_secret),
        OptionSpec::string("verify_token",
                           "Any long random string, typed again as Verify Token in the app's WhatsApp -> "
                           "Configuration -> Webhook")
            .is_required()
            .is_secret()
            .bind(&WhatsappOptions::verify_token),
        OptionSpec::string("api_url", "Graph API base URL (tests point it at a fake)")
            .with_default("https://graph.facebook.com")
            .bind(&WhatsappOptions::api_url),
        OptionSpec::string("api_version", "Graph API version of the send calls")
            .with_default("v21.0")
            .bind(&WhatsappOptions::api_version),
        OptionSpec::string("template_name",
                           "Approved message template for replies outside the 24-hour window, with one body "
                           "parameter {{1}} that receives the reply text. Empty: such replies fail")
            .with_default("")
            .bind(&WhatsappOptions::template_name),
        OptionSpec::string("template_language", "Language code the template was approved in")
            .with_default("ru")
            .bind(&WhatsappOptions::template_language),
    };
    return set;
}

WhatsappOptions read_whatsapp_options(const sdk::Options& options) {
    WhatsappOptions out = whatsapp_options().read(options);
    // Required by the schema, but "" would still pass it: an empty secret would accept anyone's
    // signature or token, so it is refused here by name.
    for (const auto& [name, value] : {std::pair{"access_token", &out.access_token},
                                      std::pair{"app_secret", &out.app_secret},
                                      std::pair{"verify_token", &out.verify_token}})
        if (value->empty()) throw std::invalid_argument(std::string("option '") + name + "' must not be empty");
    if (!out.api_url.starts_with("https://") && !out.api_url.starts_with("http://"))
        throw std::invalid_argument("option 'api_url' must start with https:// (got '" + sdk::escape_control(out.api_url) + "')");
    if (out.api_version.empty()) throw std::invalid_argument("option 'api_version' must not be empty");
    if (!out.template_name.empty() && out.template_language.empty())
        throw std::invalid_argument("option 'template_language' must not be empty when template_name is set");
    return out;
}

}  // namespace leadhub::whatsapp
