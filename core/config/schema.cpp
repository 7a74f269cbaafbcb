// JSON Schema (draft-07) of the config for editors and `leadhub schema`. It mirrors the readers in
// this folder; the readers stay the authority (they also check cross-references like route names,
// which a schema cannot).
#include "config/config.hpp"

#include <leadhub/sdk/options.hpp>

namespace leadhub::config {

namespace {

Json ref(const std::string& name) { return {{"$ref", "#/definitions/" + name}}; }

Json object_of(Json properties, Json required = Json::array()) {
    Json out = {{"type", "object"}, {"additionalProperties", false}, {"properties", std::move(properties)}};
    if (!required.empty()) out["required"] = std::move(required);
    return out;
}

Json string_list(const std::string& description) {
    return {{"type", "array"}, {"items", {{"type", "string"}}}, {"description", description}};
}

Json string_or_list(const std::string& description) {
    return {{"description", description}, {"oneOf", Json::array({{{"type", "string"}}, string_list(description)})}};
}

Json dispatch_properties() {
    return {{"max_attempts", {{"type", "integer"}, {"minimum", 1}, {"maximum", 1000}, {"default", 12}}},
            {"max_age", ref("duration")},
            {"backoff", ref("backoff")},
            {"timeout", ref("duration")}};
}

// The instance schema for one kind, with each manifest's options attached by plugin name.
Json instance_schema(const std::string& kind, const std::vector<Json>& manifests) {
    Json properties = {{"name", ref("identifier")},
                       {"plugin", {{"type", "string"}, {"description", "the plugin's name from its manifest"}}},
                       {"options", {{"type", "object"}}},
                       {"enabled", {{"type", "boolean"}, {"default", true}}},
                       {"isolation",
                        {{"type", "string"},
                         {"enum", {"in_process", "process"}},
                         {"default", "in_process"},
                         {"description", "process: run the plugin in a child process of its own, so a crash cannot take the hub down"}}}};
    if (kind != "source") {
        properties["rate"] = object_of({{"per_second", {{"type", "number"}, {"exclusiveMinimum", 0}}},
                                        {"burst", {{"type", "number"}, {"minimum", 1}}}},
                                       {"per_second"});
        properties["concurrency"] = {{"type", "integer"}, {"minimum", 1}, {"maximum", 256}};
        properties.update(dispatch_properties());
    }
    Json schema = object_of(properties, {"name", "plugin"});
    Json names = Json::array();
    Json conditions = Json::array();
    for (const auto& manifest : manifests) {
        if (!manifest.is_object() || !manifest.contains("name") || !manifest.at("name").is_string()) continue;
        const Json kinds = manifest.value("kinds", Json::array());
        if (!kinds.is_array() || std::find(kinds.begin(), kinds.end(), Json(kind)) == kinds.end()) continue;
        const std::string name = manifest.at("name").get<std::string>();
        names.push_back(name);
        Json options = sdk::options_json_schema(manifest.value("options", Json::array()));
        Json then = {{"properties", {{"options", options}}}};
        if (options.contains("required")) then["required"] = Json::array({"options"});
        conditions.push_back({{"if", {{"properties", {{"plugin", {{"const", name}}}}}, {"required", {"plugin"}}}},
                              {"then", then}});
    }
    if (!names.empty()) schema["properties"]["plugin"]["enum"] = names;
    if (!conditions.empty()) schema["allOf"] = conditions;
    return schema;
}

Json scoring_schema() {
    Json flag = {{"type", "boolean"}};
    Json rule = object_of({{"intent", string_or_list("intents")},
                           {"service", string_or_list("service ids")},
                           {"urgent", flag},
                           {"has_date", flag},
                           {"has_time", flag}});
    Json points = {{"type", "integer"}, {"minimum", 0}, {"maximum", 100}};
    return object_of({{"hot", {{"type", "array"}, {"items", rule}}},
                      {"warm", {{"type", "array"}, {"items", rule}}},
                      {"points", object_of({{"hot", points}, {"warm", points}, {"cold", points}})}});
}

Json assignment_schema() {
    Json strategy = {{"enum", {"round_robin", "least_open", "fixed", "offer_all"}}, {"default", "round_robin"}};
    Json rule = object_of({{"when", object_of({{"service", string_or_list("service ids")},
                                               {"channel", string_or_list("channels")},
                                               {"source", string_or_list("source names")}})},
                           {"staff", string_or_list("staff ids")},
                           {"strategy", strategy},
                           {"fixed", {{"type", "string"}}}});
    Json flag = {{"type", "boolean"}, {"default", true}};
    return object_of({{"rules", {{"type", "array"}, {"items", rule}}},
                      {"by_service", flag},
                      {"returning_to_owner", flag},
                      {"on_shift_only", flag},
                      {"strategy", strategy},
                      {"fixed", {{"type", "string"}}},
                      {"max_open", {{"type", "integer"}, {"minimum", 0}, {"maximum", 10000}, {"default", 0}}},
                      {"fallback", {{"type", "string"}, {"default", "queue"}}}});
}

// `replies`: template names and channels are closed sets, as the reader checks them.
Json replies_schema() {
    Json templates = {{"type", "object"},
                      {"additionalProperties", false},
                      {"description", "template name -> text ({{field}}, {{field|fallback}}, {{#field}}...{{/field}}); "
                                      "docs/replies.md"}};
    for (const auto& name : reply_template_names()) templates["properties"][name] = {{"type", "string"}};
    Json channel = object_of({{"enabled", {{"type", "boolean"}}}, {"templates", templates}});
    Json channels = {{"type", "object"}, {"additionalProperties", false}};
    for (const auto& name : reply_channels()) channels["properties"][name] = channel;
    return object_of({{"enabled", {{"type", "boolean"}, {"default", true}}},
                      {"ask_for", {{"type", "array"},
                                   {"items", {{"enum", reply_ask_fields()}}},
                                   {"uniqueItems", true},
                                   {"default", reply_ask_fields()}}},
                      {"max_questions", {{"type", "integer"}, {"minimum", 0}, {"maximum", 10}, {"default", 3}}},
                      {"templates", templates},
                      {"channels", channels}});
}

Json texts_of(const std::vector<std::string>& names) {
    Json texts = {{"type", "object"}, {"additionalProperties", false}, {"description", "text name -> template"}};
    for (const auto& name : names) texts["properties"][name] = {{"type", "string"}};
    return texts;
}

Json off_or(Json mapping) { return {{"oneOf", Json::array({{{"enum", {"off", "none"}}}, std::move(mapping)})}}; }

// `sla`: tiers, their ladders, where alerts go (docs/conversations.md).
Json sla_schema() {
    Json at = {{"description", "a share of the target (100%) or a working time (30m)"},
               {"type", "string"},
               {"pattern", "^([0-9]{1,4}%|[0-9]+(ms|s|m|h|d))$"}};
    Json step = object_of({{"at", at},
                           {"remind", {{"enum", {"assignee"}}}},
                           {"notify", string_list("staff ids and roles")},
                           {"reassign", {{"const", true}}}},
                          {"at"});
    Json tier = {{"oneOf", Json::array({ref("duration"),
                                        {{"enum", {"none", "off"}}},
                                        object_of({{"target", ref("duration")}, {"ladder", {{"type", "array"}, {"items", step}}}},
                                                  {"target"})})}};
    return off_or(object_of({{"enabled", {{"type", "boolean"}, {"default", true}}},
                             {"hot", tier},
                             {"warm", tier},
                             {"cold", tier},
                             {"alerts_via", string_list("notifiers, or sources whose plugin also notifies")},
                             {"texts", texts_of({"reminder", "escalation", "reassigned"})}}));
}

Json reminders_schema() {
    return off_or(object_of({{"enabled", {{"type", "boolean"}, {"default", true}}},
                             {"before", {{"type", "array"}, {"items", ref("duration")}}},
                             {"sms_via", {{"type", "string"}, {"description", "a notifier that texts customers"}}},
                             {"texts", texts_of({"reminder", "confirmed", "cancelled", "moved", "rebook", "cancelled_alert",
                                                 "moved_alert", "unclear_alert", "unreachable_alert"})}}));
}

Json follow_ups_schema() {
    return off_or(object_of({{"enabled", {{"type", "boolean"}, {"default", true}}},
                             {"after", {{"type", "array"}, {"items", ref("duration")}}},
                             {"texts", string_list("one text per entry of after")}}));
}

// working_hours and quiet_hours; the reader also checks what a pattern cannot (from < to, overlaps,
// a day named twice, impossible dates).
Json working_hours_schema() {
    const std::string clock = "([01][0-9]|2[0-3]):[0-5][0-9]";
    const std::string end = "(" + clock + "|24:00)";
    const std::string interval = clock + " *- *" + end;
    Json intervals = {{"type", "string"},
                      {"pattern", "^(closed|" + interval + "( *, *" + interval + ")*)$"},
                      {"description", "\"10:00-21:00\", several separated by commas, or closed"}};
    const std::string day = "(mon|tue|wed|thu|fri|sat|sun)";
    const std::string item = day + "( *- *" + day + ")?";
    Json exceptions = {{"type", "object"},
                       {"minProperties", 1},
                       {"propertyNames", {{"pattern", "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}}},
                       {"additionalProperties", intervals},
                       {"description", "dated days (holidays, short days) that replace their weekday's hours"}};
    return {{"type", "object"},
            {"minProperties", 1},
            {"description", "when the business answers, on the tenant's clocks; days not named are closed; "
                            "not written: open around the clock"},
            {"propertyNames", {{"pattern", "^(daily|exceptions|" + item + "( *, *" + item + ")*)$"}}},
            {"properties", {{"exceptions", exceptions}}},
            {"additionalProperties", intervals}};
}

Json quiet_hours_schema() {
    const std::string clock = "([01][0-9]|2[0-3]):[0-5][0-9]";
    return {{"type", "string"},
            {"pattern", "^(none|off|" + clock + "-(" + clock + "|24:00))$"},
            {"default", "21:00-09:00"},
            {"description", "when customers are not messaged, may cross midnight; none or off: never quiet"}};
}

Json tenant_schema() {
    Json service = object_of({{"id", ref("identifier")},
                              {"name", {{"type", "string"}}},
                              {"keywords", string_list("words that point at this service")}},
                             {"id"});
    Json contacts = object_of({{"telegram", {{"type", "string"}}}, {"phone", {{"type", "string"}}},
                               {"email", {{"type", "string"}}}, {"whatsapp", {{"type", "string"}}},
                               {"vk", {{"type", "string"}}}, {"max", {{"type", "string"}}}});
    Json clock = {{"type", "string"}, {"pattern", "^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$"}};
    Json date = {{"type", "string"}, {"pattern", "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}};
    Json day_names = {{"enum", {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}}};
    Json shift = object_of({{"days", {{"oneOf", Json::array({day_names, {{"type", "array"}, {"items", day_names}}})}}},
                            {"from", clock},
                            {"to", clock}},
                           {"days", "from", "to"});
    Json absence = object_of({{"from", date}, {"to", date}}, {"from"});
    Json staff = object_of({{"id", ref("identifier")},
                            {"name", {{"type", "string"}}},
                            {"role", {{"type", "string"}, {"default", "master"}}},
                            {"services", string_list("service ids from the catalog")},
                            {"contacts", contacts},
                            {"shifts", {{"type", "array"}, {"items", shift}}},
                            {"absences", {{"type", "array"}, {"items", absence}}},
                            {"max_open", {{"type", "integer"}, {"minimum", 1}, {"maximum", 10000}}}},
                           {"id"});
    Json when = object_of({{"channel", string_or_list("channels")},
                           {"intent", string_or_list("intents")},
                           {"service", string_or_list("service ids")},
                           {"min_score", {{"type", "number"}, {"minimum", 0}, {"maximum", 100}}}});
    Json route = object_of({{"from", string_or_list("source names, or \"*\"")},
                            {"to", string_list("sink and notifier names")},
                            {"when", when}},
                           {"from", "to"});
    return object_of({{"id", ref("identifier")},
                      {"name", {{"type", "string"}}},
                      {"timezone", {{"type", "string"}, {"default", "Europe/Moscow"}}},
                      {"country", {{"type", "string"}, {"pattern", "^[A-Z]{2}$"}, {"default", "RU"}}},
                      {"services", {{"type", "array"}, {"items", service}}},
                      {"staff", {{"type", "array"}, {"items", staff}}},
                      {"sources", {{"type", "array"}, {"items", ref("source")}}},
                      {"sinks", {{"type", "array"}, {"items", ref("sink")}}},
                      {"notifiers", {{"type", "array"}, {"items", ref("notifier")}}},
                      {"processors", {{"type", "array"}, {"items", ref("processor")}}},
                      {"understanding", object_of({{"processor", {{"type", "string"},
                                                                  {"description", "a processor instance's name"}}}},
                                                  {"processor"})},
                      {"routes", {{"type", "array"}, {"items", route}}},
                      {"conversation", object_of({{"enabled", {{"type", "boolean"}, {"default", true}}}, {"window", ref("duration")}})},
                      {"scoring", scoring_schema()},
                      {"assignment", assignment_schema()},
                      {"working_hours", working_hours_schema()},
                      {"quiet_hours", quiet_hours_schema()},
                      {"replies", replies_schema()},
                      {"sla", sla_schema()},
                      {"reminders", reminders_schema()},
                      {"follow_ups", follow_ups_schema()}},
                     {"id"});
}

}  // namespace

Json config_json_schema(const std::vector<Json>& manifests) {
    Json definitions = {
        {"duration", {{"type", "string"}, {"pattern", "^[0-9]+(ms|s|m|h|d)$"}, {"description", "e.g. 250ms, 10s, 15m, 24h, 2d"}}},
        {"identifier", {{"type", "string"}, {"pattern", "^[a-z0-9_-]+$"}}},
        {"backoff", object_of({{"initial", ref("duration")},
                               {"max", ref("duration")},
                               {"multiplier", {{"type", "number"}, {"minimum", 1}, {"maximum", 100}}},
                               {"jitter", {{"type", "number"}, {"minimum", 0}, {"maximum", 1}}}})},
        {"source", instance_schema("source", manifests)},
        {"sink", instance_schema("sink", manifests)},
        {"notifier", instance_schema("notifier", manifests)},
        {"processor", instance_schema("processor", manifests)},
        {"tenant", tenant_schema()}};
    Json properties = {
        {"version", {{"const", 1}}},
        {"listen", {{"type", "string"}, {"default", "127.0.0.1:8080"}, {"description", "host:port"}}},
        {"admin", object_of({{"enabled", {{"type", "boolean"}, {"default", true}}},
                             {"token", {{"type", "string"}, {"description", "give it as ${LEADHUB_ADMIN_TOKEN}"}}}})},
        {"storage", object_of({{"path", {{"type", "string"}, {"default", "data/leadhub.db"}}}})},
        {"http", object_of({{"max_body_bytes", {{"type", "integer"}, {"minimum", 1024}, {"default", 1048576}}},
                            {"read_timeout", ref("duration")},
                            {"keep_alive_timeout", ref("duration")},
                            {"threads", {{"type", "integer"}, {"minimum", 1}, {"maximum", 256}, {"default", 4},
                                         {"description", "handler threads"}}},
                            {"io_threads", {{"type", "integer"}, {"minimum", 1}, {"maximum", 16}, {"default", 1},
                                            {"description", "event loops owning the sockets"}}},
                            {"max_connections", {{"type", "integer"}, {"minimum", 1}, {"maximum", 100000},
                                                 {"description", "open connections at most; default: from the open-files limit"}}},
                            {"max_connections_per_client", {{"type", "integer"}, {"minimum", 0}, {"maximum", 100000}, {"default", 256},
                                                            {"description", "open connections from one address at most; 0: no cap"}}}})},
        {"plugins", object_of({{"dirs", string_list("extra plugin directories")},
                               {"watch", {{"type", "boolean"}, {"default", false}}}})},
        {"dispatch", object_of(dispatch_properties())},
        {"logging", object_of({{"level", {{"enum", {"debug", "info", "warn", "error"}}, {"default", "info"}}}})},
        {"tenants", {{"type", "array"}, {"items", ref("tenant")}}},
        {"tenants_dir", {{"type", "string"}, {"description", "every *.yaml file in it is one more tenant"}}}};
    Json schema = object_of(properties, {"version"});
    schema["$schema"] = "http://json-schema.org/draft-07/schema#";
    schema["title"] = "leadhub config";
    schema["definitions"] = definitions;
    return schema;
}

}  // namespace leadhub::config
