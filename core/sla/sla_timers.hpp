// The SLA clock of a new lead, as timers (store.hpp, "Timers"): one at the tier's target
// ("sla:breach", which records the breach) and one per step of the tier's ladder ("sla:1" ...),
// each due after its working time since the lead arrived. Staff responding cancels them all in
// the same transaction (the store's rule), so a lead that was taken never escalates.
#pragma once

#include "config/config.hpp"
#include "sla/working_time.hpp"
#include "store/store.hpp"

#include <vector>

namespace leadhub::sla {

// The timers for a lead of `score` that arrived at `arrived_ms`; none when the SLA is off, the
// tier has no target, or the business never opens. Payloads: {"tier", "step" (1-based; 0 for
// the breach), "after_ms" (the working time it stands for)}.
std::vector<store::TimerSpec> sla_timers(const config::SlaConfig& sla, const std::string& score, int64_t arrived_ms,
                                         const AddWorkingTime& add_working_time);

// The working time after arrival at which `step` of `tier` comes.
int64_t step_offset_ms(const config::SlaTier& tier, const config::SlaStep& step);

}  // namespace leadhub::sla
