#include "config/duration.hpp"

#include <catch2/catch.hpp>

using leadhub::config::parse_duration;
using namespace std::chrono_literals;

TEST_CASE("durations in every unit") {
    CHECK(parse_duration("250ms") == 250ms);
    CHECK(parse_duration("10s") == 10s);
    CHECK(parse_duration("15m") == 15min);
    CHECK(parse_duration("24h") == 24h);
    CHECK(parse_duration("2d") == 48h);
    CHECK(parse_duration("0s") == 0ms);
}

TEST_CASE("anything else is not a duration") {
    for (const char* bad : {"", "10", "s", "15 minutes", "10 s", "-1s", "1.5s", "10sec", "5w", "ms10", " 5s",
                            "99999999999999999999d", "999999999999999d"}) {
        INFO(bad);
        CHECK_FALSE(parse_duration(bad).has_value());
    }
}
