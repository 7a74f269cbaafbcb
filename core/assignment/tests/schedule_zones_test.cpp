// Shifts and dates on real time-zone clocks: both daylight-saving changes of Europe/Berlin,
// zones east and west of Moscow at their local midnight, and zones only the system's
// time-zone database knows. Every instant is written in UTC, so nothing here depends on the
// machine's TZ or local zone.
#include "assignment/schedule.hpp"
#include "staff_on_shift.hpp"

#include <catch2/catch.hpp>

#include <chrono>

using namespace leadhub;
using namespace leadhub::assignment;
using namespace leadhub::assignment::testing;
using namespace std::chrono;

namespace {

// Milliseconds since the epoch of a UTC date and time.
int64_t utc(year_month_day day, int hour, int minute = 0) {
    return duration_cast<milliseconds>((sys_days{day} + hours{hour} + minutes{minute}).time_since_epoch()).count();
}

constexpr int kSaturday = 5, kSunday = 6;  // weekdays count from Monday = 0
constexpr const char* kBerlin = "Europe/Berlin";

bool on_shift_in_berlin(const config::StaffConfig& person, int64_t utc_ms) {
    return on_shift(person, local_moment(utc_ms, kBerlin));
}

}  // namespace

// 2026-03-29: at 01:00 UTC Berlin's clocks jump from 02:00 (UTC+1) to 03:00 (UTC+2).
TEST_CASE("Europe/Berlin in spring: a 01:00-05:00 shift on the night the clocks jump lasts 3 hours") {
    auto night = with_shift({kSunday}, 1 * 60, 5 * 60);
    const auto day = 2026y / March / 29;
    CHECK_FALSE(on_shift_in_berlin(night, utc(2026y / March / 28, 23, 59)));  // 00:59 CET
    CHECK(on_shift_in_berlin(night, utc(day, 0, 0)));                          // 01:00 CET
    CHECK(on_shift_in_berlin(night, utc(day, 0, 59)));                         // 01:59 CET
    CHECK(on_shift_in_berlin(night, utc(day, 1, 0)));                          // 03:00 CEST
    CHECK(on_shift_in_berlin(night, utc(day, 2, 59)));                         // 04:59 CEST
    CHECK_FALSE(on_shift_in_berlin(night, utc(day, 3, 0)));                    // 05:00 CEST
    CHECK(local_moment(utc(day, 0, 59), kBerlin).minute_of_day == 1 * 60 + 59);
    CHECK(local_moment(utc(day, 1, 0), kBerlin).minute_of_day == 3 * 60);
}

// 2026-10-25: at 01:00 UTC Berlin's clocks fall back from 03:00 (UTC+2) to 02:00 (UTC+1).
TEST_CASE("Europe/Berlin in autumn: a 01:00-05:00 shift on the night the clocks fall back lasts 5 hours") {
    auto night = with_shift({kSunday}, 1 * 60, 5 * 60);
    const auto saturday = 2026y / October / 24, day = 2026y / October / 25;
    CHECK_FALSE(on_shift_in_berlin(night, utc(saturday, 22, 59)));  // 00:59 CEST
    CHECK(on_shift_in_berlin(night, utc(saturday, 23, 0)));         // 01:00 CEST, Saturday in UTC
    CHECK(on_shift_in_berlin(night, utc(day, 0, 30)));              // 02:30 CEST
    CHECK(on_shift_in_berlin(night, utc(day, 1, 30)));              // 02:30 CET, the hour again
    CHECK(on_shift_in_berlin(night, utc(day, 3, 59)));              // 04:59 CET
    CHECK_FALSE(on_shift_in_berlin(night, utc(day, 4, 0)));         // 05:00 CET
    auto first = local_moment(utc(day, 0, 30), kBerlin), second = local_moment(utc(day, 1, 30), kBerlin);
    CHECK(first.minute_of_day == 2 * 60 + 30);
    CHECK(second.minute_of_day == 2 * 60 + 30);
    CHECK(second.date.iso() == "2026-10-25");
}

