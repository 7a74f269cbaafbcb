// The options: secrets required and non-empty, defaults from the declarations.
#include "options.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace leadhub;
using namespace leadhub::whatsapp::test;

TEST_CASE("the three secrets are required, declared secret, and may not be empty") {
    sdk::testing::FakeHost host;
    auto plugin = sdk::testing::Harness::linked(host);
    for (const std::string name : {"access_token", "app_secret", "verify_token"}) {
        INFO(name);
        Json missing = options();
        missing.erase(name);
        CHECK(plugin.create("wa", missing).find(name) != std::string::npos);
        CHECK(plugin.create("wa", options({{name, ""}})).find("option '" + name + "' must not be empty") != std::string::npos);
    }
    const Json manifest = plugin.manifest();
    int secrets = 0;
    for (const auto& option : manifest["options"])
        if (option.value("secret", false)) ++secrets;
    CHECK(secrets == 3);
    CHECK(manifest["kinds"] == Json::array({"source", "sink"}));
    CHECK(manifest["defaults"]["rate_per_second"] == 80);
}

TEST_CASE("defaults: the real Graph API, v21.0, no template, Russian") {
    sdk::testing::FakeHost host;
    auto plugin = sdk::testing::Harness::linked(host);
    Json minimal = options();
    minimal.erase("api_url");
    CHECK(plugin.create("wa", minimal) == "");
    const whatsapp::WhatsappOptions o = whatsapp::whatsapp_options().defaults();
    CHECK(o.api_url == "https://graph.facebook.com");
    CHECK(o.api_version == "v21.0");
    CHECK(o.template_name.empty());
    CHECK(o.template_language == "ru");
    CHECK(plugin.create("wa", options({{"api_url", "ftp://x"}})).find("api_url") != std::string::npos);
}
