#include "runtime/timer_plans.hpp"

#include "pipeline/lead_description.hpp"
#include "conversation/customer_answers.hpp"
#include "conversation/follow_ups.hpp"
#include "conversation/reminders.hpp"
#include "conversation/reply_plan.hpp"
#include "sla/sla_steps.hpp"

#include <algorithm>
#include <stdexcept>

namespace leadhub::app {

namespace {

bool starts_with(const std::string& text, const char* prefix) { return text.rfind(prefix, 0) == 0; }

// The callbacks run later, in the store's transaction: they hold the config they point into.
void hold_config(store::TimerFiring& firing, std::shared_ptr<const config::TenantConfig> tenant) {
    if (firing.status && firing.status->plan_timers)
        firing.status->plan_timers = [tenant, plan = std::move(firing.status->plan_timers)](const std::string& status,
                                                                                          const std::string& booked_for) {
            return plan(status, booked_for);
        };
    if (!firing.reassign) return;
    store::Reassignment inner = std::move(*firing.reassign);
    firing.reassign = store::Reassignment{
        [tenant, decide = std::move(inner.decide)](store::AssignmentState& state, const std::string& current) {
            return decide(state, current);
        },
        [tenant, tell = std::move(inner.tell)](const store::Assignment& decided) {
            return tell ? tell(decided) : std::vector<store::JobSpec>{};
        }};
}

}  // namespace

TimerPlans::TimerPlans(store::Store& store, TenantLookup tenants) : store_(store), tenants_(std::move(tenants)) {}

store::TimerFiring TimerPlans::operator()(const store::Timer& timer, int64_t now_ms) const {
    auto tenant = tenants_(timer.tenant);
    if (!tenant) throw std::runtime_error("tenant '" + timer.tenant + "' is no longer configured");
    auto lead = store_.lead(timer.lead_id);
    if (!lead) throw std::runtime_error("lead " + std::to_string(timer.lead_id) + " is not in the store");
    nlohmann::json described = lead->to_json();
    pipeline::describe_lead(*tenant, described);
    store::TimerFiring firing;
    if (starts_with(timer.purpose, "sla:")) {
        firing = sla::plan_sla_timer(*tenant, described, timer, now_ms);
    } else if (timer.purpose == "reply" || starts_with(timer.purpose, "remind:") || timer.purpose == "rebook" ||
               timer.purpose == "answer" || starts_with(timer.purpose, "followup:")) {
        const auto messages = store_.lead_messages(timer.lead_id);
        // Whether a message to the customer has somewhere to go on their channel.
        described["reachable"] = std::any_of(messages.begin(), messages.end(), [](const store::StoredMessage& m) {
            return m.kind == "customer" && m.address.is_object() && !m.address.empty();
        });
        if (timer.purpose == "reply")
            firing = conversation::plan_reply(*tenant, *lead, described, store_.lead_history(timer.lead_id), messages, now_ms);
        else if (timer.purpose == "answer")
            firing = conversation::plan_answer(*tenant, *lead, described, messages, store_.lead_history(timer.lead_id), now_ms);
        else if (starts_with(timer.purpose, "followup:"))
            firing = conversation::plan_follow_up(*tenant, *lead, described, messages, timer, now_ms);
        else
            firing = conversation::plan_reminder(*tenant, *lead, described, timer, now_ms);
    } else {
        throw std::runtime_error("no rule for a timer of purpose '" + timer.purpose + "'");
    }
    if (firing.status) firing.status->plan_timers = conversation::status_timers(*tenant, now_ms);
    hold_config(firing, tenant);
    return firing;
}

}  // namespace leadhub::app
