// The options: secrets required and non-empty, defaults from the declarations.
#include "options.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace leadhub;
using namespace leadhub::instagram::test;

TEST_CASE("the three secrets are required, declared secret, and may not be empty") {
    sdk::testing::FakeHost host;
    auto plugin = sdk::testing::Harness::linked(host);
    for (const std::string name : {"access_token", "app_secret", "verify_token"}) {
        INFO(name);
        Json missing = options();
        missing.erase(name);
        CHECK(plugin.create("ig", missing).find(name) != std::string::npos);
        CHECK(plugin.create("ig", options({{name, ""}})).find("option '" + name + "' must not be empty") != std::string::npos);
    }
    const Json manifest = plugin.manifest();
    int secrets = 0;
    for (const auto& option : manifest["options"])
        if (option.value("secret", false)) ++secrets;
    CHECK(secrets == 3);
    CHECK(manifest["kinds"] == Json::array({"source", "sink"}));
    CHECK(manifest["defaults"]["rate_per_second"] == 10);
}

TEST_CASE("defaults: the real Graph API, v21.0, sending as the token's own account") {
    sdk::testing::FakeHost host;
    auto plugin = sdk::testing::Harness::linked(host);
    Json minimal = options();
    minimal.erase("api_url");
    CHECK(plugin.create("ig", minimal) == "");
    const instagram::InstagramOptions o = instagram::instagram_options().defaults();
    CHECK(o.api_url == "https://graph.facebook.com");
    CHECK(o.api_version == "v21.0");
    CHECK(o.account_id == "me");
    CHECK(plugin.create("ig", options({{"account_id", "../x"}})).find("account_id") != std::string::npos);
    CHECK(plugin.create("ig", options({{"api_url", "ftp://x"}})).find("api_url") != std::string::npos);
}
