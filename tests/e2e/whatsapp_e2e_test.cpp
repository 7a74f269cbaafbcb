// WhatsApp Cloud API through the real binary: Meta's hub.challenge answered exactly, the sample
// text message made a lead with the fixture's fields, repeats, statuses and forged signatures
// storing nothing, and a staff reply sent to a fake Graph API as a text message.
#include "channel_e2e_support.hpp"
#include "support/fake_platform.hpp"

using namespace leadhub::testing;
using nlohmann::json;

namespace {

const std::string kWhatsappSendPath = "/v21.0/106540352242922/messages";  // the sample's phone_number_id

std::string whatsapp_source(const FakePlatform& api, const json& verify, const json& message) {
    return "      - {name: wa, plugin: whatsapp, options: {access_token: \"EAAG-e2e-token\", app_secret: \"" +
           message["secret"]["value"].get<std::string>() + "\", verify_token: \"" +
           verify["config"]["meta_verify_token"].get<std::string>() + "\", api_url: \"" + api.url() + "\"}}\n";
}

}  // namespace

TEST_CASE("whatsapp: verification, a sample message becomes one lead, repeats and forgeries store nothing, a reply is sent",
          "[channels][whatsapp]") {
    FakePlatform api([](const PlatformCall& call) {
        if (call.path == kWhatsappSendPath) return PlatformAnswer{200, outbound_answer("whatsapp", "outbound-send-text.json")};
        return PlatformAnswer{404, R"({"error":{"message":"Unknown path","type":"OAuthException","code":803}})"};
    });
    const json verify = channel_fixture("whatsapp", "whatsapp-01-verify-get.json");
    const json message = channel_fixture("whatsapp", "whatsapp-02-text-message.json");
    const json status = channel_fixture("whatsapp", "whatsapp-03-status-delivered.json");
    const json forged = channel_fixture("whatsapp", "whatsapp-04-wrong-signature.json");

    TempDir dir("leadhub-e2e-whatsapp");
    const int port = free_port();
    Hub hub(dir, port, channel_config(port, whatsapp_source(api, verify, message)));
    hub.start();
    REQUIRE(hub.wait_ready());

    // Meta's subscription check: the challenge is the whole body; a wrong verify token is refused.
    auto challenge = post_channel_fixture(hub, verify, "wa");
    CHECK(challenge.status == 200);
    CHECK(challenge.body == verify["expect"]["response"]["body"].get<std::string>());
    json wrong_verify = verify;
    wrong_verify["request"]["query"]["hub.verify_token"] = "not-the-token";
    CHECK(post_channel_fixture(hub, wrong_verify, "wa").status == 403);

    // Forgeries first: the fixture's wrong signature, and the genuine signature over a body whose
    // message id was changed. Had either been stored, the lead below would not be alone.
    CHECK(post_channel_fixture(hub, forged, "wa").status == 403);
    json tampered = message;
    std::string body = tampered["request"]["body"];
    body.replace(body.find("wamid.HBgL"), 10, "wamid.XXXX");
    tampered["request"]["body"] = body;
    CHECK(post_channel_fixture(hub, tampered, "wa").status == 403);

    CHECK(post_channel_fixture(hub, message, "wa").status == message["expect"]["response"]["status"].get<int>());
    json leads = hub.wait_for_leads(1);
    REQUIRE(leads.size() == 1);
    check_lead_matches(leads[0], message["expect"]["lead"]);
    CHECK(leads[0]["channel"] == "whatsapp");
    const int64_t lead_id = leads[0]["id"];

    // A repeat of the message and a delivery status: successes that add nothing.
    CHECK(post_channel_fixture(hub, message, "wa").status == 200);
    CHECK(post_channel_fixture(hub, status, "wa").status == status["expect"]["response"]["status"].get<int>());
    REQUIRE(inbox_settled(hub));
    CHECK(hub.leads().size() == 1);
    CHECK(lead_messages(hub, lead_id).size() == 1);

    // The reply, inside the 24-hour window (the sample's message is old, but the window runs from
    // when the hub received it), goes out as a text message to the customer's wa_id.
    const std::string text = "Добрый день! Да, есть в синем и в бежевом.";
    CHECK(post_reply(hub, lead_id, text).status == 202);
    REQUIRE(eventually([&] { return api.calls_to(kWhatsappSendPath).size() == 1; }));
    const json sent = api.calls_to(kWhatsappSendPath)[0].json();
    CHECK(sent["messaging_product"] == "whatsapp");
    CHECK(sent["to"] == "16505551234");
    CHECK(sent["type"] == "text");
    CHECK(sent["text"]["body"] == text);
    json messages = lead_messages(hub, lead_id);
    REQUIRE(count_kind(messages, "reply") == 1);
    for (const auto& m : messages)
        if (m["kind"] == "reply") CHECK(m["text"] == text);
    CHECK(hub.leads().size() == 1);
}
