#include "options.hpp"

#include <leadhub/sdk/text_template.hpp>

#include <set>
#include <stdexcept>

namespace leadhub::bitrix24 {

using sdk::Json;
using sdk::OptionSpec;

namespace {

// What a new lead's COMMENTS say: the hub's reading first, then the conversation. The extra
// values (urgent_text, conversation_text) are computed by the plugin (bitrix24_api.cpp).
const char* kCommentsTemplate =
    "Канал: {{channel_title}}\n"
    "{{#service_names}}Услуги: {{service_names}}\n{{/service_names}}"
    "{{#date}}Когда: {{date}}{{#time}} {{time}}{{/time}}\n{{/date}}"
    "{{^date}}{{#daypart}}Когда: {{daypart}}\n{{/daypart}}{{/date}}"
    "{{#urgent_text}}Срочность: {{urgent_text}}\n{{/urgent_text}}"
    "{{#score}}Оценка: {{score}}\n{{/score}}"
    "{{#assignment_reason}}Назначение: {{assignment_reason}}\n{{/assignment_reason}}"
    "\n{{conversation_text}}";

const std::set<std::string> kHubStatuses = {"new", "in_work", "booked", "visited", "no_show", "cancelled", "lost", "nurture"};

}  // namespace

const sdk::OptionSet<Bitrix24Options>& bitrix24_options() {
    using O = Bitrix24Options;
    static const sdk::OptionSet<Bitrix24Options> set{
        OptionSpec::string("webhook_url", "Inbound webhook address, https://<portal>/rest/<user id>/<code>/ (or use the OAuth options)")
            .is_secret().bind(&O::webhook_url),
        OptionSpec::string("portal_url", "OAuth application: the portal's address, https://<portal>.bitrix24.ru").bind(&O::portal_url),
        OptionSpec::string("client_id", "OAuth application: its client_id (application code)").bind(&O::client_id),
        OptionSpec::string("client_secret", "OAuth application: its client_secret (application key)").is_secret().bind(&O::client_secret),
        OptionSpec::string("refresh_token", "OAuth application: the first refresh token; later ones are kept in the hub's state")
            .is_secret().bind(&O::refresh_token),
        OptionSpec::string("access_token", "OAuth application: the first access token (optional: refreshed on first use)")
            .is_secret().bind(&O::access_token),
        OptionSpec::string("oauth_url", "OAuth token endpoint").with_default("https://oauth.bitrix.info/oauth/token/").bind(&O::oauth_url),
        OptionSpec::string("application_token", "The outgoing webhook's application token, checked on every event")
            .is_required().is_secret().bind(&O::application_token),
        OptionSpec::string("portal_domain", "Events must carry this auth[domain], e.g. salon.bitrix24.ru (empty: not checked)")
            .with_default("").bind(&O::portal_domain),
        OptionSpec::string("member_id", "Events must carry this auth[member_id] (empty: not checked)").with_default("").bind(&O::member_id),
        OptionSpec::string("title_template", "TITLE of a new lead (a text template over the lead)")
            .with_default(
                "Заявка: {{service_names}}{{^service_names}}обращение{{/service_names}} — {{name}}{{^name}}без имени{{/name}}").bind(&O::title_template),
        OptionSpec::string("comments_template", "COMMENTS of a new lead: the hub's reading and the conversation")
            .with_default(kCommentsTemplate).bind(&O::comments_template),
        OptionSpec::string("comment_template", "Timeline comment on an existing contact or lead for a new enquiry ({{title}}, {{comments}})")
            .with_default("Новое обращение через leadhub: {{title}}\n\n{{comments}}").bind(&O::comment_template),
        OptionSpec::string("message_template", "Timeline comment for a later customer message ({{message.text}})")
            .with_default("Новое сообщение клиента ({{channel_title}}): {{message.text}}").bind(&O::message_template),
        OptionSpec::string_map("source_map", "SOURCE_ID per channel, over webform→WEB, call→CALL; other channels: OTHER")
            .with_default(Json::object()).bind(&O::source_map),
        OptionSpec::string_map("staff_map", "ASSIGNED_BY_ID per leadhub staff id (the lead's assignee)")
            .with_default(Json::object()).bind(&O::staff_map),
        OptionSpec::string_map("crm_status_map", "The hub's status per Bitrix24 stage (STATUS_ID of leads, STAGE_ID of deals); other stages change nothing")
            .with_default(Json{{"NEW", "new"}, {"IN_PROCESS", "in_work"}, {"PROCESSED", "booked"}, {"CONVERTED", "visited"},
                               {"JUNK", "lost"}, {"WON", "visited"}, {"LOSE", "lost"}})
            .bind(&O::crm_status_map),
        OptionSpec::string_list("match_existing", "Existing records found by phone or e-mail that get a comment instead of a new lead, in order: contact, lead")
            .with_default(Json::array({"contact", "lead"})).bind(&O::match_existing),
        OptionSpec::string("booked_for_field", "A UF_CRM_* field holding the visit's date and time, read into booked_for (empty: none)")
            .with_default("").bind(&O::booked_for_field),
        OptionSpec::boolean("register_sonet_event", "Tell the responsible person about a new lead (params.REGISTER_SONET_EVENT)")
            .with_default(true).bind(&O::register_sonet_event),
        OptionSpec::integer("timeout_ms", "Timeout of one call to Bitrix24 in a delivery, in milliseconds")
            .with_default(20000).between(1000, 60000).bind(&O::timeout_ms),
        OptionSpec::integer("status_timeout_ms", "Timeout of reading a lead or deal while answering an event, in milliseconds")
            .with_default(4000).between(500, 20000).bind(&O::status_timeout_ms),
    };
    return set;
}

namespace {

bool is_http_url(const std::string& url) {
    return (url.starts_with("https://") || url.starts_with("http://")) && url.find_first_of(" \r\n\t") == std::string::npos;
}

std::string with_slash(std::string url) {
    if (!url.empty() && url.back() != '/') url += '/';
    return url;
}

void check_template(const char* option, const std::string& text) {
    if (auto problem = sdk::check_template(text)) throw std::invalid_argument(std::string("option '") + option + "': " + *problem);
}

}  // namespace

Bitrix24Options read_bitrix24_options(const sdk::Options& options) {
    Bitrix24Options out = bitrix24_options().read(options);
    const bool oauth = !out.portal_url.empty() || !out.client_id.empty() || !out.refresh_token.empty();
    if (!out.webhook_url.empty() && oauth)
        throw std::invalid_argument("set either option 'webhook_url' or the OAuth options (portal_url, client_id, ...), not both");
    if (out.webhook_url.empty()) {
        if (out.portal_url.empty() || out.client_id.empty() || out.client_secret.empty() || out.refresh_token.empty())
            throw std::invalid_argument("set option 'webhook_url' (an inbound webhook), or 'portal_url', 'client_id', "
                                        "'client_secret' and 'refresh_token' (an OAuth application)");
        if (!is_http_url(out.portal_url)) throw std::invalid_argument("option 'portal_url' must be an https:// address");
        if (!is_http_url(out.oauth_url)) throw std::invalid_argument("option 'oauth_url' must be an https:// address");
        out.portal_url = with_slash(out.portal_url);
    } else {
        if (!is_http_url(out.webhook_url) || out.webhook_url.find("/rest/") == std::string::npos)
            throw std::invalid_argument("option 'webhook_url' must look like https://<portal>/rest/<user id>/<code>/");
        out.webhook_url = with_slash(out.webhook_url);
    }
    if (out.application_token.empty()) throw std::invalid_argument("option 'application_token' must not be empty");
    check_template("title_template", out.title_template);
    check_template("comments_template", out.comments_template);
    check_template("comment_template", out.comment_template);
    check_template("message_template", out.message_template);
    for (const auto& [stage, status] : out.crm_status_map)
        if (!kHubStatuses.count(status))
            throw std::invalid_argument("option 'crm_status_map': '" + status + "' (for " + stage +
                                        ") is not a hub status: new, in_work, booked, visited, no_show, cancelled, lost, nurture");
    for (const auto& kind : out.match_existing)
        if (kind != "contact" && kind != "lead")
            throw std::invalid_argument("option 'match_existing': '" + kind + "' is neither contact nor lead");
    if (!out.booked_for_field.empty() && !out.booked_for_field.starts_with("UF_CRM_"))
        throw std::invalid_argument("option 'booked_for_field' must name a UF_CRM_* field");
    return out;
}

std::string source_id_for(const Bitrix24Options& options, const std::string& channel) {
    if (auto it = options.source_map.find(channel); it != options.source_map.end()) return it->second;
    if (channel == "webform") return "WEB";
    if (channel == "call") return "CALL";
    return "OTHER";
}

}  // namespace leadhub::bitrix24
