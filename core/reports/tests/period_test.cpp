// A report's period: whole local days of the tenant, DST included; bad periods refused with why.
#include "reports/period.hpp"

#include <catch2/catch.hpp>

using namespace leadhub;

TEST_CASE("a week of local days in Moscow and in Berlin across the autumn change") {
    auto moscow = base::TimeZone::find("Europe/Moscow");
    REQUIRE(moscow);
    auto week = std::get<reports::Period>(reports::local_period(*moscow, "2026-12-01", "2026-12-07"));
    CHECK(week.from_ms == 1'796'072'400'000);  // 2026-11-30T21:00:00Z
    CHECK(week.to_ms == week.from_ms + 7 * 86'400'000LL);
    auto berlin = base::TimeZone::find("Europe/Berlin");
    REQUIRE(berlin);
    auto fall = std::get<reports::Period>(reports::local_period(*berlin, "2026-10-25", "2026-10-25"));
    CHECK(fall.to_ms - fall.from_ms == 25 * 3'600'000LL);  // the day the clocks go back has 25 hours
}

TEST_CASE("bad periods are refused with the reason") {
    auto utc = base::TimeZone::utc();
    CHECK(std::get<std::string>(reports::local_period(utc, "2026-13-01", "2026-12-07")) ==
          "'from' must be a date such as 2026-12-01, not '2026-13-01'");
    CHECK(std::get<std::string>(reports::local_period(utc, "2026-12-01", "yesterday")) ==
          "'to' must be a date such as 2026-12-07, not 'yesterday'");
    CHECK(std::get<std::string>(reports::local_period(utc, "2026-12-07", "2026-12-01")) ==
          "'to' (2026-12-01) is before 'from' (2026-12-07)");
    CHECK_THAT(std::get<std::string>(reports::local_period(utc, "2016-01-01", "2026-01-01")),
               Catch::StartsWith("a report covers at most 367 days"));
    CHECK(std::holds_alternative<reports::Period>(reports::local_period(utc, "2024-01-01", "2024-12-31")));  // a leap year
}
