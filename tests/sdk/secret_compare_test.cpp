#include <catch2/catch.hpp>

#include <leadhub/sdk/secret_compare.hpp>

#include <string>

using leadhub::sdk::constant_time_equals;

TEST_CASE("constant-time comparison is still a comparison: bytes and lengths both count") {
    CHECK(constant_time_equals("abc", "abc"));
    CHECK(constant_time_equals("", ""));
    CHECK_FALSE(constant_time_equals("abc", "abd"));
    CHECK_FALSE(constant_time_equals("abc", "ab"));
    CHECK_FALSE(constant_time_equals("ab", "abc"));
    CHECK_FALSE(constant_time_equals("", "a"));
    CHECK_FALSE(constant_time_equals(std::string("a\0", 2), "a"));  // a NUL is a byte like any other
    CHECK_FALSE(constant_time_equals("\xff", "\x7f"));
}
