// A report's period: whole local days of the tenant, from one date to another, both included
// ("2026-12-01" to "2026-12-07" is the week on the tenant's clocks, daylight saving included).
#pragma once

#include "base/time_zone.hpp"

#include <cstdint>
#include <string>
#include <variant>

namespace leadhub::reports {

// The longest period a report covers: a year and a day (a leap year's whole year fits).
inline constexpr int kMaxPeriodDays = 367;

struct Period {
    std::string from, to;       // the local dates as given, YYYY-MM-DD
    int64_t from_ms = 0;        // the instant the tenant's clocks show `from` 00:00
    int64_t to_ms = 0;          // the instant they show the day after `to`, 00:00 (excluded)
};

// The period, or why not (in English, for a 400 answer): a date that is not one, `to` before
// `from`, or more than kMaxPeriodDays days.
std::variant<Period, std::string> local_period(const base::TimeZone& zone, const std::string& from, const std::string& to);

}  // namespace leadhub::reports
