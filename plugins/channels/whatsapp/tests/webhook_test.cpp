// The webhook's gate and its robustness: signatures over the exact bytes, the handshake, bodies
// that are not Meta's, batches and a huge update.
#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace leadhub;
using namespace leadhub::whatsapp::test;

namespace {

struct WebhookInstance {
    sdk::testing::FakeHost host;
    sdk::testing::Harness plugin = sdk::testing::Harness::linked(host);
    WebhookInstance() {
        REQUIRE(plugin.create("wa", options()) == "");
        REQUIRE(plugin.start() == "");
    }
};

const std::string sample_body = load_json("whatsapp-02-text-message.json")["request"]["body"];

}  // namespace

TEST_CASE("the signature: good, bad, missing, and over a body changed by one byte") {
    WebhookInstance wa;
    CHECK(wa.plugin.webhook(signed_post(sample_body)).messages.size() == 1);

    auto wrong = wa.plugin.webhook(signed_post(sample_body, "another secret"));
    CHECK(wrong.status == 403);
    CHECK(wrong.messages.empty());

    auto missing = signed_post(sample_body);
    missing.headers.erase("X-Hub-Signature-256");
    CHECK(wa.plugin.webhook(missing).status == 403);

    // Only the legacy SHA-1 header: not enough.
    missing.headers["X-Hub-Signature"] = "sha1=f0ed40e88c1602179bd8bd9673072ce9d3647de3";
    CHECK(wa.plugin.webhook(missing).status == 403);

    auto changed = signed_post(sample_body);
    changed.body[changed.body.find("color")] = 'k';
    auto refused = wa.plugin.webhook(changed);
    CHECK(refused.status == 403);
    CHECK(refused.messages.empty());
    CHECK(wa.plugin.control({{"action", "status"}})["signature_failures"] == 4);
}

TEST_CASE("a body with non-ASCII written as \\uXXXX escapes is checked over its exact bytes") {
    // Meta's form: Cyrillic and an emoji (a surrogate pair) escaped, '/' as '\/'.
    const std::string body =
        R"({"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"1","phone_number_id":"106540352242922"},"contacts":[{"profile":{"name":"\u0410\u043d\u043d\u0430"},"wa_id":"79161234567"}],"messages":[{"from":"79161234567","id":"wamid.E1","timestamp":"1","type":"text","text":{"body":"\u041f\u0440\u0438\u0432\u0435\u0442 \ud83d\udc4b 10\/10"}}]},"field":"messages"}]}]})";
    WebhookInstance wa;
    auto result = wa.plugin.webhook(signed_post(body));
    REQUIRE(result.messages.size() == 1);
    CHECK(result.messages[0].text == "Привет 👋 10/10");
    CHECK(result.messages[0].name == "Анна");

    // The same JSON decoded and signed as UTF-8 is a different body: the original signature fails.
    auto reencoded = signed_post(body);
    reencoded.body = sdk::parse_json(body).dump();
    CHECK(wa.plugin.webhook(reencoded).status == 403);
}

TEST_CASE("the verification handshake") {
    WebhookInstance wa;
    sdk::HttpRequest get;
    get.method = "GET";
    get.query = "hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=" + kVerifyToken;
    auto ok = wa.plugin.webhook(get);
    CHECK(ok.status == 200);
    CHECK(ok.body == "1158201444");
    get.query = "hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=wrong";
    auto bad = wa.plugin.webhook(get);
    CHECK(bad.status == 403);
    CHECK(bad.body != "1158201444");
}

