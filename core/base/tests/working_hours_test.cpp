// Working-time arithmetic and quiet hours on a tenant's clocks. Every expected instant is written
// in UTC, worked out by hand from the zone's offsets, so a wrong conversion cannot hide behind
// the same conversion in the test.
#include "base/working_hours.hpp"

#include <catch2/catch.hpp>

using namespace leadhub::base;
using namespace std::chrono;

namespace {

Instant utc_at(year_month_day day, int hour, int minute = 0) { return sys_days{day} + hours{hour} + minutes{minute}; }

TimeZone find_zone(std::string_view name) {
    auto found = TimeZone::find(name);
    REQUIRE(found);
    return *found;
}

DayInterval hhmm(int from_hour, int from_minute, int to_hour, int to_minute) {
    return {from_hour * 60 + from_minute, to_hour * 60 + to_minute};
}

// Mon-Fri 10:00-21:00, Sat 10:00-22:00, Sun closed: 67 open hours a week.
WorkingHours salon() {
    WorkingHours hours;
    hours.always_open = false;
    for (int day = 0; day < 5; ++day) hours.week[day] = {hhmm(10, 0, 21, 0)};
    hours.week[5] = {hhmm(10, 0, 22, 0)};
    return hours;
}

WorkingHours daily(DayInterval interval) {
    WorkingHours hours;
    hours.always_open = false;
    for (auto& day : hours.week) day = {interval};
    return hours;
}

}  // namespace

// Europe/Moscow is UTC+3 all year. 2026-03-14 is a Saturday.
TEST_CASE("an interval's start is open and its end is not") {
    WorkingClock clock(salon(), find_zone("Europe/Moscow"));
    CHECK(clock.is_open(utc_at(2026y / March / 14, 7, 0)));  // Sat 10:00
    CHECK_FALSE(clock.is_open(utc_at(2026y / March / 14, 7, 0) - 1ms));
    CHECK(clock.is_open(utc_at(2026y / March / 14, 19, 0) - 1ms));  // Sat 21:59:59.999
    CHECK_FALSE(clock.is_open(utc_at(2026y / March / 14, 19, 0)));   // Sat 22:00
    CHECK_FALSE(clock.is_open(utc_at(2026y / March / 15, 9, 0)));    // Sunday noon
    CHECK(clock.is_open(utc_at(2026y / March / 16, 17, 59)));        // Mon 20:59
    CHECK_FALSE(clock.is_open(utc_at(2026y / March / 16, 18, 0)));   // Mon 21:00, a weekday's close

    CHECK(clock.next_open(utc_at(2026y / March / 14, 8, 0)) == utc_at(2026y / March / 14, 8, 0));
    // Saturday 22:00 -> Monday 10:00.
    CHECK(clock.next_open(utc_at(2026y / March / 14, 19, 0)) == utc_at(2026y / March / 16, 7, 0));
    CHECK(clock.next_open(utc_at(2026y / March / 16, 6, 59)) == utc_at(2026y / March / 16, 7, 0));
}

TEST_CASE("15 working minutes after Saturday 21:55 end on Monday at 10:10") {
    WorkingClock clock(salon(), find_zone("Europe/Moscow"));
    const Instant saturday_2155 = utc_at(2026y / March / 14, 18, 55);
    CHECK(clock.add(saturday_2155, 15min) == utc_at(2026y / March / 16, 7, 10));
    // Used up exactly at the close: the close, not Monday's opening.
    CHECK(clock.add(saturday_2155, 5min) == utc_at(2026y / March / 14, 19, 0));
    CHECK(clock.add(saturday_2155, 5min + 1ms) == utc_at(2026y / March / 16, 7, 0) + 1ms);
    CHECK(clock.between(saturday_2155, utc_at(2026y / March / 16, 7, 10)) == 15min);
}

