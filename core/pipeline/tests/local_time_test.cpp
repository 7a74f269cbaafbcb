// The moment a message arrived, on the tenant's clocks, as the understanding reads it: across
// Europe/Berlin's daylight-saving changes, at local midnight east of Moscow, and in zones only
// the system's time-zone database knows. Instants are written in UTC, so nothing here depends
// on the machine's TZ or local zone.
#include "base/time_zone.hpp"
#include "pipeline/understanding.hpp"
#include "pipeline_support.hpp"

#include <catch2/catch.hpp>

#include <chrono>

using namespace leadhub;
using namespace leadhub::pipeline;
using namespace std::chrono;

namespace {

int64_t utc(year_month_day day, int hour, int minute = 0) {
    return duration_cast<milliseconds>((sys_days{day} + hours{hour} + minutes{minute}).time_since_epoch()).count();
}

config::TenantConfig tenant_in(const std::string& zone) {
    auto t = testing::salon_tenant();
    t.id = "in-" + zone;
    t.timezone = zone;
    return t;
}

// The UTC instant of the date and time a reading asks for, on the tenant's clocks.
int64_t asked_instant(const MessageReading& reading, const std::string& zone) {
    REQUIRE(reading.lead.date);
    REQUIRE(reading.lead.time);
    int y = 0, mo = 0, d = 0, h = 0, mi = 0;
    REQUIRE(std::sscanf(reading.lead.date->c_str(), "%d-%d-%d", &y, &mo, &d) == 3);
    REQUIRE(std::sscanf(reading.lead.time->c_str(), "%d:%d", &h, &mi) == 2);
    auto local = local_days{year{y} / mo / d} + hours{h} + minutes{mi};
    return base::TimeZone::find(zone)->instant(local).time_since_epoch().count();
}

}  // namespace

TEST_CASE("the understander gets the offset in force at that instant, summer time included") {
    const char* berlin = "Europe/Berlin";
    CHECK(local_iso8601(utc(2026y / March / 29, 0, 59), berlin) == "2026-03-29T01:59:00+01:00");
    CHECK(local_iso8601(utc(2026y / March / 29, 1, 0), berlin) == "2026-03-29T03:00:00+02:00");
    CHECK(local_iso8601(utc(2026y / October / 25, 0, 30), berlin) == "2026-10-25T02:30:00+02:00");
    CHECK(local_iso8601(utc(2026y / October / 25, 1, 30), berlin) == "2026-10-25T02:30:00+01:00");
    CHECK(local_iso8601(utc(2026y / March / 9, 0, 0), "Pacific/Chatham") == "2026-03-09T13:45:00+13:45");
    CHECK(local_iso8601(utc(2026y / June / 15, 0, 0), "Pacific/Chatham") == "2026-06-15T12:45:00+12:45");
    CHECK(local_iso8601(utc(2026y / March / 9, 2, 30), "America/Argentina/Ushuaia") == "2026-03-08T23:30:00-03:00");
    CHECK(local_iso8601(utc(2026y / March / 9, 12, 0) + 1'500, "Asia/Kamchatka") == "2026-03-10T00:00:01+12:00");
    CHECK(local_iso8601(utc(2026y / March / 8, 22, 0) - 1, "Europe/Kaliningrad") == "2026-03-08T23:59:59+02:00");
    CHECK(local_iso8601(utc(2026y / March / 9, 5, 0), "Mars/Olympus") == "2026-03-09T05:00:00Z");  // unknown: UTC
}

TEST_CASE("'завтра в 10' written the evening before Berlin's clocks change is 10:00 by the new clocks") {
    const std::string berlin = "Europe/Berlin";
    // Saturday 2026-03-28, 22:30 CET; the clocks jump to summer time that night.
    auto spring = read_message(tenant_in(berlin), "Запишите на маникюр завтра в 10", utc(2026y / March / 28, 21, 30));
    CHECK(spring.lead.date == "2026-03-29");
    CHECK(spring.lead.time == "10:00");
    CHECK(asked_instant(spring, berlin) == utc(2026y / March / 29, 8, 0));  // 10:00 CEST
    // Saturday 2026-10-24, 22:30 CEST; the clocks fall back that night, so 10:00 is UTC+1.
    auto autumn = read_message(tenant_in(berlin), "Запишите на маникюр завтра в 10", utc(2026y / October / 24, 20, 30));
    CHECK(autumn.lead.date == "2026-10-25");
    CHECK(autumn.lead.time == "10:00");
    CHECK(asked_instant(autumn, berlin) == utc(2026y / October / 25, 9, 0));  // 10:00 CET
    // Half past midnight in Berlin is still Saturday in UTC: "tomorrow" is Monday.
    auto after_midnight =
        read_message(tenant_in(berlin), "Запишите на маникюр завтра в 10", utc(2026y / March / 28, 23, 30));
    CHECK(after_midnight.lead.date == "2026-03-30");
    CHECK(asked_instant(after_midnight, berlin) == utc(2026y / March / 30, 8, 0));
}

TEST_CASE("'завтра' at local midnight in Asia/Krasnoyarsk and Asia/Kamchatka is the day after the local date") {
    auto krasnoyarsk = tenant_in("Asia/Krasnoyarsk");
    CHECK(read_message(krasnoyarsk, "маникюр завтра в 10", utc(2026y / March / 9, 16, 59)).lead.date == "2026-03-10");
    CHECK(read_message(krasnoyarsk, "маникюр завтра в 10", utc(2026y / March / 9, 17, 0)).lead.date == "2026-03-11");
    auto kamchatka = tenant_in("Asia/Kamchatka");
    auto late = read_message(kamchatka, "маникюр завтра в 10", utc(2026y / March / 9, 11, 59));
    CHECK(late.lead.date == "2026-03-10");
    CHECK(asked_instant(late, "Asia/Kamchatka") == utc(2026y / March / 9, 22, 0));
    CHECK(read_message(kamchatka, "маникюр завтра в 10", utc(2026y / March / 9, 12, 0)).lead.date == "2026-03-11");
}
