#include "assignment/reassign.hpp"

#include "assignment/schedule.hpp"
#include "assignment/strategies.hpp"

#include <algorithm>

namespace leadhub::assignment {

namespace {

// (Named apart from assigner.cpp's helpers: the unity build puts both files in one unit.)
bool in_list(const std::vector<std::string>& list, const std::string& value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

bool overlaps(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    return std::any_of(a.begin(), a.end(), [&](const std::string& x) { return in_list(b, x); });
}

std::vector<const config::StaffConfig*> candidates(const config::TenantConfig& tenant, const LeadFacts& lead) {
    std::vector<const config::StaffConfig*> out;
    const config::AssignmentRule* rule = nullptr;
    for (const auto& r : tenant.assignment.rules) {
        bool matches = (r.services.empty() || overlaps(r.services, lead.services)) &&
                       (r.channels.empty() || in_list(r.channels, lead.channel)) &&
                       (r.sources.empty() || in_list(r.sources, lead.source));
        if (matches) {
            rule = &r;
            break;
        }
    }
    if (rule && !rule->staff.empty()) {
        for (const auto& id : rule->staff)
            if (const auto* person = tenant.find_staff(id)) out.push_back(person);
    } else {
        for (const auto& person : tenant.staff) out.push_back(&person);
    }
    if (tenant.assignment.by_service && !lead.services.empty()) {
        std::vector<const config::StaffConfig*> offering;
        for (const auto* person : out)
            if (overlaps(person->services, lead.services)) offering.push_back(person);
        if (!offering.empty()) out = std::move(offering);
    }
    return out;
}

}  // namespace

std::optional<store::Assignment> reassign(const config::TenantConfig& tenant, const LeadFacts& lead,
                                          const std::string& current_assignee, int64_t now_ms,
                                          store::AssignmentState& state) {
    const Moment now = local_moment(now_ms, tenant.timezone);
    std::vector<Candidate> available;
    for (const auto* person : candidates(tenant, lead)) {
        if (person->id == current_assignee || !on_shift(*person, now) || absent(*person, now)) continue;
        const int64_t open = state.open_leads(person->id);
        const int cap = person->max_open.value_or(tenant.assignment.max_open);
        if (cap > 0 && open >= cap) continue;
        available.push_back({person, open});
    }
    if (available.empty()) return std::nullopt;
    const Candidate& chosen = pick_least_open(available);
    std::string reason = "передано " + chosen.person->name + ": ";
    if (const auto* before = tenant.find_staff(current_assignee)) reason += before->name + " не ответил(а) вовремя; ";
    else reason += "заявку никто не взял вовремя; ";
    reason += "на смене, открытых: " + std::to_string(chosen.open);
    return store::Assignment{"assigned", chosen.person->id, {}, reason};
}

}  // namespace leadhub::assignment
