// Who takes a lead its assignee did not respond to (an SLA ladder's reassign step).
//
// The candidates are the staff the assignment rules would consider for the lead (the first
// matching rule's staff, else everyone; narrowed to those offering its services when any do),
// without the person who holds it now; of those on shift and under their cap at `now`, the one
// with the fewest open leads. Shifts count even when assignment.on_shift_only is off: a lead is
// handed on to someone who is at work now. The reason is in Russian, as owners read it.
#pragma once

#include "assignment/assigner.hpp"

#include <optional>

namespace leadhub::assignment {

// nullopt: nobody else is available (the lead stays where it is).
std::optional<store::Assignment> reassign(const config::TenantConfig& tenant, const LeadFacts& lead,
                                          const std::string& current_assignee, int64_t now_ms,
                                          store::AssignmentState& state);

}  // namespace leadhub::assignment