TEST_CASE("counting starts at the next opening when the start is outside hours") {
    WorkingClock clock(salon(), find_zone("Europe/Moscow"));
    CHECK(clock.add(utc_at(2026y / March / 16, 5, 0), 30min) == utc_at(2026y / March / 16, 7, 30));  // Mon 08:00
    CHECK(clock.add(utc_at(2026y / March / 15, 12, 0), 0ms) == utc_at(2026y / March / 16, 7, 0));    // Sunday
    CHECK(clock.add(utc_at(2026y / March / 15, 12, 0), -5min) == utc_at(2026y / March / 16, 7, 0));
    CHECK(clock.add(utc_at(2026y / March / 16, 8, 0), 0ms) == utc_at(2026y / March / 16, 8, 0));
}

TEST_CASE("a holiday closes its date and a short day replaces its weekday's hours") {
    WorkingHours hours = salon();
    hours.exceptions[Date{2026, 3, 16}] = {};                    // Monday: holiday
    hours.exceptions[Date{2026, 3, 17}] = {hhmm(12, 0, 14, 0)};  // Tuesday: short day
    hours.exceptions[Date{2026, 3, 22}] = {hhmm(11, 0, 12, 0)};  // a Sunday opened
    WorkingClock clock(hours, find_zone("Europe/Moscow"));
    const Instant saturday_2155 = utc_at(2026y / March / 14, 18, 55);
    CHECK(clock.add(saturday_2155, 15min) == utc_at(2026y / March / 17, 9, 10));  // Tue 12:10
    // 5 minutes on Saturday, 2 hours on Tuesday, 55 minutes on Wednesday from 10:00.
    CHECK(clock.add(saturday_2155, 3h) == utc_at(2026y / March / 18, 7, 55));
    CHECK_FALSE(clock.is_open(utc_at(2026y / March / 16, 8, 0)));
    CHECK_FALSE(clock.is_open(utc_at(2026y / March / 17, 8, 0)));  // Tue 11:00, normally open
    CHECK(clock.is_open(utc_at(2026y / March / 17, 9, 0)));
    CHECK(clock.is_open(utc_at(2026y / March / 22, 8, 30)));  // the opened Sunday, 11:30
    CHECK(clock.between(utc_at(2026y / March / 16, 0, 0), utc_at(2026y / March / 18, 0, 0)) == 2h);
}

TEST_CASE("several intervals of a day are counted one after the other") {
    WorkingHours hours;
    hours.always_open = false;
    hours.week[5] = {hhmm(15, 0, 18, 0), hhmm(11, 0, 14, 0)};  // Saturday, written out of order
    WorkingClock clock(hours, find_zone("Europe/Moscow"));
    CHECK(clock.add(utc_at(2026y / March / 14, 8, 0), 3h + 30min) == utc_at(2026y / March / 14, 12, 30));  // Sat 15:30
    CHECK_FALSE(clock.is_open(utc_at(2026y / March / 14, 11, 30)));                                   // the break
    CHECK(clock.next_open(utc_at(2026y / March / 14, 11, 30)) == utc_at(2026y / March / 14, 12, 0));
    CHECK(clock.between(utc_at(2026y / March / 14, 0, 0), utc_at(2026y / March / 15, 0, 0)) == 6h);
    // A week later: the next Saturday's first interval.
    CHECK(clock.add(utc_at(2026y / March / 14, 8, 0), 6h) == utc_at(2026y / March / 14, 15, 0));
    CHECK(clock.add(utc_at(2026y / March / 14, 8, 0), 6h + 1min) == utc_at(2026y / March / 21, 8, 1));
}

