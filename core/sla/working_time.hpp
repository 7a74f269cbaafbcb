// Working-time arithmetic as the SLA needs it, over whatever clock the caller has (the tenant's
// working hours in its time zone, base/working_hours.hpp), so the SLA rules are tested apart
// from the calendar.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>

namespace leadhub::sla {

// The instant (UTC ms) at which `working_ms` of working time has passed since `start_ms`;
// nullopt when the business never opens again (no working hours within the calendar's reach).
using AddWorkingTime = std::function<std::optional<int64_t>(int64_t start_ms, int64_t working_ms)>;

}  // namespace leadhub::sla
