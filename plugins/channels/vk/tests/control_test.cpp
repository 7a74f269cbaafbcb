// The operator's actions: status, and connect in both modes.
#include "vk_test_support.hpp"

#include <leadhub/sdk/form.hpp>

#include <catch2/catch.hpp>

using namespace leadhub::sdk;
using leadhub::sdk::testing::FakeHost;
using leadhub::sdk::testing::Harness;

namespace {
bool any_step_contains(const Json& steps, const std::string& fragment) {
    for (const auto& s : steps)
        if (s.get<std::string>().find(fragment) != std::string::npos) return true;
    return false;
}
}  // namespace

TEST_CASE("callback connect gives the exact values to paste") {
    FakeHost host;
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("vk", vk_test::callback_options()) == "");
    Json out = plugin.control({{"action", "connect"}, {"webhook_url", "https://hub.example.ru/hooks/salon/vk"}});
    CHECK(out.at("performed") == false);
    const Json& steps = out.at("steps");
    CHECK(any_step_contains(steps, "https://hub.example.ru/hooks/salon/vk"));
    CHECK(any_step_contains(steps, vk_test::kCode));
    CHECK(any_step_contains(steps, vk_test::kSecret));
    CHECK(any_step_contains(steps, "5.199"));
    CHECK(any_step_contains(steps, "message_new"));
    CHECK(any_step_contains(steps, "message_reply"));
    CHECK(any_step_contains(steps, "message_deny"));
    CHECK(out.at("url") == "https://hub.example.ru/hooks/salon/vk");
    CHECK(host.http_calls.empty());
}

TEST_CASE("callback status: mode and the last event") {
    FakeHost host;
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("vk", vk_test::callback_options()) == "");
    Json before = plugin.control({{"action", "status"}});
    CHECK(before.at("mode") == "callback");
    CHECK(before.at("last_success_at_ms").is_null());
    CHECK(before.at("group_id") == vk_test::kGroup);
    plugin.webhook(vk_test::post(vk_test::sample("vk-02-message-new.json").at("request").at("body").dump()));
    Json after = plugin.control({{"action", "status"}});
    CHECK(after.at("last_success_at_ms") == host.now);
    CHECK(after.at("messages") == 1);
    CHECK(plugin.control({{"action", "reboot"}}).contains("error"));
}

TEST_CASE("long poll connect switches the Long Poll API on where the token may") {
    FakeHost host;
    host.on_http = [](const HttpRequest&) { return HttpResponse{200, {}, R"({"response": 1})", ""}; };
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("vk", vk_test::longpoll_options()) == "");
    Json out = plugin.control({{"action", "connect"}});
    CHECK(out.at("performed") == true);
    REQUIRE(host.http_calls.size() == 1);
    const auto form = parse_form(host.http_calls[0].body);
    CHECK(host.http_calls[0].target == "https://vk.test/method/groups.setLongPollSettings");
    CHECK(form_value(form, "enabled") == "1");
    CHECK(form_value(form, "api_version") == "5.199");
    CHECK(form_value(form, "message_new") == "1");
    CHECK(form_value(form, "message_reply") == "1");
    CHECK(form_value(form, "message_deny") == "1");
}

TEST_CASE("long poll connect falls back to the steps when VK refuses") {
    FakeHost host;
    host.on_http = [](const HttpRequest&) { return vk_test::vk_error(15, "Access denied: no access to call this method"); };
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("vk", vk_test::longpoll_options()) == "");
    Json out = plugin.control({{"action", "connect"}});
    CHECK(out.at("performed") == false);
    CHECK(any_step_contains(out.at("steps"), "Access denied"));
    CHECK(any_step_contains(out.at("steps"), "Long Poll API"));
    CHECK(any_step_contains(out.at("steps"), "message_new"));
}
