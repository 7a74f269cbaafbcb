// What an SLA timer does when it comes due (the timer runner asks; store.hpp, "Timers").
//
//   sla:breach  records on the lead that its tier's target passed without a response
//               (kind "sla_breach"), the fact reports count;
//   sla:<n>     the tier's ladder step n: records it (kind "sla_step") and
//                 remind   alerts the people responsible (the assignee; else those the lead was
//                          offered to; else everyone on shift),
//                 notify   alerts the staff ids and roles it names,
//                 reassign gives the lead to the next available colleague and alerts them.
// A timer is only fired while staff have not responded (responding cancels it), and the
// reassignment is decided inside the firing's transaction, so a lead taken a moment before
// stays with whoever took it. Texts are the tenant's sla.texts, else the Russian defaults.
#pragma once

#include "config/config.hpp"
#include "store/store.hpp"

#include <leadhub/sdk/json.hpp>

namespace leadhub::sla {

// `lead`: the lead as a delivery carries it (store::Lead::to_json() with pipeline::describe_lead).
// Throws std::runtime_error for a timer this module does not know.
store::TimerFiring plan_sla_timer(const config::TenantConfig& tenant, const nlohmann::json& lead, const store::Timer& timer,
                                  int64_t now_ms);

// The Russian default of an SLA text (reminder, escalation, reassigned).
const std::string& default_sla_text(const std::string& name);

}  // namespace leadhub::sla
