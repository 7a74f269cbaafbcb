// The tenant's lead handling: conversation window, scoring rules, and assignment to staff.
#include "config/sections.hpp"

#include <leadhub/sdk/suggest.hpp>

#include <algorithm>

namespace leadhub::config {

namespace {

const std::vector<std::string> kIntents = {"book", "reschedule", "cancel", "question", "complaint", "other"};
const std::vector<std::string> kStrategies = {"round_robin", "least_open", "fixed", "offer_all"};

std::vector<std::string> ids_of_services(const TenantConfig& tenant) {
    std::vector<std::string> ids;
    for (const auto& s : tenant.services) ids.push_back(s.id);
    return ids;
}

std::vector<std::string> ids_of_staff(const TenantConfig& tenant) {
    std::vector<std::string> ids;
    for (const auto& s : tenant.staff) ids.push_back(s.id);
    return ids;
}

// A list of names that must each be one of `known`; unknown ones are reported with a suggestion.
std::vector<std::string> read_known(YamlReader& reader, const YAML::Node& node, const std::vector<std::string>& known,
                                    const std::string& what) {
    std::vector<std::string> out;
    auto names = reader.marked_list(node, "a list of " + what + "s", true);
    if (!names) return out;
    for (const auto& name : *names) {
        if (std::find(known.begin(), known.end(), name.text) != known.end()) out.push_back(name.text);
        else reader.error(name.mark, "unknown " + what + " '" + name.text + "'" + sdk::suggestion_suffix(name.text, known));
    }
    return out;
}

std::vector<ScoringRule> read_scoring_rules(YamlReader& reader, const YAML::Node& list, const TenantConfig& tenant) {
    std::vector<ScoringRule> rules;
    if (!reader.expect_list(list, "a list of rules, e.g. [{intent: [book], has_date: true}, {urgent: true}]")) return rules;
    for (const auto& node : list) {
        if (!reader.expect_map(node, "a scoring rule, e.g. {intent: [book], has_date: true}")) continue;
        reader.check_keys(node, {"intent", "service", "urgent", "has_date", "has_time"}, "a scoring rule");
        ScoringRule rule;
        rule.intents = read_known(reader, reader.get(node, "intent"), kIntents, "intent");
        rule.services = read_known(reader, reader.get(node, "service"), ids_of_services(tenant), "service");
        rule.urgent = reader.boolean(reader.get(node, "urgent"), "urgent as true or false");
        rule.has_date = reader.boolean(reader.get(node, "has_date"), "has_date as true or false");
        rule.has_time = reader.boolean(reader.get(node, "has_time"), "has_time as true or false");
        rules.push_back(std::move(rule));
    }
    return rules;
}

void read_scoring(YamlReader& reader, const YAML::Node& node, TenantConfig& tenant) {
    if (!present(node) || !reader.expect_map(node, "scoring rules as a mapping with hot, warm, points")) return;
    reader.check_keys(node, {"hot", "warm", "points"}, "scoring");
    ScoringConfig& scoring = tenant.scoring;
    if (YAML::Node hot = reader.get(node, "hot"); present(hot)) scoring.hot = read_scoring_rules(reader, hot, tenant);
    if (YAML::Node warm = reader.get(node, "warm"); present(warm)) scoring.warm = read_scoring_rules(reader, warm, tenant);
    YAML::Node points = reader.get(node, "points");
    if (!present(points) || !reader.expect_map(points, "points as a mapping, e.g. {hot: 90, warm: 60, cold: 20}")) return;
    reader.check_keys(points, {"hot", "warm", "cold"}, "scoring points");
    for (auto [key, target] : {std::pair{"hot", &scoring.hot_points}, std::pair{"warm", &scoring.warm_points},
                               std::pair{"cold", &scoring.cold_points}})
        if (auto value = reader.integer(reader.get(points, key), "points from 0 to 100", 0, 100))
            *target = static_cast<int>(*value);
    if (!(scoring.hot_points >= scoring.warm_points && scoring.warm_points >= scoring.cold_points))
        reader.error(points.Mark(), "points must keep hot >= warm >= cold");
}

std::optional<AssignStrategy> read_strategy(YamlReader& reader, const YAML::Node& node) {
    auto text = reader.text(node, "a strategy: round_robin, least_open, fixed or offer_all");
    if (!text) return std::nullopt;
    auto it = std::find(kStrategies.begin(), kStrategies.end(), *text);
    if (it == kStrategies.end()) {
        reader.error(node.Mark(), "unknown strategy '" + *text + "': use round_robin, least_open, fixed or offer_all" +
                                      sdk::suggestion_suffix(*text, kStrategies));
        return std::nullopt;
    }
    return static_cast<AssignStrategy>(it - kStrategies.begin());
}

// `fixed: <staff id>` next to `strategy: fixed` (in a rule or at the top of the section).
void read_fixed(YamlReader& reader, const YAML::Node& map, std::optional<AssignStrategy> strategy,
                const TenantConfig& tenant, std::string& fixed) {
    YAML::Node node = reader.get(map, "fixed");
    auto staff = read_known(reader, node, ids_of_staff(tenant), "staff id");
    if (!staff.empty()) fixed = staff.front();
    if (strategy == AssignStrategy::fixed && fixed.empty() && !present(node))
        reader.error(reader.location(map), "strategy fixed needs 'fixed: <staff id>'");
}

AssignmentRule read_rule(YamlReader& reader, const YAML::Node& node, const TenantConfig& tenant) {
    AssignmentRule rule;
    rule.location = reader.location(node);
    reader.check_keys(node, {"when", "staff", "strategy", "fixed"}, "an assignment rule");
    YAML::Node when = reader.get(node, "when");
    if (present(when) && reader.expect_map(when, "conditions, e.g. {service: [haircut], channel: [telegram]}")) {
        reader.check_keys(when, {"service", "channel", "source"}, "assignment conditions");
        rule.services = read_known(reader, reader.get(when, "service"), ids_of_services(tenant), "service");
        if (auto channels = reader.text_list(reader.get(when, "channel"), "a list of channels", true)) rule.channels = *channels;
        std::vector<std::string> sources;
        for (const auto& s : tenant.sources) sources.push_back(s.name);
        rule.sources = read_known(reader, reader.get(when, "source"), sources, "source");
    }
    rule.staff = read_known(reader, reader.get(node, "staff"), ids_of_staff(tenant), "staff id");
    rule.strategy = read_strategy(reader, reader.get(node, "strategy"));
    read_fixed(reader, node, rule.strategy, tenant, rule.fixed);
    return rule;
}

void read_assignment(YamlReader& reader, const YAML::Node& node, TenantConfig& tenant) {
    if (!present(node) || !reader.expect_map(node, "assignment rules as a mapping, e.g. {strategy: round_robin}")) return;
    reader.check_keys(node, {"rules", "by_service", "returning_to_owner", "on_shift_only", "strategy", "fixed",
                             "max_open", "fallback"},
                      "assignment");
    AssignmentConfig& a = tenant.assignment;
    a.enabled = true;
    YAML::Node rules = reader.get(node, "rules");
    if (present(rules) && reader.expect_list(rules, "a list of assignment rules"))
        for (const auto& rule : rules)
            if (reader.expect_map(rule, "a rule, e.g. {when: {service: [haircut]}, staff: [olga, irina]}"))
                a.rules.push_back(read_rule(reader, rule, tenant));
    for (auto [key, target] : {std::pair{"by_service", &a.by_service}, std::pair{"returning_to_owner", &a.returning_to_owner},
                               std::pair{"on_shift_only", &a.on_shift_only}})
        if (auto value = reader.boolean(reader.get(node, key), std::string(key) + " as true or false")) *target = *value;
    if (auto strategy = read_strategy(reader, reader.get(node, "strategy"))) a.strategy = *strategy;
    read_fixed(reader, node, a.strategy, tenant, a.fixed);
    if (auto cap = reader.integer(reader.get(node, "max_open"), "max_open as a whole number (0: no cap)", 0, 10000))
        a.max_open = static_cast<int>(*cap);
    YAML::Node fallback = reader.get(node, "fallback");
    if (auto value = reader.text(fallback, "queue or a staff id")) {
        if (*value == "queue" || tenant.find_staff(*value)) a.fallback = *value;
        else {
            auto options = ids_of_staff(tenant);
            options.push_back("queue");
            reader.error(fallback.Mark(), "fallback '" + *value + "' is neither 'queue' nor a staff id" +
                                              sdk::suggestion_suffix(*value, options));
        }
    }
    if (tenant.staff.empty()) reader.error(reader.location(node), "assignment needs at least one person under 'staff'");
}

}  // namespace

const char* to_string(AssignStrategy strategy) {
    switch (strategy) {
        case AssignStrategy::round_robin: return "round_robin";
        case AssignStrategy::least_open: return "least_open";
        case AssignStrategy::fixed: return "fixed";
        case AssignStrategy::offer_all: return "offer_all";
    }
    return "round_robin";
}

ScoringConfig default_scoring() {
    ScoringConfig scoring;
    ScoringRule dated_booking;
    dated_booking.intents = {"book", "reschedule"};
    dated_booking.has_date = true;
    ScoringRule urgent;
    urgent.urgent = true;
    scoring.hot = {dated_booking, urgent};
    ScoringRule booking;
    booking.intents = {"book"};
    ScoringRule question;
    question.intents = {"question"};
    scoring.warm = {booking, question};
    return scoring;
}

void read_lead_sections(YamlReader& reader, const YAML::Node& tenant_node, TenantConfig& tenant) {
    YAML::Node conversation = reader.get(tenant_node, "conversation");
    if (present(conversation) && reader.expect_map(conversation, "a mapping, e.g. {window: 24h}")) {
        reader.check_keys(conversation, {"enabled", "window"}, "conversation");
        if (auto enabled = reader.boolean(reader.get(conversation, "enabled"), "enabled as true or false"))
            tenant.conversation.enabled = *enabled;
        if (auto window = reader.duration(reader.get(conversation, "window"))) tenant.conversation.window = *window;
    }
    read_scoring(reader, reader.get(tenant_node, "scoring"), tenant);
    read_assignment(reader, reader.get(tenant_node, "assignment"), tenant);
}

}  // namespace leadhub::config
