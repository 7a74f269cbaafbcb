// When staff work, in the tenant's local time.
//
// Shifts are written on the tenant's clocks ("from 10:00 to 22:00, Mon-Fri"), and the tenant's
// clocks may change (daylight saving time). So a shift is turned into the two instants at
// which the clocks show its start and its end, through base::TimeZone, and a moment is on
// shift when it lies between them. On the night the clocks change a shift is as long as the
// clocks say: 01:00 to 05:00 is 3 hours in spring and 5 in autumn, and a shift edge at a time
// the clocks skip or show twice follows base::TimeZone::instant's rule.
#pragma once

#include "base/calendar.hpp"
#include "base/time_zone.hpp"
#include "config/config.hpp"

#include <cstdint>

namespace leadhub::assignment {

// An instant, and what the tenant's clocks show at it (its local date and minute of the day).
struct Moment : base::LocalMoment {
    base::Instant instant;
    base::TimeZone zone = base::TimeZone::utc();
};

// The moment `utc_ms` on the clocks of `iana_zone` (UTC for a zone the system does not know;
// the config refuses such a zone, so that happens only to callers that skip it).
Moment local_moment(int64_t utc_ms, const std::string& iana_zone);

// On shift at `now`: a person with no shifts is always on shift. A shift that crosses midnight
// counts on the next morning too, under the day it started on.
bool on_shift(const config::StaffConfig& person, const Moment& now);

// Absent on the local date of `now` (absences include both their ends).
bool absent(const config::StaffConfig& person, const base::LocalMoment& now);

}  // namespace leadhub::assignment
