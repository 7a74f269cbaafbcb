// The one masking rule, and a running hub's mask that keeps every secret it ever saw.
#include "config/secret_mask.hpp"

#include <catch2/catch.hpp>

using namespace leadhub::config;

TEST_CASE("every secret of 4 characters or more is masked, the longest first") {
    const auto secrets = secrets_to_mask({"abc", "token-1234", "token-1234-and-more"});
    CHECK(secrets.front() == "token-1234-and-more");
    CHECK(mask_secret_values("a token-1234-and-more b token-1234 c abc", secrets) == "a *** b *** c abc");
    CHECK(mask_secret_values("token-1234token-1234", secrets) == "******");
    CHECK(mask_secret_values("", secrets).empty());
}

TEST_CASE("a secret is also masked as JSON writes it inside a string") {
    // An API that echoes the request back in JSON escapes the quote and the line break.
    const auto secrets = secrets_to_mask({"pa\"ss\nword"});
    CHECK(mask_secret_values(R"({"echo": "Bearer pa\"ss\nword"})", secrets) == R"({"echo": "Bearer ***"})");
    CHECK(mask_secret_values("raw pa\"ss\nword", secrets) == "raw ***");
}

TEST_CASE("a hub's mask keeps the old secrets when a reload brings new ones") {
    auto mask = std::make_shared<SecretMask>();
    auto apply = mask_function(mask);
    CHECK(apply("old-secret-value") == "old-secret-value");
    mask->add({"old-secret-value"});
    mask->add({"new-secret-value", "old-secret-value"});
    CHECK(apply("old-secret-value, new-secret-value") == "***, ***");
    CHECK(mask->apply("nothing here") == "nothing here");
}
