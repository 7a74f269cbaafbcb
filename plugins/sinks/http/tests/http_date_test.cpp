#include <catch2/catch.hpp>

#include "http_date.hpp"

using leadhub::http_sink::parse_http_date;

namespace {
constexpr int64_t nov_6_1994 = 784111777000;  // Sun, 06 Nov 1994 08:49:37 GMT
}

TEST_CASE("the three HTTP date forms give the same instant") {
    CHECK(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT") == nov_6_1994);
    CHECK(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT") == nov_6_1994);
    CHECK(parse_http_date("Sun Nov  6 08:49:37 1994") == nov_6_1994);
}

TEST_CASE("HTTP dates around the hub's own years") {
    CHECK(parse_http_date("Thu, 01 Jan 1970 00:00:00 GMT") == 0);
    CHECK(parse_http_date("Thu, 01 Jan 2026 00:00:00 GMT") == 1767225600000);
    CHECK(parse_http_date("Sun, 01 Mar 2026 12:30:05 GMT") == 1772368205000);
    CHECK(parse_http_date("Thursday, 01-Jan-26 00:00:00 GMT") == 1767225600000);
    CHECK(parse_http_date("Sat, 29 Feb 2028 00:00:00 GMT") == 1835395200000);
}

TEST_CASE("text that is not an HTTP date is refused") {
    for (const char* bad : {"", "120", "tomorrow", "Sun, 06 Nov 1994 08:49:37", "Sun, 06 Nov 1994 08:49:37 MSK",
                            "Sun, 06 Foo 1994 08:49:37 GMT", "Sun, 32 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 24:00:00 GMT",
                            "Sun, 06 Nov 1994 08:61:00 GMT", "Sun, 06 Nov 1994 08:49:37 GMT trailing", "2026-01-01T00:00:00Z"}) {
        INFO(bad);
        CHECK_FALSE(parse_http_date(bad));
    }
}
