#include "options.hpp"

#include <leadhub/sdk/text_template.hpp>

#include <stdexcept>

namespace leadhub::smsc {

using sdk::OptionSpec;

const sdk::OptionSet<SmscOptions>& smsc_options() {
    static const sdk::OptionSet<SmscOptions> set{
        OptionSpec::string("login", "SMSC account login (with psw; or give apikey instead)").with_default("").bind(&SmscOptions::login),
        OptionSpec::string("psw", "SMSC password, or its lower-case MD5 (with login)").with_default("").is_secret().bind(&SmscOptions::psw),
        OptionSpec::string("apikey", "SMSC API key (Настройки → API), instead of login and psw")
            .with_default("")
            .is_secret()
            .bind(&SmscOptions::apikey),
        OptionSpec::string("base_url", "SMSC's address").with_default("https://smsc.ru").bind(&SmscOptions::base_url),
        OptionSpec::string("backup_url", "SMSC's backup address, used on every second attempt after a failure; empty: none")
            .with_default("https://www2.smsc.ru")
            .bind(&SmscOptions::backup_url),
        OptionSpec::string_list("to",
                                "Who gets the SMS: \"assignee\" (the phone in the lead's assignee contacts) and/or "
                                "fixed Russian mobile numbers")
            .with_default(sdk::Json::array({"assignee"}))
            .bind(&SmscOptions::to),
        OptionSpec::string("template", "The SMS text over the lead ({{name}}, {{phone|…}}, {{#section}}…{{/section}})")
            .with_default("Новая заявка: {{name|без имени}}, {{phone}}, {{channel_title}}{{#service_names}}, {{service_names}}{{/service_names}}")
            .bind(&SmscOptions::text_template),
        OptionSpec::string("sender", "Sender name registered in SMSC (empty: the account's default)")
            .with_default("")
            .bind(&SmscOptions::sender),
        OptionSpec::boolean("translit", "Send the text in Latin letters (cheaper: 160 characters per part)")
            .with_default(false)
            .bind(&SmscOptions::translit),
        OptionSpec::integer("timeout_ms", "Timeout of one call to SMSC, in milliseconds (1000 to 60000)")
            .with_default(15000)
            .between(1000, 60000)
            .bind(&SmscOptions::timeout_ms),
    };
    return set;
}

namespace {
void check_url(const std::string& option, const std::string& url) {
    if (!(url.starts_with("http://") || url.starts_with("https://")) || url.find_first_of(" \r\n") != std::string::npos)
        throw std::invalid_argument("option '" + option + "' must be an http:// or https:// address, got '" + url + "'");
}
}  // namespace

SmscSettings read_smsc_settings(const sdk::Options& options) {
    SmscSettings out;
    out.options = smsc_options().read(options);
    const SmscOptions& o = out.options;
    if (o.apikey.empty() && (o.login.empty() || o.psw.empty()))
        throw std::invalid_argument("options 'login' and 'psw' (or 'apikey') are required: SMSC needs one way to know the account");
    check_url("base_url", o.base_url);
    if (!o.backup_url.empty()) check_url("backup_url", o.backup_url);
    if (auto problem = sdk::check_template(o.text_template)) throw std::invalid_argument("option 'template': " + *problem);
    out.to = sms::read_phone_recipients(o.to);
    return out;
}

}  // namespace leadhub::smsc
