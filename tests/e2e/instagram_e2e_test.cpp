// Instagram Messaging through the real binary: hub.challenge, the sample message made a lead with
// the fixture's fields, repeats and forged signatures storing nothing, the business's echo recorded
// on the conversation, and a staff reply sent to a fake Graph API's Send API.
#include "channel_e2e_support.hpp"
#include "support/fake_platform.hpp"

using namespace leadhub::testing;
using nlohmann::json;

namespace {

const std::string kInstagramSendPath = "/v21.0/me/messages";  // account_id "me": the token's own account
const std::string kInstagramVerifyToken = "ig-e2e-verify-token-5f2a";

std::string instagram_source(const FakePlatform& api, const json& message) {
    return "      - {name: ig, plugin: instagram, options: {access_token: \"EAAG-e2e-token\", app_secret: \"" +
           message["secret"]["value"].get<std::string>() + "\", verify_token: \"" + kInstagramVerifyToken + "\", api_url: \"" + api.url() +
           "\"}}\n";
}

}  // namespace

TEST_CASE("instagram: verification, a sample message becomes one lead, its echo is the business's answer, a reply is sent",
          "[channels][instagram]") {
    FakePlatform api([](const PlatformCall& call) {
        if (call.path == kInstagramSendPath) return PlatformAnswer{200, outbound_answer("instagram", "outbound-send-text.json")};
        return PlatformAnswer{404, R"({"error":{"message":"Unknown path","type":"OAuthException","code":803}})"};
    });
    const json message = channel_fixture("instagram", "instagram-01-text-message.json");
    const json echo = channel_fixture("instagram", "instagram-02-echo-ignored.json");
    const json forged = channel_fixture("instagram", "instagram-03-wrong-signature.json");

    TempDir dir("leadhub-e2e-instagram");
    const int port = free_port();
    Hub hub(dir, port, channel_config(port, instagram_source(api, message)));
    hub.start();
    REQUIRE(hub.wait_ready());

    auto challenge = http_call(hub.port(), "GET", "/hooks/t1/ig?hub.mode=subscribe&hub.challenge=31415926&hub.verify_token=" + kInstagramVerifyToken);
    CHECK(challenge.status == 200);
    CHECK(challenge.body == "31415926");
    CHECK(http_call(hub.port(), "GET", "/hooks/t1/ig?hub.mode=subscribe&hub.challenge=31415926&hub.verify_token=wrong").status == 403);

    // Forgeries first (the fixture's, and the genuine signature over another message id).
    CHECK(post_channel_fixture(hub, forged, "ig").status == 403);
    json tampered = message;
    std::string body = tampered["request"]["body"];
    body.replace(body.find("\"mid\":\"aWdf"), 11, "\"mid\":\"XXXX");
    tampered["request"]["body"] = body;
    CHECK(post_channel_fixture(hub, tampered, "ig").status == 403);

    CHECK(post_channel_fixture(hub, message, "ig").status == message["expect"]["response"]["status"].get<int>());
    json leads = hub.wait_for_leads(1);
    REQUIRE(leads.size() == 1);
    check_lead_matches(leads[0], message["expect"]["lead"]);
    CHECK(leads[0]["channel"] == "instagram");
    const int64_t lead_id = leads[0]["id"];

    CHECK(post_channel_fixture(hub, message, "ig").status == 200);
    REQUIRE(inbox_settled(hub));
    CHECK(hub.leads().size() == 1);
    CHECK(lead_messages(hub, lead_id).size() == 1);

    // The salon answered in the Instagram app: Meta echoes it; the lead's conversation shows that
    // the business answered, and no lead is made of it.
    CHECK(post_channel_fixture(hub, echo, "ig").status == echo["expect"]["response"]["status"].get<int>());
    REQUIRE(eventually([&] { return count_kind(lead_messages(hub, lead_id), "business") == 1; }));
    REQUIRE(inbox_settled(hub));
    CHECK(hub.leads().size() == 1);
    CHECK(lead_messages(hub, lead_id).size() == 2);

    const std::string text = "Здравствуйте! В субботу свободно 12:00 и 16:30.";
    CHECK(post_reply(hub, lead_id, text).status == 202);
    REQUIRE(eventually([&] { return api.calls_to(kInstagramSendPath).size() == 1; }));
    const json sent = api.calls_to(kInstagramSendPath)[0].json();
    CHECK(sent["recipient"]["id"] == "1284567890123456");
    CHECK(sent["message"]["text"] == text);
    json messages = lead_messages(hub, lead_id);
    REQUIRE(count_kind(messages, "reply") == 1);
    for (const auto& m : messages)
        if (m["kind"] == "reply") CHECK(m["text"] == text);
    CHECK(hub.leads().size() == 1);
}

TEST_CASE("instagram: a reply Meta refuses as outside the messaging window is one attempt, then a dead letter",
          "[channels][instagram]") {
    FakePlatform api([](const PlatformCall& call) {
        const json sample = channel_fixture("instagram", "outbound-error.outside-window.json")["response"];
        if (call.path == kInstagramSendPath) return PlatformAnswer{sample["status"].get<int>(), sample["body"].dump()};
        return PlatformAnswer{404, R"({"error":{"message":"Unknown path","type":"OAuthException","code":803}})"};
    });
    const json message = channel_fixture("instagram", "instagram-01-text-message.json");
    TempDir dir("leadhub-e2e-instagram-window");
    const int port = free_port();
    Hub hub(dir, port, channel_config(port, instagram_source(api, message)));
    hub.start();
    REQUIRE(hub.wait_ready());

    CHECK(post_channel_fixture(hub, message, "ig").status == 200);
    json leads = hub.wait_for_leads(1);
    REQUIRE(leads.size() == 1);
    const int64_t lead_id = leads[0]["id"];
    CHECK(post_reply(hub, lead_id, "Здравствуйте!").status == 202);

    json dead;
    REQUIRE(eventually([&] {
        auto r = hub.api("/api/deadletters");
        if (r.status != 200) return false;
        dead = json::parse(r.body)["deadletters"];
        return dead.size() == 1;
    }));
    CHECK(dead[0]["kind"] == "reply");
    CHECK(dead[0]["lead_id"] == lead_id);
    CHECK(dead[0]["attempts"] == 1);
    CHECK_THAT(dead[0]["reason"].get<std::string>(), Catch::Contains("outside Instagram's 24-hour messaging window"));
    CHECK(api.calls_to(kInstagramSendPath).size() == 1);
}
