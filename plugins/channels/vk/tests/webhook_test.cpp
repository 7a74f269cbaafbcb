// The Callback API endpoint through the plugin's real exports: the secret first, then the body.
#include "vk_test_support.hpp"

#include <catch2/catch.hpp>

using namespace leadhub::sdk;
using leadhub::sdk::testing::FakeHost;
using leadhub::sdk::testing::Harness;

namespace {

struct Endpoint {
    FakeHost host;
    Harness plugin = Harness::linked(host);
    Endpoint() {
        REQUIRE(plugin.create("vk", vk_test::callback_options()) == "");
        REQUIRE(plugin.start() == "");
    }
    WebhookResult post(const std::string& body) { return plugin.webhook(vk_test::post(body)); }
};

std::string message_new_body() { return vk_test::sample("vk-02-message-new.json").at("request").at("body").dump(); }

}  // namespace

TEST_CASE("the route is the instance's address, POST only") {
    Endpoint e;
    CHECK(e.host.routes == std::vector<std::pair<std::string, std::string>>{{"POST", "/"}});
    HttpRequest get = vk_test::post(message_new_body());
    get.method = "GET";
    auto r = e.plugin.webhook(get);
    CHECK(r.status == 405);
    CHECK(r.messages.empty());
}

TEST_CASE("the secret: good, wrong, missing, one byte changed, not a string") {
    Endpoint e;
    std::string good = message_new_body();
    auto ok = e.post(good);
    CHECK(ok.status == 200);
    CHECK(ok.body == "ok");
    CHECK(ok.messages.size() == 1);

    CHECK(e.post(vk_test::sample("vk-03-wrong-secret.json").at("request").at("body").dump()).status == 403);

    Json missing = Json::parse(good);
    missing.erase("secret");
    auto no_secret = e.post(missing.dump());
    CHECK(no_secret.status == 403);
    CHECK(no_secret.messages.empty());

    std::string changed = good;
    auto at = changed.find(vk_test::kSecret);
    REQUIRE(at != std::string::npos);
    changed[at + vk_test::kSecret.size() - 1] ^= 1;  // the secret's last byte
    CHECK(e.post(changed).status == 403);
    std::string longer = good;
    longer.insert(at + vk_test::kSecret.size(), "x");
    CHECK(e.post(longer).status == 403);

    Json typed = Json::parse(good);
    typed["secret"] = 12345;
    CHECK(e.post(typed.dump()).status == 403);
    CHECK(e.host.metrics["vk_refused"] == 5);  // wrong, missing, changed, longer, not a string
}

TEST_CASE("confirmation: the code for our community only; a present secret must still match") {
    Endpoint e;
    auto r = e.post(R"({"type": "confirmation", "group_id": 218000123})");
    CHECK(r.status == 200);
    CHECK(r.body == vk_test::kCode);
    CHECK(r.messages.empty());
    CHECK(e.post(R"({"type": "confirmation", "group_id": 218000123, "secret": "vk_s3cr3t_b2c4e6"})").body == vk_test::kCode);
    CHECK(e.post(R"({"type": "confirmation", "group_id": 1})").status == 403);
    auto wrong = e.post(R"({"type": "confirmation", "group_id": 218000123, "secret": "nope"})");
    CHECK(wrong.status == 403);
    CHECK(wrong.body.find(vk_test::kCode) == std::string::npos);
}

TEST_CASE("bad bodies get a clear 4xx and no message, never a 500") {
    Endpoint e;
    std::string good = message_new_body();
    for (const std::string& body : {good.substr(0, good.size() / 2), std::string(""), std::string("[1,2]"),
                                    std::string("\"text\""), std::string("{\"a\":") + std::string(100, '[')}) {
        INFO(body.substr(0, 40));
        auto r = e.post(body);
        CHECK(r.status == 400);
        CHECK(r.messages.empty());
    }
    // The right secret over a body that is not VK's shape.
    auto r = e.post(R"({"secret": "vk_s3cr3t_b2c4e6", "type": "message_new", "group_id": 218000123, "object": 5})");
    CHECK(r.status == 400);
    CHECK(r.messages.empty());
    CHECK(e.post(R"({"secret": "vk_s3cr3t_b2c4e6", "hello": "world"})").status == 400);
    Json other = Json::parse(good);
    other["group_id"] = 999;
    CHECK(e.post(other.dump()).status == 403);
}

