#include "assignment/assigner.hpp"

#include "assignment/schedule.hpp"
#include "assignment/strategies.hpp"

#include <algorithm>

namespace leadhub::assignment {

namespace {

using config::AssignStrategy;

bool contains(const std::vector<std::string>& list, const std::string& value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

bool shares_any(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    return std::any_of(a.begin(), a.end(), [&](const std::string& x) { return contains(b, x); });
}

bool rule_matches(const config::AssignmentRule& rule, const LeadFacts& lead) {
    if (!rule.services.empty() && !shares_any(rule.services, lead.services)) return false;
    if (!rule.channels.empty() && !contains(rule.channels, lead.channel)) return false;
    if (!rule.sources.empty() && !contains(rule.sources, lead.source)) return false;
    return true;
}

// What the lead is, as the reason starts: the first service's name, else the channel.
std::string subject_of(const config::TenantConfig& tenant, const LeadFacts& lead) {
    for (const auto& id : lead.services)
        if (const auto* service = tenant.find_service(id)) return service->name;
    return lead.channel.empty() ? std::string("заявка") : lead.channel;
}

const char* strategy_words(AssignStrategy strategy) {
    switch (strategy) {
        case AssignStrategy::round_robin: return "по очереди";
        case AssignStrategy::least_open: return "меньше всех открытых";
        case AssignStrategy::fixed: return "закреплён(а) правилом";
        case AssignStrategy::offer_all: return "кто первый возьмёт";
    }
    return "";
}

class Decision {
public:
    Decision(const config::TenantConfig& tenant, const LeadFacts& lead, store::AssignmentState& state)
        : tenant_(tenant), config_(tenant.assignment), lead_(lead), state_(state),
          now_(local_moment(lead.received_at_ms, tenant.timezone)), subject_(subject_of(tenant, lead)) {}

    store::Assignment run() {
        choose_candidates();
        if (config_.returning_to_owner)
            if (auto owner = returning_owner()) return assigned(*owner, "постоянный клиент, прежний ответственный");
        std::vector<Candidate> available;
        for (const auto* person : candidates_)
            if (is_available(*person)) available.push_back({person, open_of(*person)});
        if (available.empty()) return fallback();
        switch (strategy_) {
            case AssignStrategy::round_robin:
                return assigned(pick_round_robin(available, order(), turn_key_, state_), strategy_words(strategy_));
            case AssignStrategy::least_open:
                return assigned(pick_least_open(available), strategy_words(strategy_));
            case AssignStrategy::fixed:
                for (const auto& c : available)
                    if (c.person->id == fixed_) return assigned(c, strategy_words(strategy_));
                return fallback();
            case AssignStrategy::offer_all:
                return offered(available);
        }
        return fallback();
    }

private:
    void choose_candidates() {
        const config::AssignmentRule* rule = nullptr;
        for (std::size_t i = 0; i < config_.rules.size() && !rule; ++i)
            if (rule_matches(config_.rules[i], lead_)) {
                rule = &config_.rules[i];
                turn_key_ = "round_robin:rule" + std::to_string(i + 1);
            }
        strategy_ = rule && rule->strategy ? *rule->strategy : config_.strategy;
        fixed_ = rule && !rule->fixed.empty() ? rule->fixed : config_.fixed;
        if (rule && !rule->staff.empty()) {
            for (const auto& id : rule->staff)
                if (const auto* person = tenant_.find_staff(id)) candidates_.push_back(person);
        } else {
            for (const auto& person : tenant_.staff) candidates_.push_back(&person);
        }
        if (config_.by_service && !lead_.services.empty()) {
            std::vector<const config::StaffConfig*> offering;
            for (const auto* person : candidates_)
                if (shares_any(person->services, lead_.services)) offering.push_back(person);
            if (!offering.empty()) candidates_ = std::move(offering);
        }
    }

    std::vector<std::string> order() const {
        std::vector<std::string> ids;
        for (const auto* person : candidates_) ids.push_back(person->id);
        return ids;
    }

    int64_t open_of(const config::StaffConfig& person) {
        auto it = std::find_if(open_.begin(), open_.end(), [&](const auto& e) { return e.first == person.id; });
        if (it != open_.end()) return it->second;
        int64_t open = state_.open_leads(person.id);
        open_.emplace_back(person.id, open);
        return open;
    }

    int cap_of(const config::StaffConfig& person) const { return person.max_open.value_or(config_.max_open); }

    bool is_available(const config::StaffConfig& person) {
        if (config_.on_shift_only && !on_shift(person, now_)) {
            unavailable_off_shift_ = true;
            return false;
        }
        if (absent(person, now_)) {
            unavailable_off_shift_ = true;
            return false;
        }
        int cap = cap_of(person);
        if (cap > 0 && open_of(person) >= cap) {
            unavailable_capped_ = true;
            return false;
        }
        return true;
    }

    std::optional<Candidate> returning_owner() {
        auto owner_id = state_.previous_owner();
        if (!owner_id) return std::nullopt;
        const auto* owner = tenant_.find_staff(*owner_id);
        if (!owner || !is_available(*owner)) return std::nullopt;
        return Candidate{owner, open_of(*owner)};
    }

    std::string facts(const Candidate& c) const {
        std::string text = c.person->shifts.empty() || !config_.on_shift_only ? "без графика" : "на смене";
        text += ", открытых: " + std::to_string(c.open);
        int cap = cap_of(*c.person);
        if (cap > 0) text += " из " + std::to_string(cap);
        return text;
    }

    store::Assignment assigned(const Candidate& c, const std::string& why) const {
        return {"assigned", c.person->id, {}, subject_ + " → " + c.person->name + ": " + facts(c) + ", " + why};
    }

    store::Assignment offered(const std::vector<Candidate>& available) const {
        store::Assignment a{"offered", {}, {}, subject_ + " → предложено: "};
        for (std::size_t i = 0; i < available.size(); ++i) {
            a.offered_to.push_back(available[i].person->id);
            a.reason += (i ? ", " : "") + available[i].person->name;
        }
        a.reason += std::string(" (") + strategy_words(AssignStrategy::offer_all) + ")";
        return a;
    }

    std::string nobody_why() const {
        if (unavailable_capped_ && !unavailable_off_shift_) return "у всех предел открытых заявок";
        if (unavailable_off_shift_ && !unavailable_capped_) return "никого нет на смене";
        if (strategy_ == AssignStrategy::fixed) return "закреплённый сотрудник недоступен";
        return "никто не свободен";
    }

    store::Assignment fallback() {
        if (const auto* senior = tenant_.find_staff(config_.fallback)) {
            Candidate c{senior, open_of(*senior)};
            return {"assigned", senior->id, {},
                    subject_ + " → " + senior->name + ": " + nobody_why() + ", передано старшему (открытых: " +
                        std::to_string(c.open) + ")"};
        }
        return {"queued", {}, {}, subject_ + " → в очередь: " + nobody_why()};
    }

    const config::TenantConfig& tenant_;
    const config::AssignmentConfig& config_;
    const LeadFacts& lead_;
    store::AssignmentState& state_;
    const Moment now_;  // when the lead came, on the tenant's clocks
    const std::string subject_;
    std::vector<const config::StaffConfig*> candidates_;
    AssignStrategy strategy_ = AssignStrategy::round_robin;
    std::string fixed_;
    std::string turn_key_ = "round_robin";
    std::vector<std::pair<std::string, int64_t>> open_;  // asked once per person per decision
    bool unavailable_off_shift_ = false, unavailable_capped_ = false;
};

}  // namespace

store::Assignment assign(const config::TenantConfig& tenant, const LeadFacts& lead, store::AssignmentState& state) {
    return Decision(tenant, lead, state).run();
}

}  // namespace leadhub::assignment
