#include "options.hpp"

#include <leadhub/sdk/text_template.hpp>

#include <stdexcept>

namespace leadhub::amocrm {

using sdk::OptionSpec;

namespace {

const char* const kLeadName = "Заявка: {{service_names|без услуги}} — {{name|без имени}}";

// The reading and the conversation, for the manager who opens the lead. urgent_mark, utm_text,
// message_text and conversation_text are prepared by the plugin (amocrm_api.cpp, note_data).
const char* const kNote =
    "Заявка из канала «{{channel_title|—}}»\n"
    "Услуги: {{service_names|не определены}}\n"
    "{{#date}}Желаемое время: {{date}} {{time}}\n{{/date}}"
    "{{#urgent_mark}}{{urgent_mark}}\n{{/urgent_mark}}"
    "{{#score}}Оценка лида: {{score}}\n{{/score}}"
    "{{#phone}}Телефон: {{phone}}\n{{/phone}}"
    "{{#email}}E-mail: {{email}}\n{{/email}}"
    "{{#utm_text}}UTM: {{utm_text}}\n{{/utm_text}}"
    "{{#message_text}}\nСообщение: {{message_text}}\n{{/message_text}}"
    "{{#conversation_text}}\nПереписка:\n{{conversation_text}}{{/conversation_text}}";

const char* const kMessage = "Новое сообщение клиента ({{channel_title|—}}): {{message.text}}";

}  // namespace

const sdk::OptionSet<AmoOptions>& amo_options() {
    static const sdk::OptionSet<AmoOptions> set{
        OptionSpec::string("base_url", "The account's address, https://<subdomain>.amocrm.ru (or .kommo.com)")
            .is_required().bind(&AmoOptions::base_url),
        OptionSpec::string("access_token", "A long-lived token of a private integration; set this or the OAuth trio")
            .is_secret().with_default("").bind(&AmoOptions::access_token),
        OptionSpec::string("client_id", "OAuth: the integration's ID").with_default("").bind(&AmoOptions::client_id),
        OptionSpec::string("client_secret", "OAuth: the integration's secret key")
            .is_secret().with_default("").bind(&AmoOptions::client_secret),
        OptionSpec::string("redirect_uri", "OAuth: the redirect address registered in the integration")
            .with_default("").bind(&AmoOptions::redirect_uri),
        OptionSpec::integer("pipeline_id", "Pipeline for new leads; unset: the account's main pipeline")
            .at_least(1).bind(&AmoOptions::pipeline_id),
        OptionSpec::integer("status_id", "Stage for new leads; unset: the pipeline's first stage")
            .at_least(1).bind(&AmoOptions::status_id),
        OptionSpec::string_map("staff_map", "Hub staff id -> amoCRM user id, for the lead's responsible user")
            .with_default(sdk::Json::object()).bind(&AmoOptions::staff_map),
        OptionSpec::string("lead_name", "Template of the lead's name (the lead's key is appended in brackets)")
            .with_default(kLeadName).bind(&AmoOptions::lead_name),
        OptionSpec::string("note_template", "Template of the note added to a new lead")
            .with_default(kNote).bind(&AmoOptions::note_template),
        OptionSpec::string("message_template", "Template of the note for a later customer message")
            .with_default(kMessage).bind(&AmoOptions::message_template),
        OptionSpec::string("webhook_token", "Secret in the webhook URL (?token=...); required with crm_status_map")
            .is_secret().with_default("").bind(&AmoOptions::webhook_token),
        OptionSpec::integer("account_id", "Webhooks: accept only this account[id]; unset: not checked")
            .at_least(1).bind(&AmoOptions::account_id),
        OptionSpec::string("subdomain", "Webhooks: accept only this account[subdomain]; empty: not checked")
            .with_default("").bind(&AmoOptions::subdomain),
        OptionSpec::string_map("crm_status_map", "amoCRM status id -> hub status (new, in_work, booked, ...)")
            .with_default(sdk::Json::object()).bind(&AmoOptions::crm_status_map),
        OptionSpec::integer("timeout_ms", "Timeout of one API call in ms (1000 to 60000); a lead makes up to 4 calls")
            .with_default(7000).between(1000, 60000).bind(&AmoOptions::timeout_ms),
    };
    return set;
}

AmoOptions read_amo_options(const sdk::Options& options) {
    AmoOptions out = amo_options().read(options);
    if (!(out.base_url.starts_with("https://") || out.base_url.starts_with("http://")) ||
        out.base_url.find_first_of(" \r\n?#") != std::string::npos)
        throw std::invalid_argument("option 'base_url' must be https://<subdomain>.amocrm.ru, got '" + out.base_url + "'");
    while (out.base_url.ends_with("/")) out.base_url.pop_back();
    if (out.access_token.empty() && (out.client_id.empty() || out.client_secret.empty()))
        throw std::invalid_argument("set option 'access_token' (a long-lived token) or both 'client_id' and "
                                    "'client_secret' (OAuth, then run `leadhub crm connect`)");
    if (!out.crm_status_map.empty() && out.webhook_token.empty())
        throw std::invalid_argument("option 'crm_status_map' is set, so amoCRM webhooks are expected: set "
                                    "'webhook_token' (the secret in the webhook URL) too");
    static const char* const statuses[] = {"new", "in_work", "booked", "visited", "no_show", "cancelled", "lost", "nurture"};
    for (const auto& [stage, status] : out.crm_status_map) {
        bool known = false;
        for (const char* s : statuses) known = known || status == s;
        if (!known)
            throw std::invalid_argument("option 'crm_status_map': '" + stage + "' maps to '" + status +
                                        "', which is not a hub status (new, in_work, booked, visited, no_show, "
                                        "cancelled, lost, nurture)");
    }
    for (const auto& [name, text] : {std::pair{"lead_name", &out.lead_name}, {"note_template", &out.note_template},
                                     {"message_template", &out.message_template}})
        if (auto problem = sdk::check_template(*text))
            throw std::invalid_argument(std::string("option '") + name + "': " + *problem);
    return out;
}

}  // namespace leadhub::amocrm