TEST_CASE("a chat's message and unknown events are answered ok and ignored") {
    Endpoint e;
    Json chat = Json::parse(message_new_body());
    chat["object"]["message"]["peer_id"] = 2000000042;
    auto r = e.post(chat.dump());
    CHECK(r.status == 200);
    CHECK(r.body == "ok");
    CHECK(r.messages.empty());
    Json typing = Json::parse(message_new_body());
    typing["type"] = "message_typing_state";
    typing["object"] = {{"state", "typing"}, {"from_id", 1}, {"to_id", -218000123}};
    CHECK(e.post(typing.dump()).messages.empty());
}

TEST_CASE("escaped slashes, escaped and raw Cyrillic read alike") {
    Endpoint e;
    const std::string escaped =
        R"({"group_id":218000123,"type":"message_new","event_id":"ab","v":"5.199","secret":"vk_s3cr3t_b2c4e6",)"
        R"("object":{"message":{"date":1,"from_id":7,"id":9,"out":0,"peer_id":7,"text":"\u041f\u0440\u0438\u0432\u0435\u0442 https:\/\/vk.com\/club1",)"
        R"("attachments":[{"type":"link","link":{"url":"https:\/\/example.ru\/\u043f\u0440\u0430\u0439\u0441"}}],"fwd_messages":[]},"client_info":{}}})";
    const std::string raw =
        R"({"group_id":218000123,"type":"message_new","event_id":"ab","v":"5.199","secret":"vk_s3cr3t_b2c4e6",)"
        R"("object":{"message":{"date":1,"from_id":7,"id":9,"out":0,"peer_id":7,"text":"Привет https://vk.com/club1",)"
        R"("attachments":[{"type":"link","link":{"url":"https://example.ru/прайс"}}],"fwd_messages":[]},"client_info":{}}})";
    auto a = e.post(escaped), b = e.post(raw);
    REQUIRE(a.messages.size() == 1);
    REQUIRE(b.messages.size() == 1);
    CHECK(a.messages[0].text == "Привет https://vk.com/club1");
    CHECK(a.messages[0].extra["attachments_text"] == "[ссылка: https://example.ru/прайс]");
    CHECK(to_json(a.messages[0]) == to_json(b.messages[0]));
}

TEST_CASE("a huge update is read whole or refused, never half") {
    Endpoint e;
    Json big = Json::parse(message_new_body());
    big["object"]["message"]["text"] = std::string(2'000'000, 'a');
    Json many = Json::array();
    for (int i = 0; i < 5000; ++i) many.push_back({{"type", "photo"}, {"photo", {{"id", i}, {"owner_id", 1}}}});
    big["object"]["message"]["attachments"] = many;
    auto r = e.post(big.dump());
    REQUIRE(r.status == 200);
    REQUIRE(r.messages.size() == 1);
    CHECK(r.messages[0].extra.at("attachments").size() == 5000);
    CHECK(r.messages[0].text->size() == 2'000'000);
    CHECK(r.messages[0].extra.at("attachments_text").get<std::string>().size() > 5000 * 6);
}

TEST_CASE("message_reply and message_deny come through the webhook with their events") {
    Endpoint e;
    Json reply = Json::parse(message_new_body());
    reply["type"] = "message_reply";
    reply["object"] = reply["object"]["message"];
    reply["object"]["out"] = 1;
    reply["object"]["from_id"] = -218000123;
    auto r = e.post(reply.dump());
    REQUIRE(r.messages.size() == 1);
    CHECK(r.messages[0].event == MessageEvent::business_message);
    Json deny = Json::parse(message_new_body());
    deny["type"] = "message_deny";
    deny["object"] = {{"user_id", 512345678}};
    auto d = e.post(deny.dump());
    REQUIRE(d.messages.size() == 1);
    CHECK(d.messages[0].event == MessageEvent::customer_blocked);
    CHECK(to_json(d.messages[0]).at("event") == "customer_blocked");
}

TEST_CASE("a long poll instance takes no webhooks") {
    FakeHost host;
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("vk", vk_test::longpoll_options()) == "");
    CHECK(plugin.webhook(vk_test::post(message_new_body())).status == 404);
}
