#include "assignment/schedule.hpp"
#include "staff_on_shift.hpp"

#include <catch2/catch.hpp>

using namespace leadhub;
using namespace leadhub::assignment;
using namespace leadhub::assignment::testing;

namespace {

// 2026-03-09 is a Monday. Krasnoyarsk is UTC+7 all year.
constexpr int64_t kMonday0000Utc = 1'773'014'400'000;  // 2026-03-09T00:00:00Z
constexpr int64_t kMinute = 60'000;

int64_t krasnoyarsk(int day_offset, int hour, int minute) {
    return kMonday0000Utc + ((day_offset * 24 + hour - 7) * 60 + minute) * kMinute;
}

bool on_shift_at(const config::StaffConfig& person, int64_t utc_ms) {
    return on_shift(person, local_moment(utc_ms, "Asia/Krasnoyarsk"));
}

}  // namespace

TEST_CASE("local time uses the zone's fixed offset, across midnight and the epoch") {
    auto before = local_moment(krasnoyarsk(0, 23, 59), "Asia/Krasnoyarsk");
    CHECK(before.date.iso() == "2026-03-09");
    CHECK(before.date.weekday() == 0);
    CHECK(before.minute_of_day == 23 * 60 + 59);
    auto after = local_moment(krasnoyarsk(1, 0, 0), "Asia/Krasnoyarsk");
    CHECK(after.date.iso() == "2026-03-10");
    CHECK(after.minute_of_day == 0);
    CHECK(local_moment(kMonday0000Utc, "Europe/Moscow").minute_of_day == 180);
    CHECK(local_moment(kMonday0000Utc, "Mars/Olympus").minute_of_day == 0);  // unknown: UTC
    CHECK(local_moment(-1, "UTC").date.iso() == "1969-12-31");
}

TEST_CASE("a shift to midnight ends at midnight in Asia/Krasnoyarsk") {
    auto monday_evening = with_shift({0}, 10 * 60, 1440);
    CHECK(on_shift_at(monday_evening, krasnoyarsk(0, 10, 0)));
    CHECK_FALSE(on_shift_at(monday_evening, krasnoyarsk(0, 9, 59)));
    CHECK(on_shift_at(monday_evening, krasnoyarsk(0, 23, 59)));
    CHECK_FALSE(on_shift_at(monday_evening, krasnoyarsk(1, 0, 0)));  // Tuesday 00:00 local
    // The same instants read in UTC would give another answer: the zone matters.
    CHECK(on_shift(monday_evening, local_moment(krasnoyarsk(1, 0, 0), "UTC")));
}

TEST_CASE("a shift crossing midnight counts the next morning under the day it started") {
    auto monday_night = with_shift({0}, 22 * 60, 2 * 60);
    CHECK_FALSE(on_shift_at(monday_night, krasnoyarsk(0, 21, 59)));
    CHECK(on_shift_at(monday_night, krasnoyarsk(0, 22, 0)));
    CHECK(on_shift_at(monday_night, krasnoyarsk(1, 0, 0)));
    CHECK(on_shift_at(monday_night, krasnoyarsk(1, 1, 59)));
    CHECK_FALSE(on_shift_at(monday_night, krasnoyarsk(1, 2, 0)));
    CHECK_FALSE(on_shift_at(monday_night, krasnoyarsk(1, 22, 30)));  // Tuesday night is not in it
    CHECK_FALSE(on_shift_at(monday_night, krasnoyarsk(-1, 23, 0)));  // nor Sunday night
    // Sunday's night shift runs into Monday morning (the week wraps).
    CHECK(on_shift_at(with_shift({6}, 22 * 60, 6 * 60), krasnoyarsk(0, 5, 0)));
}

TEST_CASE("no shifts means always on shift; absences cover both end dates") {
    config::StaffConfig always;
    CHECK(on_shift_at(always, krasnoyarsk(3, 4, 0)));
    always.absences.push_back({"2026-03-10", "2026-03-11"});
    CHECK_FALSE(absent(always, local_moment(krasnoyarsk(0, 23, 59), "Asia/Krasnoyarsk")));
    CHECK(absent(always, local_moment(krasnoyarsk(1, 0, 0), "Asia/Krasnoyarsk")));
    CHECK(absent(always, local_moment(krasnoyarsk(2, 23, 59), "Asia/Krasnoyarsk")));
    CHECK_FALSE(absent(always, local_moment(krasnoyarsk(3, 0, 0), "Asia/Krasnoyarsk")));
}