TEST_CASE("a shift edge in the repeated hour is its earlier instant; one in the skipped hour moves on by the gap") {
    // 02:30 happens twice on 2026-10-25: the shift starts at the first and does not stop at
    // 02:00 CET, when the clocks read less than 02:30 again.
    auto from_fold = with_shift({kSunday}, 2 * 60 + 30, 6 * 60);
    CHECK_FALSE(on_shift_in_berlin(from_fold, utc(2026y / October / 25, 0, 29)));  // 02:29 CEST
    CHECK(on_shift_in_berlin(from_fold, utc(2026y / October / 25, 0, 30)));        // 02:30 CEST
    CHECK(on_shift_in_berlin(from_fold, utc(2026y / October / 25, 1, 0)));         // 02:00 CET
    CHECK(on_shift_in_berlin(from_fold, utc(2026y / October / 25, 4, 59)));        // 05:59 CET
    CHECK_FALSE(on_shift_in_berlin(from_fold, utc(2026y / October / 25, 5, 0)));   // 06:00 CET
    // A shift to 02:30 that night ends at the first 02:30 and does not resume at the second.
    auto to_fold = with_shift({kSaturday}, 22 * 60, 2 * 60 + 30);
    CHECK(on_shift_in_berlin(to_fold, utc(2026y / October / 25, 0, 29)));        // 02:29 CEST
    CHECK_FALSE(on_shift_in_berlin(to_fold, utc(2026y / October / 25, 0, 30)));  // 02:30 CEST
    CHECK_FALSE(on_shift_in_berlin(to_fold, utc(2026y / October / 25, 1, 15)));  // 02:15 CET
    // 02:30 does not exist on 2026-03-29: the shift starts an hour later, at 03:30 CEST.
    auto from_gap = with_shift({kSunday}, 2 * 60 + 30, 6 * 60);
    CHECK_FALSE(on_shift_in_berlin(from_gap, utc(2026y / March / 29, 1, 0)));   // 03:00 CEST
    CHECK_FALSE(on_shift_in_berlin(from_gap, utc(2026y / March / 29, 1, 29)));  // 03:29 CEST
    CHECK(on_shift_in_berlin(from_gap, utc(2026y / March / 29, 1, 30)));        // 03:30 CEST
}

TEST_CASE("Europe/Kaliningrad, Asia/Krasnoyarsk and Asia/Kamchatka change date at their own midnight") {
    struct Case {
        const char* zone;
        int hours_ahead;
    };
    // 2026-03-09 is a Monday; the day before local midnight is Sunday 2026-03-08.
    for (Case c : {Case{"Europe/Kaliningrad", 2}, Case{"Asia/Krasnoyarsk", 7}, Case{"Asia/Kamchatka", 12}}) {
        INFO(c.zone);
        const int64_t midnight = utc(2026y / March / 9, -c.hours_ahead);
        auto before = local_moment(midnight - 60'000, c.zone), at = local_moment(midnight, c.zone);
        CHECK(before.date.iso() == "2026-03-08");
        CHECK(before.date.weekday() == kSunday);
        CHECK(before.minute_of_day == 23 * 60 + 59);
        CHECK(at.date.iso() == "2026-03-09");
        CHECK(at.date.weekday() == 0);
        CHECK(at.minute_of_day == 0);
        // Monday's day shift is Monday on the zone's clocks, whatever day it is in UTC.
        auto monday = with_shift({0}, 0, 9 * 60);
        CHECK(on_shift(monday, at));
        CHECK_FALSE(on_shift(monday, before));
        config::StaffConfig away;
        away.absences.push_back({"2026-03-09", "2026-03-09"});
        CHECK(absent(away, at));
        CHECK_FALSE(absent(away, before));
    }
}

TEST_CASE("zones outside Russia come from the system's database, with their own offsets and daylight saving") {
    // Ushuaia is UTC-3: 02:30 UTC on Monday is 23:30 on Sunday there.
    auto ushuaia = local_moment(utc(2026y / March / 9, 2, 30), "America/Argentina/Ushuaia");
    CHECK(ushuaia.date.iso() == "2026-03-08");
    CHECK(ushuaia.minute_of_day == 23 * 60 + 30);
    // The Chatham Islands are UTC+13:45 in the southern summer and UTC+12:45 in winter; their
    // clocks go back from 03:45 to 02:45 on 2026-04-05.
    auto summer = local_moment(utc(2026y / March / 9, 0, 0), "Pacific/Chatham");
    CHECK(summer.date.iso() == "2026-03-09");
    CHECK(summer.minute_of_day == 13 * 60 + 45);
    CHECK(local_moment(utc(2026y / June / 15, 0, 0), "Pacific/Chatham").minute_of_day == 12 * 60 + 45);
    CHECK(local_moment(utc(2026y / April / 4, 13, 59), "Pacific/Chatham").minute_of_day == 3 * 60 + 44);
    CHECK(local_moment(utc(2026y / April / 4, 14, 0), "Pacific/Chatham").minute_of_day == 2 * 60 + 45);
    auto morning = with_shift({kSunday}, 9 * 60, 13 * 60);  // Sunday 2026-04-05, now UTC+12:45
    CHECK_FALSE(on_shift(morning, local_moment(utc(2026y / April / 4, 20, 14), "Pacific/Chatham")));
    CHECK(on_shift(morning, local_moment(utc(2026y / April / 4, 20, 15), "Pacific/Chatham")));
}