// Europe/Berlin: 02:00 CET becomes 03:00 CEST on Sunday 2026-03-29 (01:00 UTC), 03:00 CEST
// becomes 02:00 CET on Sunday 2026-10-25 (01:00 UTC).
TEST_CASE("an interval over a daylight-saving change in Berlin lasts what the clocks say") {
    WorkingClock night(daily(hhmm(1, 0, 5, 0)), find_zone("Europe/Berlin"));
    // Spring: 01:00 CET = 00:00 UTC to 05:00 CEST = 03:00 UTC, 3 hours.
    CHECK(night.between(utc_at(2026y / March / 28, 12, 0), utc_at(2026y / March / 29, 12, 0)) == 3h);
    CHECK(night.add(utc_at(2026y / March / 28, 12, 0), 3h) == utc_at(2026y / March / 29, 3, 0));
    CHECK(night.add(utc_at(2026y / March / 28, 12, 0), 3h + 1min) == utc_at(2026y / March / 29, 23, 1));  // 01:01 CEST
    CHECK(night.is_open(utc_at(2026y / March / 29, 1, 0)));  // 03:00 CEST
    // Autumn: 01:00 CEST = 23:00 UTC to 05:00 CET = 04:00 UTC, 5 hours.
    CHECK(night.between(utc_at(2026y / October / 24, 12, 0), utc_at(2026y / October / 25, 12, 0)) == 5h);
    CHECK(night.add(utc_at(2026y / October / 24, 12, 0), 4h + 30min) ==
          utc_at(2026y / October / 25, 3, 30));  // 04:30 CET
    CHECK(night.is_open(utc_at(2026y / October / 25, 1, 30)));  // the second 02:30

    // Day hours across the spring weekend: one hour on Saturday, the next on Sunday at 10:00 CEST.
    WorkingClock day(daily(hhmm(10, 0, 18, 0)), find_zone("Europe/Berlin"));
    CHECK(day.add(utc_at(2026y / March / 28, 16, 0), 2h) == utc_at(2026y / March / 29, 9, 0));
    CHECK(day.next_open(utc_at(2026y / October / 24, 17, 0)) == utc_at(2026y / October / 25, 9, 0));  // 10:00 CET

    // An interval wholly inside the skipped hour is empty; elsewhere it is open.
    WorkingClock skipped(daily(hhmm(2, 0, 3, 0)), find_zone("Europe/Berlin"));
    CHECK(skipped.between(utc_at(2026y / March / 28, 12, 0), utc_at(2026y / March / 29, 12, 0)) == 0ms);
    CHECK(skipped.next_open(utc_at(2026y / March / 28, 12, 0)) == utc_at(2026y / March / 30, 0, 0));  // 02:00 CEST
    // In autumn 02:00-03:00 starts at the first 02:00 (CEST) and ends at 03:00 CET: 2 hours.
    CHECK(skipped.between(utc_at(2026y / October / 24, 12, 0), utc_at(2026y / October / 25, 12, 0)) == 2h);
}

// Asia/Novosibirsk kept daylight saving until 2011: 02:00 +06 became 03:00 +07 on 2010-03-28
// (20:00 UTC the day before), 03:00 +07 became 02:00 +06 on 2010-10-31 (20:00 UTC the day before).
TEST_CASE("both daylight-saving changes of Asia/Novosibirsk in 2010") {
    WorkingClock night(daily(hhmm(1, 0, 5, 0)), find_zone("Asia/Novosibirsk"));
    // 01:00 +06 = 19:00 UTC to 05:00 +07 = 22:00 UTC.
    CHECK(night.next_open(utc_at(2010y / March / 27, 12, 0)) == utc_at(2010y / March / 27, 19, 0));
    CHECK(night.between(utc_at(2010y / March / 27, 12, 0), utc_at(2010y / March / 28, 12, 0)) == 3h);
    CHECK(night.add(utc_at(2010y / March / 27, 12, 0), 3h + 1min) == utc_at(2010y / March / 28, 18, 1));  // 01:01 +07
    // 01:00 +07 = 18:00 UTC to 05:00 +06 = 23:00 UTC.
    CHECK(night.between(utc_at(2010y / October / 30, 12, 0), utc_at(2010y / October / 31, 12, 0)) == 5h);
    CHECK(night.add(utc_at(2010y / October / 30, 12, 0), 5h) == utc_at(2010y / October / 30, 23, 0));
    CHECK(night.add(utc_at(2010y / October / 30, 12, 0), 5h + 1min) ==
          utc_at(2010y / October / 31, 19, 1));  // 01:01 +06
}

