// The webhook through the real exports: the secret header first, then the method and body; what
// is not a customer's message gets 200 and nothing; bad input a clear 4xx, never a 500.
#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace telegram_test;
using leadhub::sdk::testing::FakeHost;
using leadhub::sdk::testing::Harness;

namespace {
struct Webhook {
    FakeHost host;
    Harness plugin = Harness::linked(host);
    Webhook() {
        REQUIRE(plugin.create("tg", webhook_options()) == "");
        REQUIRE(plugin.start() == "");
    }
};
const Json kText = private_update(1, {{"text", "Здравствуйте"}});
}  // namespace

TEST_CASE("webhook: the instance registers its own address for POST") {
    Webhook w;
    REQUIRE(w.host.routes.size() == 1);
    CHECK(w.host.routes[0] == std::make_pair(std::string("POST"), std::string("/")));
}

TEST_CASE("webhook: the secret header: right passes, wrong, missing, longer or shorter are 403") {
    Webhook w;
    CHECK(w.plugin.webhook(update_request(kText)).messages.size() == 1);
    for (const std::string bad : {"lead-hub_tg_WRONG00", "", "lead-hub_tg_9Xq2Lm7", "lead-hub_tg_9Xq2Lm7vX", "LEAD-HUB_TG_9XQ2LM7V"}) {
        INFO("secret '" << bad << "'");
        auto r = w.plugin.webhook(update_request(kText, bad));
        CHECK(r.status == 403);
        CHECK(r.messages.empty());
    }
    CHECK(w.host.metrics["telegram_refused"] == 5);
}

TEST_CASE("webhook: authentication comes before parsing: a bad body with a bad secret is 403") {
    Webhook w;
    CHECK(w.plugin.webhook(update_request(std::string("{not json"), "wrong")).status == 403);
    CHECK(w.plugin.webhook(update_request(std::string("{not json"))).status == 400);
}

TEST_CASE("webhook: a body changed by one byte is read as it stands, never half a message") {
    Webhook w;
    const std::string good = kText.dump();
    // Telegram signs no body: a changed byte either still reads as an Update or is refused whole.
    for (std::size_t i = 0; i < good.size(); i += 7) {
        std::string changed = good;
        changed[i] = static_cast<char>(changed[i] ^ 0x01);
        auto r = w.plugin.webhook(update_request(changed));
        INFO(changed);
        CHECK((r.status == 200 || r.status == 400));
        for (const auto& m : r.messages) CHECK(m.external_message_id.has_value());
    }
}

TEST_CASE("webhook: only POST is accepted") {
    Webhook w;
    auto request = update_request(kText);
    request.method = "GET";
    auto r = w.plugin.webhook(request);
    CHECK(r.status == 405);
    CHECK(r.headers["Allow"] == "POST");
}

TEST_CASE("webhook: bad bodies get a clear 4xx and no message") {
    Webhook w;
    const std::string text = kText.dump();
    const std::vector<std::pair<std::string, int>> cases = {
        {text.substr(0, text.size() / 2), 400},            // truncated JSON
        {"", 400},                                        // empty
        {R"({"ok": true, "result": []})", 400},           // valid JSON, not an Update
        {R"(["update_id", 1])", 400},
        {std::string(10000, '[') + std::string(10000, ']'), 400},  // nesting bomb
        {std::string(2 << 20, ' '), 413},                  // a huge body
    };
    for (const auto& [body, status] : cases) {
        auto r = w.plugin.webhook(update_request(body));
        CHECK(r.status == status);
        CHECK(r.messages.empty());
    }
}

TEST_CASE("webhook: a huge but valid update is still one message") {
    Webhook w;
    auto r = w.plugin.webhook(update_request(private_update(2, {{"text", std::string(500000, 'a')}})));
    CHECK(r.status == 200);
    REQUIRE(r.messages.size() == 1);
    CHECK(r.messages[0].text->size() == 500000);
}

TEST_CASE("webhook: what is not a customer's message is answered 200 with nothing") {
    Webhook w;
    Json group = private_update(3, {{"text", "hi"}});
    group["message"]["chat"] = {{"id", -5}, {"type", "group"}};
    const Json updates[] = {
        group,
        {{"update_id", 4}, {"edited_message", kText["message"]}},
        {{"update_id", 5}, {"callback_query", {{"id", "1"}, {"from", {{"id", 111}}}, {"data", "take:x"}}}},
        {{"update_id", 6}, {"message_reaction", {{"chat", {{"id", 111}, {"type", "private"}}}}}},
        {{"update_id", 7}, {"unknown_chat_thing", Json::object()}},
    };
    for (const auto& u : updates) {
        auto r = w.plugin.webhook(update_request(u));
        CHECK(r.status == 200);
        CHECK(r.messages.empty());
    }
    CHECK(w.host.metrics["telegram_ignored"] == 5);
}

TEST_CASE("webhook: a polling instance accepts no webhook") {
    FakeHost host;
    host.on_http = [](const HttpRequest&) { return api_ok(Json::array()); };
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("tg", polling_options()) == "");
    CHECK(plugin.webhook(update_request(kText)).status == 403);
    CHECK(plugin.webhook(update_request(kText, "")).status == 403);
}

TEST_CASE("webhook: Telegram's repeat of an update carries the same external_message_id") {
    Webhook w;
    auto first = w.plugin.webhook(update_request(kText));
    auto again = w.plugin.webhook(update_request(kText));
    REQUIRE(first.messages.size() == 1);
    REQUIRE(again.messages.size() == 1);
    CHECK(first.messages[0].external_message_id == again.messages[0].external_message_id);
    CHECK(again.status == 200);
}
