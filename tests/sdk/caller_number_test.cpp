#include <catch2/catch.hpp>

#include <leadhub/sdk/caller_number.hpp>

using leadhub::sdk::read_caller_number;

TEST_CASE("Russian numbers in their usual forms become +7") {
    for (const char* raw : {"79161234567", "89161234567", "9161234567", "+79161234567", " 8 (916) 123-45-67 ", "7.916.123.45.67"})
        CHECK(read_caller_number(raw).e164 == std::optional<std::string>("+79161234567"));
}

TEST_CASE("international numbers without a plus get one; a plus is kept") {
    CHECK(read_caller_number("380441234567").e164 == std::optional<std::string>("+380441234567"));
    CHECK(read_caller_number("+4930123456").e164 == std::optional<std::string>("+4930123456"));
    CHECK(read_caller_number("77011234567").e164 == std::optional<std::string>("+77011234567"));  // Kazakhstan
}

TEST_CASE("hidden numbers are told apart from unreadable ones") {
    for (const char* hidden : {"", "  ", "anonymous", "Anonymous", "unknown", "0", "0000", "+", "private"}) {
        INFO(hidden);
        auto n = read_caller_number(hidden);
        CHECK(n.hidden);
        CHECK_FALSE(n.e164.has_value());
    }
    for (const char* unreadable : {"100", "12345", "sip:100@pbx", "+123", "0161234567", "1234567890123456"}) {
        INFO(unreadable);
        auto n = read_caller_number(unreadable);
        CHECK_FALSE(n.hidden);
        CHECK_FALSE(n.e164.has_value());
    }
}