TEST_CASE("between agrees with add") {
    WorkingHours written = salon();
    written.exceptions[Date{2026, 3, 31}] = {hhmm(9, 30, 12, 15), hhmm(13, 0, 13, 45)};
    written.exceptions[Date{2026, 4, 1}] = {};
    const milliseconds durations[] = {0min, 1min, 59min, 11h, 30h, 200h};
    for (const char* name : {"Europe/Moscow", "Europe/Berlin", "America/New_York", "Asia/Novosibirsk"}) {
        WorkingClock clock(written, find_zone(name));
        for (int start_hour = 0; start_hour < 24 * 14; start_hour += 7) {
            const Instant start = utc_at(2026y / March / 22, 0, 13) + hours{start_hour};
            for (milliseconds working : durations) {
                INFO(name << " start +" << start_hour << " h, " << working.count() << " ms of work");
                auto end = clock.add(start, working);
                REQUIRE(end);
                CHECK(clock.between(start, *end) == working);
                if (working > 0min) CHECK(clock.between(start, *end - 1ms) < working);
            }
        }
    }
    WorkingClock clock(salon(), find_zone("Europe/Moscow"));
    CHECK(clock.between(utc_at(2026y / March / 16, 0, 0), utc_at(2026y / March / 23, 0, 0)) == 67h);
    CHECK(clock.between(utc_at(2026y / March / 23, 0, 0), utc_at(2026y / March / 16, 0, 0)) == 0ms);
}

TEST_CASE("a long working time walks days, not minutes") {
    WorkingClock clock(salon(), find_zone("Europe/Moscow"));
    // 2000 h = 29 weeks of 67 h (to Mon 2026-10-05) + 55 h Mon-Fri + 2 h on Saturday.
    CHECK(clock.add(utc_at(2026y / March / 15, 21, 0), 2000h) == utc_at(2026y / October / 10, 9, 0));  // Sat 12:00
}

TEST_CASE("hours never written are open around the clock") {
    WorkingClock clock(WorkingHours{}, find_zone("Europe/Berlin"));
    const Instant t = utc_at(2026y / March / 29, 1, 30);
    CHECK(clock.is_open(t));
    CHECK(clock.next_open(t) == t);
    CHECK(clock.add(t, 15min) == t + 15min);
    CHECK(clock.between(t, t + 48h) == 48h);
}

TEST_CASE("hours that never open give no instant") {
    WorkingHours closed;
    closed.always_open = false;
    WorkingClock clock(closed, find_zone("Europe/Moscow"));
    const Instant t = utc_at(2026y / March / 14, 12, 0);
    CHECK_FALSE(clock.is_open(t));
    CHECK_FALSE(clock.next_open(t));
    CHECK_FALSE(clock.add(t, 1min));
    CHECK(clock.between(t, t + 24h * 1000) == 0ms);

    // An opening 300 days ahead is found; one 500 days ahead is beyond the horizon.
    WorkingHours rare = closed;
    rare.exceptions[Date{2027, 1, 8}] = {hhmm(10, 0, 11, 0)};  // 300 days after 2026-03-14
    WorkingClock soon(rare, find_zone("Europe/Moscow"));
    CHECK(soon.next_open(t) == utc_at(2027y / January / 8, 7, 0));
    CHECK(soon.add(t, 1h) == utc_at(2027y / January / 8, 8, 0));
    CHECK_FALSE(soon.add(t, 1h + 1ms));
    WorkingHours too_rare = closed;
    too_rare.exceptions[Date{2027, 7, 27}] = {hhmm(10, 0, 11, 0)};  // 500 days after
    CHECK_FALSE(WorkingClock(too_rare, find_zone("Europe/Moscow")).next_open(t));
    CHECK(WorkingClock(too_rare, find_zone("Europe/Moscow")).between(t, utc_at(2027y / July / 28, 0, 0)) == 1h);
}

