// A tenant's time zone: the one place where a UTC instant meets what the tenant's clocks show.
//
// Everything a customer or staff member sees runs on the tenant's clocks (DESIGN.md, invariant
// 9): shifts, working hours, SLA and reminders, dates read out of messages. Config, assignment,
// understanding and the pipeline all convert through this class, so they agree on every
// instant, daylight saving included.
//
// The zones are those of the system's time-zone database (Debian's tzdata under
// /usr/share/zoneinfo), read through Howard Hinnant's date/tz library: g++ 12 has the <chrono>
// calendar types but not std::chrono::locate_zone, and setting TZ for localtime_r would change
// the zone of every thread of the process. Neither the machine's TZ variable nor its local zone
// plays any part.
//
// Civil time is std::chrono::local_time: a reading of a wall clock, not tied to a zone. Dates
// and times of day come from it with <chrono>'s calendar types (year_month_day, weekday,
// hh_mm_ss).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace date {
class time_zone;
}

namespace leadhub::base {

using Instant = std::chrono::sys_time<std::chrono::milliseconds>;      // a point of time, counted in UTC
using LocalTime = std::chrono::local_time<std::chrono::milliseconds>;  // what a wall clock shows

class TimeZone {
public:
    // The zone `iana_name` ("Europe/Berlin", "Pacific/Chatham", "UTC") of the system's database,
    // or nullopt for a name it does not have. "localtime" is refused: it is whatever zone the
    // machine is set to, and a tenant's clocks must not move with the machine.
    static std::optional<TimeZone> find(std::string_view iana_name);

    // UTC, without the database: what a caller falls back to when a zone is unknown.
    static TimeZone utc() { return TimeZone(nullptr); }

    // The IANA name, "UTC" for utc().
    std::string name() const;

    // What the zone's clocks show at `instant`.
    LocalTime local(Instant instant) const;

    // The zone's offset from UTC at `instant` (local minus UTC), e.g. +2h in Berlin's summer.
    std::chrono::seconds offset(Instant instant) const;

    // The instant at which the zone's clocks show `local`. Where the clocks change, a local time
    // is not always one instant, and the rule is the one the offset before the change gives:
    //   - a time the clocks skip (the spring-forward gap, 02:30 on 2026-03-29 in Berlin) moves
    //     on by the length of the gap: 03:30 summer time;
    //   - a time the clocks show twice (the fall-back fold, 02:30 on 2026-10-25 in Berlin) is
    //     the earlier of its two instants: 02:30 summer time.
    // This is what RFC 5545 (iCalendar) prescribes and what java.time and JavaScript's Temporal
    // do by default. A shift from 01:00 to 05:00 on the spring night is 3 hours long, on the
    // autumn night 5 hours.
    Instant instant(LocalTime local) const;

    friend bool operator==(const TimeZone&, const TimeZone&) = default;

private:
    explicit TimeZone(const date::time_zone* zone) : zone_(zone) {}

    const date::time_zone* zone_;  // nullptr: UTC; else owned by the database for the process's life
};

// The names find() accepts, in order: what a "did you mean" suggestion picks from. Empty when
// the system has no time-zone database.
const std::vector<std::string>& zone_names();

}  // namespace leadhub::base
