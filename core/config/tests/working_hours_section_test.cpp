// The tenant's working_hours and quiet_hours: every written form read to its exact intervals,
// every mistake reported at its line and column, and the defaults when nothing is written.
#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace leadhub::config;
using namespace leadhub::config::testing;
using leadhub::base::DailyWindow;
using leadhub::base::Date;
using leadhub::base::DayInterval;

namespace {

// Lines 1-6; tests append the tenant's keys from line 7 on.
const std::string kHoursTenant = R"(version: 1
admin: {enabled: false}
tenants:
  - id: lilia
    timezone: Europe/Berlin
    sources: [{name: site, plugin: webform, options: {token: t}}]
)";

TenantConfig load_hours_tenant(const std::string& keys) {
    TempDir dir;
    LoadResult result = load_text(dir, kHoursTenant + keys);
    INFO(result.error_text());
    REQUIRE(result.ok());
    return result.config->tenants[0];
}

using Intervals = std::vector<DayInterval>;

}  // namespace

TEST_CASE("without working_hours a tenant is open around the clock and quiet from 21:00 to 09:00") {
    const TenantConfig t = load_hours_tenant("");
    CHECK(t.working_hours.always_open);
    CHECK(t.working_hours.exceptions.empty());
    CHECK(t.quiet_hours == DailyWindow{21 * 60, 9 * 60});
    using namespace std::chrono;
    const leadhub::base::Instant sunday_night = sys_days{2026y / March / 29} + 1h;  // 03:00 CEST
    CHECK(working_clock(t).is_open(sunday_night));
    CHECK(working_clock(t).zone().name() == "Europe/Berlin");
    CHECK(quiet_hours(t).contains(sunday_night));
    CHECK(quiet_hours(t).next_allowed(sunday_night) == sys_days{2026y / March / 29} + 7h);  // 09:00 CEST
}

TEST_CASE("working_hours and quiet_hours read every form to its intervals") {
    const TenantConfig t = load_hours_tenant(R"(    working_hours:
      mon-fri: "10:00-21:00"
      sat: "11:00-14:00, 15:00-18:00"
      sun: closed
      exceptions:
        "2026-12-31": "10:00-16:00"
        2027-01-01: closed
    quiet_hours: "22:30-08:00"
)");
    const auto& hours = t.working_hours;
    CHECK_FALSE(hours.always_open);
    for (int day = 0; day < 5; ++day) CHECK(hours.week[day] == Intervals{{600, 1260}});
    CHECK(hours.week[5] == Intervals{{660, 840}, {900, 1080}});
    CHECK(hours.week[6].empty());
    REQUIRE(hours.exceptions.size() == 2);
    CHECK(hours.exceptions.at(Date{2026, 12, 31}) == Intervals{{600, 960}});
    CHECK(hours.exceptions.at(Date{2027, 1, 1}).empty());
    CHECK(t.quiet_hours == DailyWindow{22 * 60 + 30, 8 * 60});

    // The clock runs on the tenant's zone: from Saturday 2026-03-28 17:30 CET (16:30 UTC) an hour of
    // work is 30 minutes to Saturday's close and 30 on Monday from 10:00 CEST (08:00 UTC).
    using namespace std::chrono;
    const auto clock = working_clock(t);
    const auto saturday = sys_days{2026y / March / 28};
    CHECK(clock.add(saturday + 16h + 30min, 60min) == saturday + days{2} + 8h + 30min);
}

TEST_CASE("day keys: ranges that wrap, lists, daily, 24:00, and days not named are closed") {
    const TenantConfig wrapped = load_hours_tenant(R"(    working_hours:
      fri-mon: "00:00-24:00"
      wed, thu: "09:00-12:00,12:00-13:00"
)");
    CHECK(wrapped.working_hours.week[0] == Intervals{{0, 1440}});
    CHECK(wrapped.working_hours.week[1].empty());  // tuesday, not named
    CHECK(wrapped.working_hours.week[2] == Intervals{{540, 720}, {720, 780}});
    CHECK(wrapped.working_hours.week[3] == Intervals{{540, 720}, {720, 780}});
    for (int day : {4, 5, 6}) CHECK(wrapped.working_hours.week[day] == Intervals{{0, 1440}});

    const TenantConfig daily = load_hours_tenant(R"(    working_hours: {daily: "08:00-20:00"}
    quiet_hours: none
)");
    for (const auto& day : daily.working_hours.week) CHECK(day == Intervals{{480, 1200}});
    CHECK_FALSE(daily.quiet_hours);

    const TenantConfig only_tuesday = load_hours_tenant(R"(    working_hours: {tue: "10:00-11:00", "mon,wed-fri": closed}
    quiet_hours: off
)");
    CHECK(only_tuesday.working_hours.week[1] == Intervals{{600, 660}});
    for (int day : {0, 2, 3, 4, 5, 6}) CHECK(only_tuesday.working_hours.week[day].empty());
    CHECK_FALSE(only_tuesday.quiet_hours);
}

TEST_CASE("quiet_hours may end at 24:00") {
    CHECK(load_hours_tenant("    quiet_hours: \"20:00-24:00\"\n").quiet_hours == DailyWindow{20 * 60, 0});
}

