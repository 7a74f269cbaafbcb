// Civil dates (<chrono> underneath) and the moment a message arrived, on the tenant's clocks.
#include "base/calendar.hpp"

#include <catch2/catch.hpp>

using namespace leadhub::base;

TEST_CASE("calendar arithmetic") {
    CHECK(Date{2026, 3, 10}.weekday() == 1);
    CHECK(Date{2024, 2, 28}.plus_days(1).iso() == "2024-02-29");
    CHECK(Date{2026, 12, 31}.plus_days(1).iso() == "2027-01-01");
    CHECK(Date::from_days(Date{1999, 7, 4}.days()).iso() == "1999-07-04");
    CHECK_FALSE(is_valid_date(2026, 2, 29));
}

TEST_CASE("received_at is read in the tenant's zone") {
    auto local = parse_received_at("2026-03-10T12:00:00+07:00", "Asia/Krasnoyarsk");
    REQUIRE(local);
    CHECK(local->date.iso() == "2026-03-10");
    CHECK(local->minute_of_day == 12 * 60);
    auto moved = parse_received_at("2026-03-10T20:30:00Z", "Asia/Krasnoyarsk");
    REQUIRE(moved);
    CHECK(moved->date.iso() == "2026-03-11");
    CHECK(moved->minute_of_day == 3 * 60 + 30);
    CHECK(parse_received_at("2026-03-10T23:30:00+03:00", "")->date.iso() == "2026-03-10");
    CHECK_FALSE(parse_received_at("10.03.2026 12:00", "Europe/Moscow"));
    CHECK_FALSE(parse_received_at("2026-02-30T12:00:00+03:00", "Europe/Moscow"));
    CHECK_FALSE(parse_received_at("2026-03-10T12:00:00+0", "Europe/Moscow"));
}

TEST_CASE("dates before 1970 count days backwards") {
    CHECK(Date{1969, 12, 31}.days() == -1);
    CHECK(Date::from_days(-1).iso() == "1969-12-31");
    CHECK(Date{1960, 2, 29}.plus_days(1).iso() == "1960-03-01");
}
