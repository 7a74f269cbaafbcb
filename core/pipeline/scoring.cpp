#include "pipeline/scoring.hpp"

#include <algorithm>

namespace leadhub::pipeline {

namespace {

bool holds(const config::ScoringRule& rule, const store::LeadReading& r) {
    auto has = [](const std::vector<std::string>& list, const std::string& v) {
        return std::find(list.begin(), list.end(), v) != list.end();
    };
    if (!rule.intents.empty() && !has(rule.intents, r.intent)) return false;
    if (!rule.services.empty() &&
        std::none_of(r.services.begin(), r.services.end(), [&](const std::string& s) { return has(rule.services, s); }))
        return false;
    if (rule.urgent && *rule.urgent != r.urgent) return false;
    if (rule.has_date && *rule.has_date != r.date.has_value()) return false;
    if (rule.has_time && *rule.has_time != r.time.has_value()) return false;
    return true;
}

bool any_holds(const std::vector<config::ScoringRule>& rules, const store::LeadReading& r) {
    return std::any_of(rules.begin(), rules.end(), [&](const config::ScoringRule& rule) { return holds(rule, r); });
}

}  // namespace

std::string score_of(const config::ScoringConfig& scoring, const store::LeadReading& reading) {
    if (any_holds(scoring.hot, reading)) return "hot";
    if (any_holds(scoring.warm, reading)) return "warm";
    return "cold";
}

int points_of(const config::ScoringConfig& scoring, const std::string& score) {
    if (score == "hot") return scoring.hot_points;
    if (score == "warm") return scoring.warm_points;
    return scoring.cold_points;
}

}  // namespace leadhub::pipeline
