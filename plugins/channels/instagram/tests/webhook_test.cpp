// The webhook's gate and its robustness: signatures over the exact bytes, the handshake, bodies
// that are not Meta's, batches over several entries and a huge update.
#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace leadhub;
using namespace leadhub::instagram::test;

namespace {

struct IgWebhookInstance {
    sdk::testing::FakeHost host;
    sdk::testing::Harness plugin = sdk::testing::Harness::linked(host);
    IgWebhookInstance() {
        REQUIRE(plugin.create("ig", options()) == "");
        REQUIRE(plugin.start() == "");
    }
};

// The sample's exact bytes: Cyrillic written as \uXXXX escapes, signed as Meta signs.
const Json sample = load_json("instagram-01-text-message.json")["request"];
const std::string sample_body = sample["body"];

sdk::HttpRequest sample_request() {
    sdk::HttpRequest r;
    r.method = "POST";
    r.body = sample_body;
    r.headers["X-Hub-Signature-256"] = sample["headers"]["X-Hub-Signature-256"];
    return r;
}

}  // namespace

TEST_CASE("Meta's own signature over the escaped bytes is accepted; one changed byte is not") {
    IgWebhookInstance ig;
    auto ok = ig.plugin.webhook(sample_request());
    REQUIRE(ok.messages.size() == 1);
    CHECK(ok.messages[0].text == "Здравствуйте! Есть окошко на маникюр в субботу?");

    auto changed = sample_request();
    changed.body[changed.body.find("\\u0417")+5] = '8';  // З -> И, one byte of the escape
    auto refused = ig.plugin.webhook(changed);
    CHECK(refused.status == 403);
    CHECK(refused.messages.empty());

    auto missing = sample_request();
    missing.headers.erase("X-Hub-Signature-256");
    CHECK(ig.plugin.webhook(missing).status == 403);

    auto bad = sample_request();
    bad.headers["X-Hub-Signature-256"] = "sha256=" + std::string(64, '0');
    CHECK(ig.plugin.webhook(bad).status == 403);

    auto decoded = signed_post(sample_body);
    decoded.body = sdk::parse_json(sample_body).dump();  // the same JSON as UTF-8: other bytes
    CHECK(ig.plugin.webhook(decoded).status == 403);
    CHECK(ig.plugin.control({{"action", "status"}})["signature_failures"] == 4);
}

TEST_CASE("the verification handshake") {
    IgWebhookInstance ig;
    sdk::HttpRequest get;
    get.method = "GET";
    get.query = "hub.mode=subscribe&hub.challenge=987654&hub.verify_token=" + kVerifyToken;
    auto ok = ig.plugin.webhook(get);
    CHECK(ok.status == 200);
    CHECK(ok.body == "987654");
    get.query = "hub.mode=subscribe&hub.challenge=987654&hub.verify_token=" + kVerifyToken + "x";
    CHECK(ig.plugin.webhook(get).status == 403);
}

TEST_CASE("bad input gets a clear 4xx or is ignored, never a 500 or half a message") {
    IgWebhookInstance ig;
    CHECK(ig.plugin.webhook(signed_post(sample_body.substr(0, 100))).status == 400);
    for (const std::string body : {"[]", "\"x\"", R"({"object":"instagram"})", R"({"object":"instagram","entry":7})"}) {
        INFO(body);
        auto r = ig.plugin.webhook(signed_post(body));
        CHECK(r.status == 400);
        CHECK(r.messages.empty());
    }
    for (const std::string body : {R"({"object":"page","entry":[]})",
                                   R"({"object":"instagram","entry":[1,null,{"messaging":"x"},{"messaging":[1,[],{"sender":7}]}]})",
                                   R"({"object":"instagram","entry":[{"messaging":[{"sender":{"id":{}},"message":{"mid":"m","text":5}}]}]})"}) {
        INFO(body);
        auto r = ig.plugin.webhook(signed_post(body));
        CHECK(r.status == 200);
        CHECK(r.messages.empty());
    }
    // Wrong types inside a message: what can be read is read.
    auto partial = ig.plugin.webhook(signed_post(
        envelope(Json::array({customer_event("message", {{"mid", "m1"}, {"text", 5}, {"attachments", "x"}, {"reply_to", 3}})})).dump()));
    REQUIRE(partial.messages.size() == 1);
    CHECK_FALSE(partial.messages[0].text.has_value());
}

TEST_CASE("comments and mentions on entry[].changes are answered 200 with nothing") {
    IgWebhookInstance ig;
    Json body = {{"object", "instagram"},
                 {"entry", Json::array({{{"id", kBusiness}, {"time", 1},
                                         {"changes", Json::array({{{"field", "comments"},
                                                                   {"value", {{"id", "c1"}, {"text", "Цена?"}}}}})}}})}};
    auto r = ig.plugin.webhook(signed_post(body.dump()));
    CHECK(r.status == 200);
    CHECK(r.messages.empty());
    CHECK(ig.plugin.control({{"action", "status"}})["ignored_events"] == 1);
}

TEST_CASE("several entries with several events become several messages, in order") {
    Json body = envelope(Json::array({customer_event("message", {{"mid", "a"}, {"text", "один"}}),
                                      customer_event("read", {{"mid", "a"}}),
                                      customer_event("message", {{"mid", "b"}, {"text", "два"}})}));
    Json second = customer_event("message", {{"mid", "c"}, {"text", "три"}});
    second["sender"]["id"] = "999";
    body["entry"].push_back({{"id", kBusiness}, {"time", 2}, {"messaging", Json::array({second})}});

    IgWebhookInstance ig;
    auto r = ig.plugin.webhook(signed_post(body.dump()));
    REQUIRE(r.messages.size() == 3);
    CHECK(r.messages[0].external_message_id == "a");
    CHECK(r.messages[1].external_message_id == "b");
    CHECK(r.messages[2].external_message_id == "c");
    CHECK(r.messages[2].external_user_id == "999");
    auto status = ig.plugin.control({{"action", "status"}});
    CHECK(status["messages"] == 3);
    CHECK(status["ignored_events"] == 1);
}

TEST_CASE("a huge update of 1000 events is read whole") {
    Json events = Json::array();
    for (int i = 0; i < 1000; ++i) {
        std::string mid = std::to_string(i);
        mid.insert(0, 1, 'm');  // not "m" + ...: g++ 12 -O3 warns falsely (-Wrestrict) on that
        events.push_back(customer_event("message", {{"mid", mid}, {"text", std::string(200, 'x')}}));
    }
    IgWebhookInstance ig;
    auto r = ig.plugin.webhook(signed_post(envelope(events).dump()));
    CHECK(r.status == 200);
    REQUIRE(r.messages.size() == 1000);
    CHECK(r.messages[999].external_message_id == "m999");
}
