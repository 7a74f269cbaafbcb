// The operator's actions through the real exports: status (getWebhookInfo live in webhook mode)
// and connect (setWebhook with the secret, or deleteWebhook in polling mode), errors as {"error"}.
#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace telegram_test;
using leadhub::sdk::testing::FakeHost;
using leadhub::sdk::testing::Harness;

namespace {
const Json kConnect = {{"action", "connect"}, {"webhook_url", "https://hub.example.ru/hooks/salon/telegram"}};

HttpResponse documented(const HttpRequest& request) {
    const std::string method = method_of(request);
    if (method == "setWebhook") return outbound_response("setWebhook");
    if (method == "getWebhookInfo") return outbound_response("getWebhookInfo");
    if (method == "deleteWebhook") return HttpResponse{200, {}, R"({"ok":true,"result":true,"description":"Webhook was deleted"})", {}};
    return api_error(404, "Not Found");
}
}  // namespace

TEST_CASE("control: webhook status is getWebhookInfo, fetched live with a short timeout") {
    FakeHost host;
    host.on_http = documented;
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("tg", webhook_options()) == "");
    auto status = plugin.control({{"action", "status"}});
    CHECK(status["mode"] == "webhook");
    CHECK(status["url"] == "https://hub.example.ru/hooks/telegram/t1");
    CHECK(status["pending_update_count"] == 7);
    CHECK(status["last_error_date"] == 1714750322);
    CHECK(status["last_error_message"] == "Wrong response from the webhook: 503 Service Unavailable");
    REQUIRE(host.http_calls.size() == 1);
    CHECK(method_of(host.http_calls[0]) == "getWebhookInfo");
    CHECK(host.http_calls[0].timeout_ms <= 5000);
}

TEST_CASE("control: webhook status says when Telegram cannot be asked") {
    FakeHost host;
    host.on_http = [](const HttpRequest&) { return HttpResponse{0, {}, "", "connection timed out"}; };
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("tg", webhook_options()) == "");
    auto status = plugin.control({{"action", "status"}});
    CHECK(status["error"].get<std::string>().find("timed out") != std::string::npos);
}

TEST_CASE("control: connect in webhook mode sets the webhook with the secret, then reads it back") {
    FakeHost host;
    host.on_http = documented;
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("tg", webhook_options()) == "");
    auto result = plugin.control(kConnect);
    INFO(result.dump());
    CHECK(result["performed"] == true);
    REQUIRE(result["steps"].is_array());
    CHECK(result["steps"][0].get<std::string>().find("Webhook was set") != std::string::npos);
    CHECK(result["webhook_info"]["pending_update_count"] == 7);
    REQUIRE(host.http_calls.size() == 2);
    CHECK(method_of(host.http_calls[0]) == "setWebhook");
    const Json body = Json::parse(host.http_calls[0].body);
    CHECK(body["url"] == kConnect["webhook_url"]);
    CHECK(body["secret_token"] == kSecret);
    CHECK(body["allowed_updates"] == Json({"message", "my_chat_member", "callback_query"}));
    CHECK(body["drop_pending_updates"] == false);
    CHECK(method_of(host.http_calls[1]) == "getWebhookInfo");
}

TEST_CASE("control: connect errors come back with Telegram's description") {
    FakeHost host;
    host.on_http = [](const HttpRequest&) { return api_error(400, "Bad Request: bad webhook: Failed to resolve host"); };
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("tg", webhook_options()) == "");
    auto result = plugin.control(kConnect);
    CHECK(result["performed"] == false);
    CHECK(result["error"].get<std::string>().find("Failed to resolve host") != std::string::npos);

    host.on_http = [](const HttpRequest&) { return api_error(401, "Unauthorized"); };
    CHECK(plugin.control(kConnect)["error"].get<std::string>().find("Unauthorized") != std::string::npos);
}

TEST_CASE("control: connect refuses a webhook_url that is not https") {
    FakeHost host;
    host.on_http = documented;
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("tg", webhook_options()) == "");
    for (const Json& url : {Json("http://hub.example.ru/hooks/a/b"), Json(""), Json(5), Json("https://a b")}) {
        auto result = plugin.control({{"action", "connect"}, {"webhook_url", url}});
        CHECK(result["performed"] == false);
        CHECK(result.contains("error"));
    }
    CHECK(plugin.control({{"action", "connect"}}).contains("error"));
    CHECK(host.http_calls.empty());
}

TEST_CASE("control: connect in polling mode deletes any webhook and needs no URL") {
    FakeHost host;
    host.on_http = documented;
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("tg", polling_options()) == "");
    auto result = plugin.control({{"action", "connect"}});
    CHECK(result["performed"] == true);
    CHECK(result["steps"][0].get<std::string>().find("needs no URL") != std::string::npos);
    REQUIRE(host.http_calls.size() == 1);
    CHECK(method_of(host.http_calls[0]) == "deleteWebhook");
    CHECK(Json::parse(host.http_calls[0].body)["drop_pending_updates"] == false);
}

TEST_CASE("control: an unknown action is an error") {
    FakeHost host;
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("tg", webhook_options()) == "");
    CHECK(plugin.control({{"action", "reboot"}})["error"].get<std::string>().find("not supported") != std::string::npos);
}