TEST_CASE("bad input gets a clear 4xx or is ignored, never a 500 or half a message") {
    WebhookInstance wa;
    SECTION("truncated JSON") {
        auto r = wa.plugin.webhook(signed_post(sample_body.substr(0, sample_body.size() / 2)));
        CHECK(r.status == 400);
        CHECK(r.messages.empty());
    }
    SECTION("a valid signature over a body that is not Meta's shape") {
        for (const std::string body : {"[]", "42", R"({"object":"whatsapp_business_account"})",
                                       R"({"object":"whatsapp_business_account","entry":{}})"}) {
            INFO(body);
            auto r = wa.plugin.webhook(signed_post(body));
            CHECK(r.status == 400);
            CHECK(r.messages.empty());
        }
        for (const std::string body : {R"({"object":"page","entry":[]})", R"({"hello":"world"})",
                                       R"({"object":"whatsapp_business_account","entry":[1,"x",{"changes":[null,{"field":"messages","value":[]}]}]})",
                                       R"({"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"messages":[{"id":"w1","type":"text","text":{"body":"no sender"}},{"from":5,"id":7,"type":{}}],"contacts":"x"}}]}]})"}) {
            INFO(body);
            auto r = wa.plugin.webhook(signed_post(body));
            CHECK(r.status == 200);
            CHECK(r.messages.empty());
        }
    }
    SECTION("JSON nested deeper than the bound") {
        auto r = wa.plugin.webhook(signed_post(std::string(200, '[') + std::string(200, ']')));
        CHECK(r.status == 400);
    }
    SECTION("wrong types inside a message leave the rest of it readable") {
        Json body = customer_message("text", {{"body", 5}}, {{"context", {{"forwarded", "yes"}, {"id", 3}}}});
        auto r = wa.plugin.webhook(signed_post(body.dump()));
        REQUIRE(r.messages.size() == 1);
        CHECK_FALSE(r.messages[0].text.has_value());
        CHECK(r.messages[0].external_message_id == "wamid.TEST1");
    }
    SECTION("another method") {
        auto put = signed_post(sample_body);
        put.method = "PUT";
        CHECK(wa.plugin.webhook(put).status == 405);
    }
}

TEST_CASE("a batch: several messages and several entries become several messages, in order") {
    Json first = customer_message("text", {{"body", "один"}}, {}, "wamid.A");
    first["entry"][0]["changes"][0]["value"]["messages"].push_back(
        {{"from", "79161234567"}, {"id", "wamid.B"}, {"type", "text"}, {"text", {{"body", "два"}}}});
    Json second = customer_message("text", {{"body", "три"}}, {}, "wamid.C");
    second["entry"][0]["changes"][0]["value"]["contacts"][0]["wa_id"] = "79160000002";
    second["entry"][0]["changes"][0]["value"]["messages"][0]["from"] = "79160000002";
    Json statuses = envelope({{"statuses", Json::array({{{"id", "wamid.OUT"}, {"status", "read"}, {"recipient_id", "1"}}})}});
    first["entry"].push_back(statuses["entry"][0]);
    first["entry"].push_back(second["entry"][0]);

    WebhookInstance wa;
    auto r = wa.plugin.webhook(signed_post(first.dump()));
    CHECK(r.status == 200);
    REQUIRE(r.messages.size() == 3);
    CHECK(r.messages[0].external_message_id == "wamid.A");
    CHECK(r.messages[1].external_message_id == "wamid.B");
    CHECK(r.messages[2].external_message_id == "wamid.C");
    CHECK(r.messages[2].external_user_id == "79160000002");
    auto status = wa.plugin.control({{"action", "status"}});
    CHECK(status["messages"] == 3);
    CHECK(status["ignored_events"] == 1);
}

TEST_CASE("statuses of every kind, and other fields, are answered 200 with nothing") {
    WebhookInstance wa;
    for (const std::string s : {"sent", "delivered", "read", "failed"}) {
        Json body = envelope({{"statuses", Json::array({{{"id", "wamid.OUT"}, {"status", s}, {"timestamp", "1"},
                                                         {"recipient_id", "79161234567"},
                                                         {"errors", Json::array({{{"code", 131026}, {"title", "Message undeliverable"}}})}}})}});
        auto r = wa.plugin.webhook(signed_post(body.dump()));
        CHECK(r.status == 200);
        CHECK(r.messages.empty());
    }
    auto r = wa.plugin.webhook(signed_post(envelope({{"event", "APPROVED"}}, "message_template_status_update").dump()));
    CHECK(r.status == 200);
    CHECK(r.messages.empty());
    CHECK(wa.host.http_calls.empty());  // a failure of a message not sent by this instance sends nothing
}

TEST_CASE("a huge update of 1000 messages is read whole") {
    Json body = customer_message("text", {{"body", "x"}}, {}, "wamid.0");
    auto& messages = body["entry"][0]["changes"][0]["value"]["messages"];
    for (int i = 1; i < 1000; ++i)
        messages.push_back({{"from", "79161234567"}, {"id", "wamid." + std::to_string(i)}, {"type", "text"},
                            {"text", {{"body", std::string(200, 'a')}}}});
    WebhookInstance wa;
    auto r = wa.plugin.webhook(signed_post(body.dump()));
    CHECK(r.status == 200);
    REQUIRE(r.messages.size() == 1000);
    CHECK(r.messages[999].external_message_id == "wamid.999");
}
