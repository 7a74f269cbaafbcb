// The operator's actions: status (live counters, the last reply error) and connect (what to
// paste into the Meta app, since no API sets a WhatsApp callback URL).
#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace leadhub;
using namespace leadhub::whatsapp::test;

TEST_CASE("status counts messages, ignored events and signature failures since start") {
    sdk::testing::FakeHost host;
    auto plugin = sdk::testing::Harness::linked(host);
    REQUIRE(plugin.create("wa", options()) == "");
    Json fresh = plugin.control({{"action", "status"}});
    CHECK(fresh["messages"] == 0);
    CHECK(fresh["last_reply_error"].is_null());
    CHECK(fresh["channel"] == "whatsapp");

    plugin.webhook(signed_post(customer_message("text", {{"body", "a"}}).dump()));
    plugin.webhook(signed_post(envelope({{"statuses", Json::array({{{"id", "w"}, {"status", "read"}}})}}).dump()));
    plugin.webhook(signed_post("{}", "wrong"));
    Json status = plugin.control({{"action", "status"}});
    CHECK(status["messages"] == 1);
    CHECK(status["ignored_events"] == 1);
    CHECK(status["signature_failures"] == 1);

    host.on_http = [](const sdk::HttpRequest&) { return sdk::HttpResponse{401, {}, R"({"error":{"code":190,"message":"bad token"}})", ""}; };
    plugin.deliver(sdk::testing::make_reply_delivery("a", {{"to", "1"}, {"phone_number_id", "2"}}, 1, host.now));
    status = plugin.control({{"action", "status"}});
    CHECK(status["replies_failed"] == 1);
    CHECK(status["last_reply_error"].get<std::string>().find("access_token") != std::string::npos);
}

TEST_CASE("connect tells exactly what to paste into the Meta app") {
    sdk::testing::FakeHost host;
    auto plugin = sdk::testing::Harness::linked(host);
    REQUIRE(plugin.create("wa", options()) == "");
    const std::string url = "https://hub.example.ru/hooks/salon/whatsapp";
    Json answer = plugin.control({{"action", "connect"}, {"webhook_url", url}});
    CHECK(answer["performed"] == false);
    CHECK(answer["callback_url"] == url);
    CHECK(answer["verify_token"] == kVerifyToken);
    std::string steps;
    for (const auto& s : answer["steps"]) steps += s.get<std::string>() + "\n";
    CHECK(steps.find(url) != std::string::npos);
    CHECK(steps.find(kVerifyToken) != std::string::npos);
    CHECK(steps.find("messages") != std::string::npos);
    CHECK(host.http_calls.empty());

    CHECK(plugin.control({{"action", "connect"}}).contains("error"));
    CHECK(plugin.control({{"action", "reboot"}}).contains("error"));
}
