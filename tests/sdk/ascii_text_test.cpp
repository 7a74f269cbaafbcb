// ascii_text.hpp: trimming blanks and lower-casing ASCII letters.
#include <catch2/catch.hpp>

#include <leadhub/sdk/ascii_text.hpp>

using namespace leadhub::sdk;

TEST_CASE("trim drops blanks at both ends only") {
    CHECK(trim("  a b \t\r\n") == "a b");
    CHECK(trim(" \t ").empty());
    CHECK(trim("") == "");
    CHECK(trim("x") == "x");
}

TEST_CASE("ascii_lower lowers ASCII letters and leaves other bytes") {
    CHECK(ascii_lower("Content-Type: TEXT/Plain") == "content-type: text/plain");
    CHECK(ascii_lower("ИМЯ Name") == "ИМЯ name");
}
