// deliver() through the real exports: a reply reaches the customer's chat, every documented error
// is classified, long texts are split and a retry never repeats a part already sent.
#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace telegram_test;
using leadhub::sdk::Outcome;
using leadhub::sdk::testing::FakeHost;
using leadhub::sdk::testing::Harness;
using leadhub::sdk::testing::make_delivery;
using leadhub::sdk::testing::make_reply_delivery;

namespace {
struct Channel {
    FakeHost host;
    Harness plugin = Harness::linked(host);
    Channel() { REQUIRE(plugin.create("tg", webhook_options()) == ""); }
};
const Json kAddress = {{"chat_id", 7034419821LL}};
}  // namespace

TEST_CASE("reply: sendMessage to the address's chat, ok with Telegram's message id") {
    Channel c;
    c.host.on_http = [](const HttpRequest&) { return outbound_response("sendMessage"); };
    auto delivery = make_reply_delivery("Ольга, здравствуйте! Завтра в 18:30 свободно.", kAddress, 9);
    auto outcome = c.plugin.deliver(delivery);
    CHECK(outcome.kind == Outcome::Kind::ok);
    CHECK(outcome.external_id == "156");
    REQUIRE(c.host.http_calls.size() == 1);
    const auto& call = c.host.http_calls[0];
    CHECK(call.target == std::string("http://fake-telegram/bot") + kToken + "/sendMessage");
    CHECK(Json::parse(call.body) == Json{{"chat_id", 7034419821LL}, {"text", "Ольга, здравствуйте! Завтра в 18:30 свободно."}});
}

TEST_CASE("reply: buttons become an inline keyboard") {
    Channel c;
    c.host.on_http = [](const HttpRequest&) { return outbound_response("sendMessage"); };
    auto delivery = make_reply_delivery("Записать вас?", kAddress);
    delivery.reply->buttons = {{"book:yes", "Да"}, {"book:no", "Нет"}};
    REQUIRE(c.plugin.deliver(delivery).kind == Outcome::Kind::ok);
    const Json body = Json::parse(c.host.http_calls.at(0).body);
    CHECK(body["reply_markup"]["inline_keyboard"][1][0] == Json{{"text", "Нет"}, {"callback_data", "book:no"}});
}

TEST_CASE("reply: only replies and notices are delivered; a reply without a chat is permanent") {
    Channel c;
    c.host.on_http = [](const HttpRequest&) { return outbound_response("sendMessage"); };
    auto lead = c.plugin.deliver(make_delivery({{"id", 1}, {"name", "x"}}));
    CHECK(lead.kind == Outcome::Kind::permanent);
    CHECK(lead.reason == "telegram delivers replies and notices, not 'lead'");
    auto nowhere = c.plugin.deliver(make_reply_delivery("x", Json::object()));
    CHECK(nowhere.kind == Outcome::Kind::permanent);
    CHECK(nowhere.reason.find("chat_id") != std::string::npos);
    CHECK(c.plugin.deliver(make_reply_delivery("", kAddress)).kind == Outcome::Kind::permanent);
    CHECK(c.host.http_calls.empty());
}

TEST_CASE("reply: every documented error is classified") {
    struct Case {
        HttpResponse response;
        Outcome::Kind kind;
        std::string reason_fragment;
    };
    const std::vector<Case> cases = {
        {outbound_response("error.429"), Outcome::Kind::retry, "retry after 5"},
        {outbound_response("error.403-bot-blocked"), Outcome::Kind::permanent, "bot was blocked by the user"},
        {api_error(400, "Bad Request: chat not found"), Outcome::Kind::permanent, "chat not found"},
        {api_error(400, "Bad Request: message is too long"), Outcome::Kind::permanent, "message is too long"},
        {api_error(401, "Unauthorized"), Outcome::Kind::permanent, "option bot_token"},
        {api_error(500, "Internal Server Error"), Outcome::Kind::retry, "500"},
        {api_error(502, "Bad Gateway"), Outcome::Kind::retry, "502"},
        {HttpResponse{0, {}, "", "timed out"}, Outcome::Kind::retry, "timed out"},
    };
    for (const auto& k : cases) {
        Channel c;
        c.host.on_http = [&](const HttpRequest&) { return k.response; };
        auto outcome = c.plugin.deliver(make_reply_delivery("Здравствуйте", kAddress));
        INFO(outcome.reason);
        CHECK(outcome.kind == k.kind);
        CHECK(outcome.reason.find(k.reason_fragment) != std::string::npos);
    }
}

TEST_CASE("reply: 429 hands the dispatcher Telegram's wait") {
    Channel c;
    c.host.on_http = [](const HttpRequest&) { return outbound_response("error.429"); };
    CHECK(c.plugin.deliver(make_reply_delivery("x", kAddress)).retry_after_ms == 5000);
}

TEST_CASE("reply: a text over 4096 characters goes as several messages, buttons under the last") {
    Channel c;
    int next_id = 200;
    c.host.on_http = [&](const HttpRequest&) { return api_ok({{"message_id", next_id++}}); };
    auto delivery = make_reply_delivery(std::string(4000, 'a') + "\n" + std::string(4000, 'b'), kAddress, 5);
    delivery.reply->buttons = {{"ok", "Ок"}};
    auto outcome = c.plugin.deliver(delivery);
    CHECK(outcome.kind == Outcome::Kind::ok);
    CHECK(outcome.external_id == "200,201");
    REQUIRE(c.host.http_calls.size() == 2);
    CHECK_FALSE(Json::parse(c.host.http_calls[0].body).contains("reply_markup"));
    CHECK(Json::parse(c.host.http_calls[1].body).contains("reply_markup"));
}

TEST_CASE("reply: a retry after a failed part sends only the parts not yet sent") {
    Channel c;
    int calls = 0;
    c.host.on_http = [&](const HttpRequest&) {
        ++calls;
        if (calls == 2) return api_error(502, "Bad Gateway");  // the second part fails once
        return api_ok({{"message_id", 300 + calls}});
    };
    auto delivery = make_reply_delivery(std::string(4096, 'a') + std::string(4096, 'b') + "c", kAddress, 6);
    auto first = c.plugin.deliver(delivery);
    CHECK(first.kind == Outcome::Kind::retry);
    CHECK(first.reason.find("part 2 of 3") != std::string::npos);
    auto second = c.plugin.deliver(delivery);
    CHECK(second.kind == Outcome::Kind::ok);
    CHECK(second.external_id == "301,303,304");
    REQUIRE(c.host.http_calls.size() == 4);
    CHECK(Json::parse(c.host.http_calls[2].body)["text"] == std::string(4096, 'b'));  // part 2 again, not part 1
    CHECK(Json::parse(c.host.http_calls[3].body)["text"] == "c");
}

TEST_CASE("reply: a damaged progress record starts the reply over instead of failing forever") {
    Channel c;
    int next_id = 400;
    c.host.on_http = [&](const HttpRequest&) { return api_ok({{"message_id", next_id++}}); };
    auto delivery = make_reply_delivery(std::string(5000, 'a'), kAddress, 7);
    for (const std::string damaged : {"not json", R"({"parts": "2", "sent": 1, "ids": ["1"]})", R"({"parts": 2, "sent": 1})",
                                      R"({"parts": 2, "sent": 5, "ids": ["1"]})"}) {
        c.host.state["reply-progress:" + delivery.idempotency_key] = damaged;
        const auto before = c.host.http_calls.size();
        auto outcome = c.plugin.deliver(delivery);
        INFO(damaged);
        CHECK(outcome.kind == Outcome::Kind::ok);
        CHECK(c.host.http_calls.size() - before == 2);
    }
}
