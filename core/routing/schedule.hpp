// When staff work, in the tenant's local time.
//
// Local time comes from the fixed UTC offset of the tenant's zone (understand's table of the
// zones of Russia and its neighbours, none of which keeps daylight saving time): libstdc++ 12
// has no time-zone database, and setting TZ for localtime_r would change it for every thread of
// the process. The config refuses shifts in a zone outside the table, so the offset is exact.
#pragma once

#include "config/config.hpp"
#include "understand/calendar.hpp"

#include <cstdint>

namespace leadhub::routing {

// The moment `utc_ms` on the clocks of `iana_zone` (UTC for a zone not in the table).
understand::LocalMoment local_moment(int64_t utc_ms, const std::string& iana_zone);

// On shift at `now`: a person with no shifts is always on shift. A shift that crosses midnight
// counts on the next morning too, under the day it started on.
bool on_shift(const config::StaffConfig& person, const understand::LocalMoment& now);

// Absent on the local date of `now` (absences include both their ends).
bool absent(const config::StaffConfig& person, const understand::LocalMoment& now);

}  // namespace leadhub::routing
