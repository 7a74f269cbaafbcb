#include "options.hpp"

#include "email_message.hpp"

#include <leadhub/sdk/text_template.hpp>

#include <algorithm>
#include <stdexcept>

namespace leadhub::email {

using sdk::OptionSpec;

const sdk::OptionSet<EmailOptions>& email_options() {
    static const sdk::OptionSet<EmailOptions> set{
        OptionSpec::string("host", "SMTP server, e.g. smtp.yandex.ru").is_required().bind(&EmailOptions::host),
        OptionSpec::integer("port", "SMTP port: 587 with starttls, 465 with tls").with_default(587).between(1, 65535).bind(&EmailOptions::port),
        OptionSpec::string("security", "starttls (587), tls (465), or none (only to this machine, or with allow_insecure)")
            .with_default("starttls")
            .bind_choice(&EmailOptions::security, {{"starttls", Security::starttls}, {"tls", Security::tls}, {"none", Security::none}}),
        OptionSpec::string("username", "SMTP login, usually the mailbox address; empty: no AUTH").with_default("").bind(&EmailOptions::username),
        OptionSpec::string("password", "SMTP password (an app password for Yandex, Mail.ru, Gmail)")
            .with_default("")
            .is_secret()
            .bind(&EmailOptions::password),
        OptionSpec::string("from", "Sender address; most servers want the login's own mailbox").is_required().bind(&EmailOptions::from),
        OptionSpec::string("from_name", "Sender name shown to staff").with_default("Заявки").bind(&EmailOptions::from_name),
        OptionSpec::string_list("to", "Who gets the e-mail: \"assignee\" (the address in the lead's assignee contacts) and/or fixed addresses")
            .with_default(sdk::Json::array({"assignee"}))
            .bind(&EmailOptions::to),
        OptionSpec::string("subject", "Subject template over the lead")
            .with_default("Новая заявка: {{name|без имени}}{{#phone}}, {{phone}}{{/phone}}")
            .bind(&EmailOptions::subject),
        OptionSpec::string("body", "Body template over the lead (plain text)")
            .with_default(
                "Новая заявка №{{id}} ({{channel_title}})\n\nИмя: {{name|не указано}}\nТелефон: {{phone|не указан}}\n"
                "{{#email}}E-mail: {{email}}\n{{/email}}{{#service_names}}Услуги: {{service_names}}\n{{/service_names}}"
                "{{#text}}\nСообщение:\n{{text}}\n{{/text}}{{#assignee_name}}\nОтветственный: {{assignee_name}}\n{{/assignee_name}}")
            .bind(&EmailOptions::body),
        OptionSpec::string("ca_file", "PEM file of the CA that signed the server's certificate; empty: the system's CAs")
            .with_default("")
            .bind(&EmailOptions::ca_file),
        OptionSpec::boolean("verify", "Check the server's certificate and name (turn off only for a test server)")
            .with_default(true)
            .bind(&EmailOptions::verify),
        OptionSpec::boolean("allow_insecure", "Allow security none to a server other than this machine (the password travels in clear)")
            .with_default(false)
            .bind(&EmailOptions::allow_insecure),
        OptionSpec::integer("timeout_ms", "Timeout of each step of the SMTP dialogue, in milliseconds (1000 to 120000)")
            .with_default(30000)
            .between(1000, 120000)
            .bind(&EmailOptions::timeout_ms),
    };
    return set;
}

namespace {
bool local_host(const std::string& host) { return host == "127.0.0.1" || host == "localhost" || host == "::1"; }
}  // namespace

EmailSettings read_email_settings(const sdk::Options& options) {
    EmailSettings out;
    out.options = email_options().read(options);
    const EmailOptions& o = out.options;
    if (o.host.empty() || o.host.find_first_of(" /\r\n") != std::string::npos)
        throw std::invalid_argument("option 'host' must be a host name, got '" + o.host + "'");
    if (o.security == Security::none && !local_host(o.host) && !o.allow_insecure)
        throw std::invalid_argument("option 'security': none sends mail (and the password) in clear; it is allowed only to "
                                    "127.0.0.1 or localhost, or with allow_insecure: true");
    if (!o.username.empty() && o.password.empty()) throw std::invalid_argument("option 'password' is required with a username");
    if (!is_plain_address(o.from)) throw std::invalid_argument("option 'from': '" + o.from + "' is not an e-mail address");
    if (o.from_name.find_first_of("\r\n") != std::string::npos) throw std::invalid_argument("option 'from_name' has a line break");
    for (const auto& entry : o.to) {
        if (entry == "assignee") {
            out.to_assignee = true;
            continue;
        }
        if (!is_plain_address(entry))
            throw std::invalid_argument("option 'to': '" + entry + "' is neither \"assignee\" nor an e-mail address");
        if (std::find(out.fixed_to.begin(), out.fixed_to.end(), entry) == out.fixed_to.end()) out.fixed_to.push_back(entry);
    }
    if (!out.to_assignee && out.fixed_to.empty()) throw std::invalid_argument("option 'to' names nobody");
    for (const auto& [name, text] : {std::pair{"subject", o.subject}, std::pair{"body", o.body}})
        if (auto problem = sdk::check_template(text)) throw std::invalid_argument(std::string("option '") + name + "': " + *problem);
    return out;
}

}  // namespace leadhub::email
