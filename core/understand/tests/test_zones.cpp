// received_at moved to the tenant's clocks by the time-zone database: daylight saving time,
// offsets that are not whole hours, and relative dates read the evening before a change.
#include <catch2/catch.hpp>

#include "base/calendar.hpp"
#include "understand/understand.hpp"

using namespace leadhub::base;
using namespace leadhub::understand;

namespace {

std::string clock(const LocalMoment& m) {
    char text[16];
    std::snprintf(text, sizeof text, "%02d:%02d", m.minute_of_day / 60, m.minute_of_day % 60);
    return m.date.iso() + " " + text;
}

std::string local(std::string_view received_at, std::string_view zone) {
    auto moment = parse_received_at(received_at, zone);
    return moment ? clock(*moment) : "unreadable";
}

Reading read_in(const std::string& zone, const std::string& text, const std::string& received_at) {
    Catalog catalog;
    catalog.timezone = zone;
    catalog.services = {{"manicure", "Маникюр", {"маникюр"}}};
    return Understander(catalog).read(text, received_at);
}

}  // namespace

TEST_CASE("received_at takes the offset Europe/Berlin has at that instant") {
    CHECK(local("2026-03-29T00:59:00Z", "Europe/Berlin") == "2026-03-29 01:59");
    CHECK(local("2026-03-29T01:00:00Z", "Europe/Berlin") == "2026-03-29 03:00");      // summer time begins
    CHECK(local("2026-10-25T00:30:00Z", "Europe/Berlin") == "2026-10-25 02:30");
    CHECK(local("2026-10-25T02:30:00+01:00", "Europe/Berlin") == "2026-10-25 02:30");  // the second 02:30
    CHECK(local("2026-10-25T01:00:00Z", "Europe/Berlin") == "2026-10-25 02:00");      // summer time ends
    CHECK(local("2026-03-28T23:30:00Z", "Europe/Berlin") == "2026-03-29 00:30");
    CHECK(local("2026-03-28T23:30:00+03:00", "Europe/Berlin") == "2026-03-28 21:30");
}

TEST_CASE("received_at in zones only the system's database knows") {
    CHECK(local("2026-03-09T00:00:00Z", "Pacific/Chatham") == "2026-03-09 13:45");
    CHECK(local("2026-06-15T00:00:00+00:00", "Pacific/Chatham") == "2026-06-15 12:45");
    CHECK(local("2026-03-09T02:30:00Z", "America/Argentina/Ushuaia") == "2026-03-08 23:30");
    CHECK(local("2026-03-09T12:00:00+00:00", "Asia/Kamchatka") == "2026-03-10 00:00");
    CHECK(local("2026-03-08T23:59:00+01:00", "Europe/Kaliningrad") == "2026-03-09 00:59");
    // Without an offset the time is already the tenant's; an unknown zone keeps the written one.
    CHECK(local("2026-03-29T02:30:00", "Europe/Berlin") == "2026-03-29 02:30");
    CHECK(local("2026-03-09T02:30:00+05:00", "Mars/Olympus") == "2026-03-09 02:30");
}

TEST_CASE("'завтра в 10' is read on the tenant's clocks the evening before and just after midnight") {
    // 22:30 CET on Saturday 2026-03-28; the clocks jump that night.
    Reading evening = read_in("Europe/Berlin", "маникюр завтра в 10", "2026-03-28T21:30:00Z");
    CHECK(evening.date == "2026-03-29");
    CHECK(evening.time == "10:00");
    // 00:30 CET on Sunday, still Saturday in UTC: tomorrow is Monday.
    CHECK(read_in("Europe/Berlin", "маникюр завтра в 10", "2026-03-28T23:30:00Z").date == "2026-03-30");
    // 00:30 on Tuesday 2026-03-10 in Kamchatka, Monday in UTC.
    CHECK(read_in("Asia/Kamchatka", "маникюр завтра в 10", "2026-03-09T12:30:00Z").date == "2026-03-11");
    CHECK(read_in("Pacific/Chatham", "маникюр завтра в 10", "2026-03-09T10:30:00Z").date == "2026-03-11");
}
