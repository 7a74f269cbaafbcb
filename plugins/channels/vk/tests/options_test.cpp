// The options: what the manifest declares, and the combinations refused before an instance runs.
#include "vk_test_support.hpp"

#include <catch2/catch.hpp>

using leadhub::sdk::Json;
using leadhub::sdk::testing::FakeHost;
using leadhub::sdk::testing::Harness;

TEST_CASE("the manifest declares a channel: source and sink, secrets marked, VK's rate limit") {
    FakeHost host;
    Json manifest = Harness::linked(host).manifest();
    CHECK(manifest.at("name") == "vk");
    CHECK(manifest.at("kinds") == Json::array({"source", "sink"}));
    CHECK(manifest.at("defaults").at("rate_per_second") == 20);
    auto spec = [&](const std::string& name) {
        for (const auto& o : manifest.at("options"))
            if (o.at("name") == name) return o;
        return Json::object();
    };
    CHECK(spec("access_token").value("secret", false));
    CHECK(spec("access_token").value("required", false));
    CHECK(spec("group_id").value("required", false));
    CHECK(spec("secret").value("secret", false));
    CHECK_FALSE(spec("confirmation_code").value("secret", false));
    CHECK(spec("api_url").value("default", "") == "https://api.vk.com/method");
    CHECK(spec("api_version").value("default", "") == "5.199");
}

TEST_CASE("callback mode needs the secret key and the confirmation string, named in the error") {
    FakeHost host;
    auto plugin = Harness::linked(host);
    Json options = vk_test::callback_options();
    options.erase("secret");
    CHECK_THAT(plugin.create("vk", options), Catch::Contains("'secret'"));
    options = vk_test::callback_options();
    options.erase("confirmation_code");
    CHECK_THAT(plugin.create("vk", options), Catch::Contains("'confirmation_code'"));
    options = vk_test::callback_options();
    options.erase("access_token");
    CHECK_THAT(plugin.create("vk", options), Catch::Contains("access_token"));
    CHECK(plugin.create("vk", vk_test::callback_options()) == "");
}

TEST_CASE("long poll mode needs neither secret nor confirmation string; bad values are refused") {
    FakeHost host;
    auto plugin = Harness::linked(host);
    CHECK(plugin.create("vk", vk_test::longpoll_options()) == "");
    Json options = vk_test::longpoll_options();
    options["mode"] = "polling";
    CHECK_FALSE(plugin.create("vk", options).empty());
    options = vk_test::longpoll_options();
    options["poll_wait_s"] = 91;
    CHECK_FALSE(plugin.create("vk", options).empty());
    options = vk_test::longpoll_options();
    options["group_id"] = 0;
    CHECK_FALSE(plugin.create("vk", options).empty());
}
