// The tenant's `timezone`: every zone of the system's time-zone database is accepted, with
// shifts and absences on its clocks; a name it does not know is an error naming it, with the
// closest known name as a suggestion.
#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace leadhub::config;
using namespace leadhub::config::testing;

namespace {

// Line 5 is the tenant's timezone (its value at column 15); line 6 gives its only person a shift.
std::string tenant_in(const std::string& zone) {
    return "version: 1\nadmin: {enabled: false}\ntenants:\n  - id: t\n    timezone: " + zone +
           "\n    staff: [{id: anna, shifts: [{days: [sun], from: \"01:00\", to: \"05:00\"}],"
           " absences: [{from: 2026-03-29}]}]\n";
}

}  // namespace

TEST_CASE("zones with daylight saving time and zones far from Russia take shifts and absences") {
    TempDir dir;
    for (const char* zone : {"Europe/Berlin", "America/Argentina/Ushuaia", "Pacific/Chatham", "Asia/Kamchatka",
                             "Europe/Kaliningrad", "UTC"}) {
        INFO(zone);
        LoadResult result = load_text(dir, tenant_in(zone));
        INFO(result.error_text());
        REQUIRE(result.ok());
        CHECK(result.config->tenants[0].timezone == zone);
        CHECK(result.config->tenants[0].staff[0].shifts.size() == 1);
    }
}

TEST_CASE("a zone name with a typo is an error naming it and the zone meant") {
    TempDir dir;
    LoadResult result = load_text(dir, tenant_in("Europe/Berln"));
    REQUIRE_FALSE(result.ok());
    CHECK(has_error(result, 5, 15,
                    "unknown timezone 'Europe/Berln': use an IANA name such as Europe/Moscow or Asia/Krasnoyarsk "
                    "(did you mean 'Europe/Berlin'?)"));
    CHECK(has_error(load_text(dir, tenant_in("Asia/Kamchatca")), 5, 15, "(did you mean 'Asia/Kamchatka'?)"));
    CHECK(has_error(load_text(dir, tenant_in("europe/moscow")), 5, 15, "(did you mean 'Europe/Moscow'?)"));
}

TEST_CASE("names that are no zone of the database are refused, the machine's own zone included") {
    TempDir dir;
    // "localtime" is the machine's zone, whatever that is: a tenant's clocks must not follow it.
    for (const char* name : {"localtime", "posixrules", "zone.tab", "Europe", "/etc/localtime", "Europe/Berlin/"}) {
        INFO(name);
        LoadResult result = load_text(dir, tenant_in(std::string("\"") + name + "\""));
        CHECK(has_error(result, 5, 15, "unknown timezone '" + std::string(name) + "'"));
    }
}
