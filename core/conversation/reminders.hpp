// Reminders before a booked visit (store.hpp, "Timers": purposes "remind:24h", "remind:3h" ...)
// and the offer to rebook after a no-show ("rebook").
//
// When: each `reminders.before` ahead of the visit, on the tenant's clocks. Never for a moment
// already past. Never in quiet hours: a reminder due at night moves to the end of the quiet
// hours if that is still before the visit, else to just before they begin; one that would then
// come within an hour of the next reminder is dropped (the nearer one is enough).
// How: on the customer's channel when it can start a conversation; a web form or a call (no
// address), or WhatsApp and Instagram more than 24 hours after the customer's last message,
// cannot, so by SMS through `reminders.sms_via` to the lead's phone; neither: recorded on the
// lead as unreachable and the staff responsible told.
// A reminder whose visit moved or whose lead is no longer booked sends nothing.
#pragma once

#include "config/config.hpp"
#include "store/store.hpp"

#include <leadhub/sdk/json.hpp>

#include <functional>
#include <vector>

namespace leadhub::conversation {

// The reminders of a visit at `booked_for` (local "YYYY-MM-DDTHH:MM") as of `now_ms`.
std::vector<store::TimerSpec> reminder_timers(const config::TenantConfig& tenant, const std::string& booked_for, int64_t now_ms);

// StatusChange::plan_timers for `tenant`: a booking's reminders, a no-show's offer to rebook (an
// hour later, outside quiet hours). The tenant must outlive the call (the caller holds it).
std::function<std::vector<store::TimerSpec>(const std::string&, const std::string&)> status_timers(
    const config::TenantConfig& tenant, int64_t now_ms);

// What a due "remind:*" or "rebook" timer sends.
store::TimerFiring plan_reminder(const config::TenantConfig& tenant, const store::Lead& lead, const nlohmann::json& described,
                                 const store::Timer& timer, int64_t now_ms);

// Whether an automatic message can go on the lead's own channel now (it has an address, and
// WhatsApp and Instagram only within 24 hours of the customer's last message).
bool channel_can_start(const store::Lead& lead, bool has_address, int64_t now_ms);

}  // namespace leadhub::conversation
