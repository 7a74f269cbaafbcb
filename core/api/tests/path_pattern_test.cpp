// The admin API's path patterns: literal segments and {id}s, and what an id may be.
#include "api/path_pattern.hpp"

#include <catch2/catch.hpp>

using namespace leadhub::app;
using Ids = std::vector<std::string>;

TEST_CASE("a pattern matches paths of its shape and gives the segments of its {id}s") {
    CHECK(match_path("/api/leads", "/api/leads") == Ids{});
    CHECK(match_path("/api/leads/{id}/take", "/api/leads/42/take") == Ids{"42"});
    CHECK(match_path("/api/leads/{id}/take", "/api/leads/abc/take") == Ids{"abc"});
    CHECK(match_path("/a/{id}/b/{id}", "/a/1/b/2") == Ids{"1", "2"});
}

TEST_CASE("a pattern does not match another shape") {
    CHECK_FALSE(match_path("/api/leads", "/api/leads/"));
    CHECK_FALSE(match_path("/api/leads", "/api/lead"));
    CHECK_FALSE(match_path("/api/leads", "/api/leadsx"));
    CHECK_FALSE(match_path("/api/leads/{id}/take", "/api/leads//take"));
    CHECK_FALSE(match_path("/api/leads/{id}/take", "/api/leads/1/take/"));
    CHECK_FALSE(match_path("/api/leads/{id}/take", "/api/leads/1"));
    CHECK_FALSE(match_path("/api/leads/{id}/take", "/api/leads/1/status"));
    CHECK_FALSE(match_path("/api/status", ""));
}

TEST_CASE("an id is a whole number of 1 to 18 digits") {
    CHECK(parse_id("0") == 0);
    CHECK(parse_id("42") == 42);
    CHECK(parse_id("007") == 7);
    CHECK(parse_id("999999999999999999") == 999999999999999999LL);
    CHECK_FALSE(parse_id(""));
    CHECK_FALSE(parse_id("1234567890123456789"));
    CHECK_FALSE(parse_id("-1"));
    CHECK_FALSE(parse_id("+1"));
    CHECK_FALSE(parse_id(" 1"));
    CHECK_FALSE(parse_id("1a"));
    CHECK_FALSE(parse_id("٣"));
}
