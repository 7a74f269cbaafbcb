// The operator's actions: status (live counters, the last reply error) and connect (what to
// paste into the Meta app's Webhooks settings).
#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace leadhub;
using namespace leadhub::instagram::test;

TEST_CASE("status counts messages, echoes, ignored events and signature failures since start") {
    sdk::testing::FakeHost host;
    auto plugin = sdk::testing::Harness::linked(host);
    REQUIRE(plugin.create("ig", options()) == "");
    CHECK(plugin.control({{"action", "status"}})["messages"] == 0);

    Json echo = {{"sender", {{"id", kBusiness}}}, {"recipient", {{"id", kCustomer}}}, {"message", {{"mid", "e"}, {"is_echo", true}, {"text", "ok"}}}};
    plugin.webhook(signed_post(envelope(Json::array({customer_event("message", {{"mid", "m"}, {"text", "a"}}), echo,
                                                     customer_event("read", {{"mid", "m"}})})).dump()));
    plugin.webhook(signed_post("{}", "wrong"));
    Json status = plugin.control({{"action", "status"}});
    CHECK(status["messages"] == 1);
    CHECK(status["business_messages"] == 1);
    CHECK(status["ignored_events"] == 1);
    CHECK(status["signature_failures"] == 1);
    CHECK(status["last_reply_error"].is_null());
    CHECK(status["channel"] == "instagram");
}

TEST_CASE("connect tells exactly what to paste and which fields to subscribe") {
    sdk::testing::FakeHost host;
    auto plugin = sdk::testing::Harness::linked(host);
    REQUIRE(plugin.create("ig", options()) == "");
    const std::string url = "https://hub.example.ru/hooks/salon/instagram";
    Json answer = plugin.control({{"action", "connect"}, {"webhook_url", url}});
    CHECK(answer["performed"] == false);
    CHECK(answer["callback_url"] == url);
    CHECK(answer["verify_token"] == kVerifyToken);
    CHECK(answer["fields"] == Json::array({"messages", "messaging_postbacks", "message_reactions", "messaging_seen"}));
    std::string steps;
    for (const auto& s : answer["steps"]) steps += s.get<std::string>() + "\n";
    CHECK(steps.find("Callback URL: " + url) != std::string::npos);
    CHECK(steps.find("Verify token: " + kVerifyToken) != std::string::npos);
    CHECK(host.http_calls.empty());
    CHECK(plugin.control({{"action", "connect"}}).contains("error"));
    CHECK(plugin.control({{"action", "restart"}}).contains("error"));
}
