// Working hours and quiet hours on a tenant's clocks, and arithmetic in working time.
//
// SLA clocks count working time ("answer within 15 minutes of working time"), a customer is told
// when the business will answer, and no customer is messaged at night. All three need the same
// answer to "which instants are open?", on the tenant's clocks, daylight saving included.
//
// Contract:
//  - Hours are written on the local clock: each local date has a list of intervals [from, to)
//    in minutes after local midnight. A date's intervals are its exception when it has one, else
//    those of its weekday. An interval of a date is the span of instants from
//    TimeZone::instant(date + from) to TimeZone::instant(date + to), so it follows that function's
//    rule at a daylight-saving change: on the spring night an interval 01:00-05:00 lasts 3 hours,
//    on the autumn night 5 hours, and an interval that lies wholly in the skipped hour is empty.
//  - `from` is open, `to` is not. Intervals that touch (22:00-24:00 and the next day's
//    00:00-02:00) make one stretch of open time; instants covered twice are counted once.
//  - "Never" means no opening within the next 400 days (kHorizonDays): such calls return
//    nullopt instead of walking on forever.
//  - The arithmetic walks days, not minutes: each local date costs a few zone look-ups.
//  - Instances are immutable after construction and safe to share between threads.
#pragma once

#include "base/calendar.hpp"
#include "base/time_zone.hpp"

#include <array>
#include <chrono>
#include <map>
#include <optional>
#include <vector>

namespace leadhub::base {

// [from, to) on the local clock in minutes after midnight, 0 <= from < to <= 1440 (1440 is 24:00).
struct DayInterval {
    int from_minute = 0;
    int to_minute = 0;
    friend bool operator==(const DayInterval&, const DayInterval&) = default;
};

struct WorkingHours {
    // Nothing written: open around the clock; `week` and `exceptions` are then ignored.
    bool always_open = true;
    // 0 = Monday ... 6 = Sunday; an empty list: closed that day.
    std::array<std::vector<DayInterval>, 7> week;
    // Dated days (holidays, short days) that replace their weekday's intervals; empty: closed.
    std::map<Date, std::vector<DayInterval>> exceptions;

    // The intervals of `date`: its exception, else its weekday's (not meaningful when always_open).
    const std::vector<DayInterval>& intervals_on(const Date& date) const;
};

// How far ahead an opening is looked for before an answer is "never".
inline constexpr int kHorizonDays = 400;

class WorkingClock {
public:
    // Intervals outside 0..1440 are clipped to it; empty ones are ignored. Several intervals of a
    // day need not be sorted and may overlap (the config reader refuses that, this class copes).
    WorkingClock(WorkingHours hours, TimeZone zone);

    bool is_open(Instant t) const;

    // t itself when open, else the next opening; nullopt when the hours never open within the
    // next 400 days.
    std::optional<Instant> next_open(Instant t) const;

    // The instant at which `working` of open time has passed since `start`. When start is outside
    // hours, counting begins at the next opening, so add(t, 0) == next_open(t). When the time is
    // used up exactly at a closing, the closing is the answer (5 minutes after 21:55 with a 22:00
    // close is 22:00, not the next morning). A negative `working` counts as zero. nullopt when the
    // hours stay closed for 400 days in a row before the time is used up.
    std::optional<Instant> add(Instant start, std::chrono::milliseconds working) const;

    // Open time in [from, to); 0 when to <= from. between(s, *add(s, w)) == w for w >= 0.
    std::chrono::milliseconds between(Instant from, Instant to) const;

    const TimeZone& zone() const { return zone_; }
    const WorkingHours& hours() const { return hours_; }

private:
    WorkingHours hours_;
    TimeZone zone_;
};

// A daily window on the local clock that may cross midnight ("21:00-09:00"), for quiet hours.
// Both ends are minutes after midnight in 0..1439; from == to is an empty window (a window can
// never cover the whole day, so there is always a time a message may be sent).
struct DailyWindow {
    int from_minute = 0;
    int to_minute = 0;
    friend bool operator==(const DailyWindow&, const DailyWindow&) = default;
};

// When a customer must not be messaged. The window of a local date d runs from the instant of
// d + from to the instant of d + to (of d + 1 when the window crosses midnight), through
// TimeZone::instant as working hours do; its start is quiet, its end is not.
class QuietHours {
public:
    // nullopt (or an empty window): never quiet. Ends outside 0..1439 are taken modulo a day.
    QuietHours(std::optional<DailyWindow> window, TimeZone zone);

    bool contains(Instant t) const;

    // t when not quiet, else the end of the quiet period t is in (the first instant allowed).
    Instant next_allowed(Instant t) const;

    // t when not quiet, else the start of the quiet period t is in. The start itself is quiet:
    // what must go out before the night must go out before this instant (at the latest one
    // millisecond before it).
    Instant last_allowed_before(Instant t) const;

    const std::optional<DailyWindow>& window() const { return window_; }
    const TimeZone& zone() const { return zone_; }

private:
    struct Period {
        Instant from, to;
    };
    // The quiet period containing t, if any.
    std::optional<Period> period_at(Instant t) const;

    std::optional<DailyWindow> window_;
    TimeZone zone_;
};

}  // namespace leadhub::base
