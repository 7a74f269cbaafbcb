// Conversions between UTC instants and a zone's clocks, through the system's time-zone
// database: both daylight-saving changes of Europe/Berlin and of Pacific/Chatham (UTC+12:45),
// the gap and fold rule, zones east of Moscow, and names the database does not have.
// Every instant is written in UTC; the machine's TZ variable is set to something else on
// purpose in one test to show it plays no part.
#include "base/time_zone.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <ctime>

using namespace leadhub::base;
using namespace std::chrono;

namespace {

Instant utc(year_month_day day, int hour, int minute = 0) { return sys_days{day} + hours{hour} + minutes{minute}; }
LocalTime at(year_month_day day, int hour, int minute = 0) { return local_days{day} + hours{hour} + minutes{minute}; }

TimeZone zone(std::string_view name) {
    auto found = TimeZone::find(name);
    REQUIRE(found);
    return *found;
}

}  // namespace

TEST_CASE("every zone of the system's database is found; other names are not") {
    for (const char* name : {"Europe/Moscow", "Europe/Berlin", "Europe/Kaliningrad", "Asia/Krasnoyarsk", "Asia/Kamchatka",
                             "America/Argentina/Ushuaia", "Pacific/Chatham", "UTC", "Etc/GMT-3", "Europe/Kiev"}) {
        INFO(name);
        CHECK(zone(name).name() == name);
    }
    for (const char* name : {"", "Asia/Krasnoyarskk", "europe/berlin", "Mars/Olympus", "Europe", "Europe/Berlin/",
                             "../../etc/passwd", "/usr/share/zoneinfo/UTC", "localtime", "posixrules", "zone.tab",
                             "right/UTC", "posix/Europe/Berlin"}) {
        INFO(name);
        CHECK_FALSE(TimeZone::find(name));
    }
    CHECK(TimeZone::utc().name() == "UTC");
    CHECK(zone("Europe/Berlin") == zone("Europe/Berlin"));
    CHECK_FALSE(zone("Europe/Berlin") == TimeZone::utc());
}

TEST_CASE("Europe/Berlin's clocks jump an hour on 2026-03-29 and fall back an hour on 2026-10-25") {
    TimeZone berlin = zone("Europe/Berlin");
    CHECK(berlin.local(utc(2026y / March / 29, 0, 59)) == at(2026y / March / 29, 1, 59));
    CHECK(berlin.local(utc(2026y / March / 29, 1, 0)) == at(2026y / March / 29, 3, 0));
    CHECK(berlin.offset(utc(2026y / March / 29, 0, 59)) == 1h);
    CHECK(berlin.offset(utc(2026y / March / 29, 1, 0)) == 2h);
    CHECK(berlin.local(utc(2026y / October / 25, 0, 59)) == at(2026y / October / 25, 2, 59));
    CHECK(berlin.local(utc(2026y / October / 25, 1, 0)) == at(2026y / October / 25, 2, 0));
    CHECK(berlin.offset(utc(2026y / October / 25, 1, 0)) == 1h);
}

TEST_CASE("a local time the clocks skip moves on by the gap; one they show twice is the earlier instant") {
    TimeZone berlin = zone("Europe/Berlin");
    CHECK(berlin.instant(at(2026y / March / 29, 1, 59)) == utc(2026y / March / 29, 0, 59));
    CHECK(berlin.instant(at(2026y / March / 29, 2, 0)) == utc(2026y / March / 29, 1, 0));    // = 03:00 CEST
    CHECK(berlin.instant(at(2026y / March / 29, 2, 30)) == utc(2026y / March / 29, 1, 30));  // = 03:30 CEST
    CHECK(berlin.instant(at(2026y / March / 29, 3, 0)) == utc(2026y / March / 29, 1, 0));
    CHECK(berlin.instant(at(2026y / October / 25, 1, 59)) == utc(2026y / October / 24, 23, 59));
    CHECK(berlin.instant(at(2026y / October / 25, 2, 30)) == utc(2026y / October / 25, 0, 30));  // CEST, not CET
    CHECK(berlin.instant(at(2026y / October / 25, 3, 0)) == utc(2026y / October / 25, 2, 0));
    // The night shift from 01:00 to 05:00 lasts 3 hours in spring and 5 in autumn.
    CHECK(berlin.instant(at(2026y / March / 29, 5)) - berlin.instant(at(2026y / March / 29, 1)) == 3h);
    CHECK(berlin.instant(at(2026y / October / 25, 5)) - berlin.instant(at(2026y / October / 25, 1)) == 5h);
    // Pacific/Chatham, UTC+12:45 and +13:45: the clocks jump from 02:45 to 03:45 on 2026-09-27
    // and fall back from 03:45 to 02:45 on 2026-04-05.
    TimeZone chatham = zone("Pacific/Chatham");
    CHECK(chatham.instant(at(2026y / September / 27, 3, 0)) == utc(2026y / September / 26, 14, 15));  // 04:00
    CHECK(chatham.local(utc(2026y / September / 26, 14, 15)) == at(2026y / September / 27, 4, 0));
    CHECK(chatham.instant(at(2026y / April / 5, 3, 0)) == utc(2026y / April / 4, 13, 15));  // +13:45
    CHECK(chatham.offset(utc(2026y / April / 4, 14, 0)) == 12h + 45min);
}

