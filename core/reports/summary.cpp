#include "reports/summary.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace leadhub::reports {

namespace {

using Json = nlohmann::json;

// Nearest rank: the smallest value with at least `p` of the values at or below it.
Json percentile(std::vector<int64_t> values, double p) {
    if (values.empty()) return nullptr;
    std::sort(values.begin(), values.end());
    const auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(values.size())));
    return values[std::max<std::size_t>(rank, 1) - 1];
}

Json times(const std::vector<int64_t>& values) {
    return {{"count", values.size()}, {"median_ms", percentile(values, 0.5)}, {"p90_ms", percentile(values, 0.9)}};
}

Json ratio(std::size_t part, std::size_t whole) {
    if (whole == 0) return nullptr;
    return std::round(1000.0 * static_cast<double>(part) / static_cast<double>(whole)) / 1000.0;
}

struct Count {
    std::size_t leads = 0, booked = 0;
};

Json breakdown(const std::map<std::string, Count>& counts) {
    Json out = Json::object();
    for (const auto& [key, c] : counts)
        out[key.empty() ? "(none)" : key] = {{"leads", c.leads}, {"booked", c.booked}, {"conversion", ratio(c.booked, c.leads)}};
    return out;
}

bool open_status(const std::string& status) {
    return status == "new" || status == "in_work" || status == "booked" || status == "nurture";
}

}  // namespace

Json summary(const std::vector<store::LeadFacts>& leads) {
    std::map<std::string, Count> by_channel, by_source, by_utm_source, by_campaign;
    std::vector<int64_t> auto_reply, response;
    std::size_t unanswered = 0, booked = 0, visited = 0, no_show = 0, visited_confirmed = 0, no_show_confirmed = 0;
    std::map<std::string, std::size_t> breaches, lost;
    struct Person {
        std::size_t leads = 0, open = 0, breaches = 0;
        std::vector<int64_t> reaction;
    };
    std::map<std::string, Person> staff;
    for (const auto& l : leads) {
        auto count = [&](std::map<std::string, Count>& m, const std::string& key) {
            m[key].leads++;
            if (l.ever_booked) m[key].booked++;
        };
        count(by_channel, l.channel);
        count(by_source, l.source);
        count(by_utm_source, l.utm_source);
        count(by_campaign, l.utm_campaign);
        if (l.first_auto_reply_at_ms) auto_reply.push_back(*l.first_auto_reply_at_ms - l.received_at_ms);
        if (l.first_response_at_ms) response.push_back(*l.first_response_at_ms - l.received_at_ms);
        else unanswered++;
        if (l.ever_booked) booked++;
        if (l.status == "visited") (l.reminder_confirmed ? visited_confirmed : visited)++;
        if (l.status == "no_show") (l.reminder_confirmed ? no_show_confirmed : no_show)++;
        if (!l.breach_tier.empty()) breaches[l.breach_tier]++;
        if (l.status == "lost") lost[l.lost_reason.empty() ? "(не указана)" : l.lost_reason]++;
        if (!l.assignee.empty()) {
            Person& p = staff[l.assignee];
            p.leads++;
            if (open_status(l.status)) p.open++;
            if (!l.breach_tier.empty()) p.breaches++;
            if (l.first_response_at_ms) p.reaction.push_back(*l.first_response_at_ms - l.received_at_ms);
        }
    }
    std::size_t breach_total = 0;
    for (const auto& [tier, n] : breaches) breach_total += n;
    const std::size_t all_visited = visited + visited_confirmed, all_no_show = no_show + no_show_confirmed;
    Json people = Json::object();
    for (const auto& [id, p] : staff)
        people[id] = {{"leads", p.leads}, {"open", p.open}, {"breaches", p.breaches}, {"median_reaction_ms", percentile(p.reaction, 0.5)}};
    Json first_response = times(response);
    first_response["unanswered"] = unanswered;
    return {
        {"leads", {{"total", leads.size()},
                   {"by_channel", breakdown(by_channel)},
                   {"by_source", breakdown(by_source)},
                   {"by_utm_source", breakdown(by_utm_source)},
                   {"by_utm_campaign", breakdown(by_campaign)}}},
        {"first_auto_reply", times(auto_reply)},
        {"first_response", first_response},
        {"sla", {{"breaches", breach_total}, {"by_tier", breaches}}},
        {"bookings", {{"booked", booked}, {"conversion", ratio(booked, leads.size())}}},
        {"visits", {{"visited", all_visited},
                    {"no_show", all_no_show},
                    {"no_show_rate", ratio(all_no_show, all_visited + all_no_show)},
                    {"confirmed_reminder", {{"visited", visited_confirmed}, {"no_show", no_show_confirmed},
                                            {"no_show_rate", ratio(no_show_confirmed, visited_confirmed + no_show_confirmed)}}},
                    {"no_confirmed_reminder", {{"visited", visited}, {"no_show", no_show},
                                               {"no_show_rate", ratio(no_show, visited + no_show)}}}}},
        {"staff", people},
        {"lost_reasons", lost},
    };
}

}  // namespace leadhub::reports
