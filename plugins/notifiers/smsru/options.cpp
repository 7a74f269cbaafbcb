#include "options.hpp"

#include <leadhub/sdk/text_template.hpp>

#include <stdexcept>

namespace leadhub::smsru {

using sdk::OptionSpec;

const char* const kDefaultTemplate =
    "Новая заявка: {{name|без имени}}, {{phone}}, {{channel_title}}{{#service_names}}, {{service_names}}{{/service_names}}";

const sdk::OptionSet<SmsRuOptions>& smsru_options() {
    static const sdk::OptionSet<SmsRuOptions> set{
        OptionSpec::string("api_id", "The SMS.ru API key (личный кабинет → Программистам → api_id)")
            .is_required()
            .is_secret()
            .bind(&SmsRuOptions::api_id),
        OptionSpec::string("base_url", "SMS.ru's address; a test points it at a fake server")
            .with_default("https://sms.ru")
            .bind(&SmsRuOptions::base_url),
        OptionSpec::string_list("to",
                                "Who gets the SMS: \"assignee\" (the phone in the lead's assignee contacts) and/or "
                                "fixed Russian mobile numbers")
            .with_default(sdk::Json::array({"assignee"}))
            .bind(&SmsRuOptions::to),
        OptionSpec::string("template", "The SMS text over the lead ({{name}}, {{phone|…}}, {{#section}}…{{/section}})")
            .with_default(kDefaultTemplate)
            .bind(&SmsRuOptions::text_template),
        OptionSpec::string("from", "Sender name approved in SMS.ru (empty: the account's default)")
            .with_default("")
            .bind(&SmsRuOptions::from),
        OptionSpec::boolean("translit", "Send the text in Latin letters (cheaper: 160 characters per part)")
            .with_default(false)
            .bind(&SmsRuOptions::translit),
        OptionSpec::boolean("test", "SMS.ru's test mode: checks the request, sends nothing, charges nothing")
            .with_default(false)
            .bind(&SmsRuOptions::test),
        OptionSpec::integer("timeout_ms", "Timeout of one call to SMS.ru, in milliseconds (1000 to 60000)")
            .with_default(15000)
            .between(1000, 60000)
            .bind(&SmsRuOptions::timeout_ms),
    };
    return set;
}

SmsRuSettings read_smsru_settings(const sdk::Options& options) {
    SmsRuSettings out;
    out.options = smsru_options().read(options);
    const SmsRuOptions& o = out.options;
    if (o.api_id.empty()) throw std::invalid_argument("option 'api_id' is empty: give the key from SMS.ru's account");
    if (!(o.base_url.starts_with("http://") || o.base_url.starts_with("https://")) || o.base_url.find_first_of(" \r\n") != std::string::npos)
        throw std::invalid_argument("option 'base_url' must be an http:// or https:// address, got '" + o.base_url + "'");
    if (auto problem = sdk::check_template(o.text_template)) throw std::invalid_argument("option 'template': " + *problem);
    out.to = sms::read_phone_recipients(o.to);
    return out;
}

}  // namespace leadhub::smsru