TEST_CASE("quiet hours that cross midnight") {
    QuietHours quiet(DailyWindow{21 * 60, 9 * 60}, find_zone("Europe/Moscow"));
    const Instant evening = utc_at(2026y / March / 14, 18, 0);  // 21:00
    const Instant morning = utc_at(2026y / March / 15, 6, 0);   // 09:00
    CHECK(quiet.contains(evening));
    CHECK_FALSE(quiet.contains(evening - 1ms));
    CHECK(quiet.contains(morning - 1ms));
    CHECK_FALSE(quiet.contains(morning));
    CHECK(quiet.contains(utc_at(2026y / March / 15, 0, 0)));  // 03:00
    CHECK_FALSE(quiet.contains(utc_at(2026y / March / 15, 9, 0)));

    CHECK(quiet.next_allowed(evening) == morning);
    CHECK(quiet.next_allowed(utc_at(2026y / March / 15, 0, 0)) == morning);
    CHECK(quiet.next_allowed(morning - 1ms) == morning);
    CHECK(quiet.next_allowed(evening - 1ms) == evening - 1ms);
    CHECK(quiet.last_allowed_before(utc_at(2026y / March / 15, 0, 0)) == evening);
    CHECK(quiet.last_allowed_before(morning - 1ms) == evening);
    CHECK(quiet.last_allowed_before(evening) == evening);
    CHECK(quiet.last_allowed_before(morning) == morning);
}

TEST_CASE("quiet hours within a day, empty ones, and none") {
    QuietHours lunch(DailyWindow{13 * 60, 14 * 60}, find_zone("Europe/Moscow"));
    CHECK(lunch.contains(utc_at(2026y / March / 14, 10, 30)));
    CHECK_FALSE(lunch.contains(utc_at(2026y / March / 14, 11, 0)));
    CHECK(lunch.next_allowed(utc_at(2026y / March / 14, 10, 30)) == utc_at(2026y / March / 14, 11, 0));
    CHECK(lunch.last_allowed_before(utc_at(2026y / March / 14, 10, 30)) == utc_at(2026y / March / 14, 10, 0));
    for (const QuietHours& never :
         {QuietHours(std::nullopt, TimeZone::utc()), QuietHours(DailyWindow{600, 600}, TimeZone::utc())}) {
        const Instant t = utc_at(2026y / March / 14, 23, 0);
        CHECK_FALSE(never.contains(t));
        CHECK(never.next_allowed(t) == t);
        CHECK(never.last_allowed_before(t) == t);
    }
}

TEST_CASE("quiet hours over Berlin's daylight-saving changes") {
    QuietHours quiet(DailyWindow{21 * 60, 9 * 60}, find_zone("Europe/Berlin"));
    // 21:00 CET = 20:00 UTC to 09:00 CEST = 07:00 UTC: an 11-hour night.
    CHECK(quiet.next_allowed(utc_at(2026y / March / 29, 0, 0)) == utc_at(2026y / March / 29, 7, 0));
    CHECK(quiet.last_allowed_before(utc_at(2026y / March / 29, 0, 0)) == utc_at(2026y / March / 28, 20, 0));
    // 21:00 CEST = 19:00 UTC to 09:00 CET = 08:00 UTC: a 13-hour night.
    CHECK(quiet.next_allowed(utc_at(2026y / October / 24, 19, 0)) == utc_at(2026y / October / 25, 8, 0));
    CHECK(quiet.contains(utc_at(2026y / October / 25, 7, 59)));

    // Quiet 03:00-02:00 leaves only 02:00-03:00 allowed, and the spring night skips that hour:
    // Saturday's night (02:00 UTC Sat to 01:00 UTC Sun) runs straight into Sunday's (01:00 UTC
    // Sun = 03:00 CEST to Monday 02:00 CEST = 00:00 UTC).
    QuietHours long_night(DailyWindow{3 * 60, 2 * 60}, find_zone("Europe/Berlin"));
    CHECK(long_night.contains(utc_at(2026y / March / 29, 1, 0)));
    CHECK(long_night.next_allowed(utc_at(2026y / March / 29, 0, 30)) == utc_at(2026y / March / 30, 0, 0));
    CHECK(long_night.last_allowed_before(utc_at(2026y / March / 29, 5, 0)) == utc_at(2026y / March / 28, 2, 0));
}