TEST_CASE("every minute of both change days goes to local time and back") {
    TimeZone berlin = zone("Europe/Berlin");
    for (auto day : {2026y / March / 29, 2026y / October / 25}) {
        int repeated = 0;
        for (Instant t = utc(day, -2); t < utc(day, 4); t += 1min) {
            LocalTime local = berlin.local(t);
            CHECK(berlin.local(berlin.instant(local)) == local);
            // The second time through the fold maps back to the first, an hour earlier.
            if (berlin.instant(local) != t) {
                CHECK(berlin.instant(local) == t - 1h);
                ++repeated;
            }
        }
        CHECK(repeated == (day.month() == October ? 60 : 0));
    }
}

TEST_CASE("dates change at the zone's own midnight, east of Moscow too") {
    struct Case {
        const char* name;
        hours ahead;
    };
    for (Case c : {Case{"Europe/Kaliningrad", 2h}, Case{"Asia/Krasnoyarsk", 7h}, Case{"Asia/Kamchatka", 12h}}) {
        INFO(c.name);
        TimeZone tz = zone(c.name);
        const Instant midnight = sys_days{2026y / March / 9} - c.ahead;  // Monday 00:00 on the zone's clocks
        CHECK(year_month_day{floor<days>(tz.local(midnight - 1ms))} == 2026y / March / 8);
        CHECK(year_month_day{floor<days>(tz.local(midnight))} == 2026y / March / 9);
        CHECK(weekday{floor<days>(tz.local(midnight))} == Monday);
        CHECK(tz.instant(local_days{2026y / March / 9}) == midnight);
        CHECK(tz.offset(midnight) == c.ahead);
    }
    TimeZone ushuaia = zone("America/Argentina/Ushuaia");
    CHECK(ushuaia.local(utc(2026y / March / 9, 2, 30)) == at(2026y / March / 8, 23, 30));
    CHECK(ushuaia.offset(utc(2026y / July / 1, 0)) == -3h);
}

TEST_CASE("UTC needs no database, and the machine's TZ plays no part") {
    CHECK(TimeZone::utc().local(utc(2026y / March / 29, 1, 30)) == at(2026y / March / 29, 1, 30));
    CHECK(TimeZone::utc().instant(at(2026y / March / 29, 2, 30)) == utc(2026y / March / 29, 2, 30));
    CHECK(TimeZone::utc().offset(utc(2026y / March / 29, 1, 30)) == 0s);
    const char* saved = std::getenv("TZ");
    std::string before = saved ? saved : "";
    ::setenv("TZ", "America/New_York", 1);
    ::tzset();
    TimeZone berlin = zone("Europe/Berlin");
    CHECK(berlin.local(utc(2026y / March / 29, 1, 0)) == at(2026y / March / 29, 3, 0));
    CHECK(berlin.instant(at(2026y / October / 25, 2, 30)) == utc(2026y / October / 25, 0, 30));
    if (saved) ::setenv("TZ", before.c_str(), 1);
    else ::unsetenv("TZ");
    ::tzset();
}

TEST_CASE("the names for suggestions are the database's, sorted, without the machine's zone") {
    const auto& names = zone_names();
    CHECK(names.size() > 300);
    CHECK(std::is_sorted(names.begin(), names.end()));
    for (const char* name : {"Europe/Berlin", "Pacific/Chatham", "America/Argentina/Ushuaia", "Asia/Kamchatka"})
        CHECK(std::binary_search(names.begin(), names.end(), name));
    CHECK_FALSE(std::binary_search(names.begin(), names.end(), "localtime"));
}