TEST_CASE("each mistake in working_hours and quiet_hours is reported where it was written") {
    struct Case {
        std::string keys;
        int line, column;
        std::string message;
    };
    const std::vector<Case> cases = {
        {"    working_hours:\n      mnd: \"10:00-21:00\"\n", 8, 7,
         "unknown day 'mnd' in working_hours: use mon, tue, wed, thu, fri, sat, sun, a range such as mon-fri, a list "
         "such as sat,sun, daily, or exceptions (did you mean 'mon'?)"},
        {"    working_hours:\n      mon-fri: \"10:00-21:00\"\n      sat,fri: closed\n", 9, 7,
         "'fri' is named twice in working_hours (first by 'mon-fri' at line 8)"},
        {"    working_hours:\n      sat: \"10:00-21:00\"\n      sat: closed\n", 9, 7,
         "'sat' is named twice in working_hours (first by 'sat' at line 8)"},
        {"    working_hours:\n      mon-mon: closed\n", 8, 7,
         "the range 'mon-mon' must run between two different days"},
        {"    working_hours:\n      sat: \"10:00\"\n", 8, 12,
         "'10:00' is not an interval: use HH:MM-HH:MM such as \"10:00-21:00\", several separated by commas, or closed"},
        {"    working_hours:\n      sat: \"10:00-14:00,\"\n", 8, 12, "'' is not an interval"},
        {"    working_hours:\n      sat: \"10:00-25:00\"\n", 8, 12,
         "'25:00' in '10:00-25:00' is not a time of day: use HH:MM from 00:00 to 23:59 (24:00 as an end)"},
        {"    working_hours:\n      sat: \"24:00-24:00\"\n", 8, 12, "'24:00' in '24:00-24:00' is not a time of day"},
        {"    working_hours:\n      sat: \"9:00-18:00\"\n", 8, 12, "'9:00' in '9:00-18:00' is not a time of day"},
        {"    working_hours:\n      fri: \"21:00-03:00\"\n", 8, 12,
         "interval 21:00-03:00 must end after it starts: working hours stay within a day"},
        {"    working_hours:\n      fri: \"10:00-10:00\"\n", 8, 12, "interval 10:00-10:00 must end after it starts"},
        {"    working_hours:\n      sat: \"15:00-18:00, 10:00-15:30\"\n", 8, 12,
         "intervals 10:00-15:30 and 15:00-18:00 overlap"},
        {"    working_hours:\n      sun:\n", 8, 7, "expected working hours after the key"},
        {"    working_hours:\n      sun: [\"10:00-12:00\"]\n", 8, 12,
         "expected working hours such as \"10:00-21:00\" or closed, got a list"},
        {"    working_hours: \"10:00-21:00\"\n", 7, 20, "expected working hours as a mapping"},
        {"    working_hours: {}\n", 7, 5,
         "working_hours is empty: name days such as mon-fri: \"10:00-21:00\", or leave working_hours out"},
        {"    working_hours:\n      exceptions: {}\n", 8, 7, "exceptions is empty"},
        {"    working_hours:\n      exceptions:\n", 8, 7, "expected exceptions as a mapping of dates"},
        {"    working_hours:\n      exceptions:\n        31.12.2026: closed\n", 9, 9,
         "'31.12.2026' is not a date: use YYYY-MM-DD, e.g. \"2026-12-31\""},
        {"    working_hours:\n      exceptions:\n        \"2026-13-01\": closed\n", 9, 9,
         "'2026-13-01' is not a day of the calendar (months run from 01 to 12)"},
        {"    working_hours:\n      exceptions:\n        2027-02-29: closed\n", 9, 9,
         "'2027-02-29' is not a day of the calendar (that month has 28 days)"},
        {"    working_hours:\n      exceptions:\n        2027-01-01: closed\n        \"2027-01-01\": \"10:00-12:00\"\n",
         10, 9, "exception 2027-01-01 is written twice (first at line 9)"},
        {"    working_hours:\n      exceptions:\n        2027-01-07: \"12:00-10:00\"\n", 9, 21,
         "interval 12:00-10:00 must end after it starts"},
        {"    quiet_hours: \"21:00\"\n", 7, 18,
         "'21:00' is not quiet hours: use HH:MM-HH:MM such as \"21:00-09:00\" (it may cross midnight), or none"},
        {"    quiet_hours: never\n", 7, 18, "'never' is not quiet hours"},
        {"    quiet_hours: \"00:00-24:00\"\n", 7, 18, "quiet hours 00:00-24:00 are empty: write none"},
        {"    quiet_hours: \"09:00-09:00\"\n", 7, 18, "quiet hours 09:00-09:00 are empty"},
        {"    quiet_hour: \"21:00-09:00\"\n", 7, 5,
         "unknown key 'quiet_hour' in a tenant (did you mean 'quiet_hours'?)"},
    };
    for (const Case& c : cases) {
        INFO(c.keys);
        TempDir dir;
        LoadResult result = load_text(dir, kHoursTenant + c.keys);
        CHECK_FALSE(result.ok());
        CHECK(result.errors.size() == 1);
        CHECK(has_error(result, c.line, c.column, c.message));
    }
}

TEST_CASE("every mistake of working_hours is reported in one pass") {
    TempDir dir;
    LoadResult result = load_text(dir, kHoursTenant + R"(    working_hours:
      mon-fri: "10:00-21:00"
      satt: "11:00-14:00"
      thu: "12:00-13:00"
      sun: "12:00-11:00"
      exceptions:
        2027-01-32: closed
        2027-01-08: "10:00-14:00, 11:00-12:00"
    quiet_hours: "22:00-22:00"
)");
    CHECK(result.errors.size() == 6);
    CHECK(has_error(result, 9, 7, "unknown day 'satt'"));
    CHECK(has_error(result, 10, 7, "'thu' is named twice"));
    CHECK(has_error(result, 11, 12, "interval 12:00-11:00 must end after it starts"));
    CHECK(has_error(result, 13, 9, "'2027-01-32' is not a day of the calendar (that month has 31 days)"));
    CHECK(has_error(result, 14, 21, "intervals 10:00-14:00 and 11:00-12:00 overlap"));
    CHECK(has_error(result, 15, 18, "quiet hours 22:00-22:00 are empty"));
}
