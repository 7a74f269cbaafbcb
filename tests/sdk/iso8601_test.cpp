// iso8601.hpp: instants as ISO 8601 in UTC with milliseconds, before 1970 too.
#include <catch2/catch.hpp>

#include <leadhub/sdk/iso8601.hpp>

using namespace leadhub::sdk;

TEST_CASE("instants are written in UTC with milliseconds, before 1970 too") {
    CHECK(iso8601_utc(0) == "1970-01-01T00:00:00.000Z");
    CHECK(iso8601_utc(1772368205123) == "2026-03-01T12:30:05.123Z");
    CHECK(iso8601_utc(951782400000) == "2000-02-29T00:00:00.000Z");
    CHECK(iso8601_utc(-1) == "1969-12-31T23:59:59.999Z");
    CHECK(iso8601_utc(-1500) == "1969-12-31T23:59:58.500Z");
    CHECK(iso8601_utc(-86400000) == "1969-12-31T00:00:00.000Z");
    CHECK(iso8601_utc(-14182940000) == "1969-07-20T20:17:40.000Z");
}
