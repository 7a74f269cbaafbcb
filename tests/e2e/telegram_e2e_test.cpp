// Telegram through the real binary, webhook mode: the platform's sample update becomes a lead with
// the fixture's fields, a repeat and a wrong secret token store nothing, and a staff reply reaches
// a fake Bot API as sendMessage. Polling is in telegram_polling_e2e_test.cpp.
#include "channel_e2e_support.hpp"
#include "support/fake_platform.hpp"

using namespace leadhub::testing;
using nlohmann::json;

namespace {

const std::string kTelegramBotToken = "123456789:AAE_e2e-token";

std::string telegram_source(const FakePlatform& api, const json& fixture) {
    return "      - {name: tg, plugin: telegram, options: {bot_token: \"" + kTelegramBotToken + "\", secret_token: \"" +
           fixture["secret"]["value"].get<std::string>() + "\", api_url: \"" + api.url() + "\"}}\n";
}

}  // namespace

TEST_CASE("telegram webhook: a sample update becomes one lead, repeats and forgeries store nothing, a reply is sent",
          "[channels][telegram]") {
    // Answers as the Bot API does: sendMessage with its documented sample.
    FakePlatform api([](const PlatformCall& call) {
        if (call.path == "/bot" + kTelegramBotToken + "/sendMessage") return PlatformAnswer{200, outbound_answer("telegram", "outbound/sendMessage.json")};
        return PlatformAnswer{404, R"({"ok":false,"error_code":404,"description":"Not Found"})"};
    });
    const json fixture = channel_fixture("telegram", "telegram-01-private-text.json");
    const json forged = channel_fixture("telegram", "telegram-04-wrong-secret-token.json");

    TempDir dir("leadhub-e2e-telegram");
    const int port = free_port();
    Hub hub(dir, port, channel_config(port, telegram_source(api, fixture)));
    hub.start();
    REQUIRE(hub.wait_ready());

    // A wrong token first, also on a message of another id: had either been stored, the lead below
    // would have more than one message (or be another message).
    CHECK(post_channel_fixture(hub, forged, "tg").status == 403);
    json forged_other = forged;
    forged_other["request"]["body"]["message"]["message_id"] = 9999;
    CHECK(post_channel_fixture(hub, forged_other, "tg").status == 403);
    json no_token = fixture;
    no_token["request"]["headers"].erase("X-Telegram-Bot-Api-Secret-Token");
    no_token["request"]["body"]["message"]["message_id"] = 9998;
    CHECK(post_channel_fixture(hub, no_token, "tg").status == 403);

    CHECK(post_channel_fixture(hub, fixture, "tg").status == fixture["expect"]["response"]["status"].get<int>());
    json leads = hub.wait_for_leads(1);
    REQUIRE(leads.size() == 1);
    check_lead_matches(leads[0], fixture["expect"]["lead"]);
    CHECK(leads[0]["channel"] == "telegram");
    CHECK(leads[0]["source"] == "tg");
    const int64_t lead_id = leads[0]["id"];

    // Telegram retries an update it thinks was lost: a success, and nothing new. A message in a
    // group the bot is in is answered 200 and recorded nowhere.
    CHECK(post_channel_fixture(hub, fixture, "tg").status == 200);
    json group = fixture;
    group["request"]["body"]["update_id"] = 10001;
    group["request"]["body"]["message"]["message_id"] = 2000;
    group["request"]["body"]["message"]["chat"] = {{"id", -1001234567890}, {"type", "supergroup"}, {"title", "Клиенты"}};
    CHECK(post_channel_fixture(hub, group, "tg").status == 200);
    REQUIRE(inbox_settled(hub));
    CHECK(hub.leads().size() == 1);
    json messages = lead_messages(hub, lead_id);
    REQUIRE(messages.size() == 1);
    CHECK(messages[0]["kind"] == "customer");
    CHECK(messages[0]["text"] == "/start");

    // The staff's reply goes to the customer's chat, with the exact text.
    const std::string text = "Здравствуйте! Да, в субботу есть окошко в 12:00 — записать вас?";
    auto reply = post_reply(hub, lead_id, text);
    CHECK(reply.status == 202);
    REQUIRE(eventually([&] { return api.calls_to("/sendMessage").size() == 1; }));
    const json sent = api.calls_to("/sendMessage")[0].json();
    CHECK(sent["chat_id"] == 1111111);
    CHECK(sent["text"] == text);
    messages = lead_messages(hub, lead_id);
    REQUIRE(count_kind(messages, "reply") == 1);
    for (const auto& m : messages)
        if (m["kind"] == "reply") {
            CHECK(m["text"] == text);
            CHECK(m["direction"] == "out");
        }
    CHECK(hub.leads().size() == 1);
}

TEST_CASE("telegram: a reply to a customer who blocked the bot fails once, as a dead letter with Telegram's words",
          "[channels][telegram]") {
    // Telegram's documented answer for a blocked bot: permanent, so it is neither retried nor lost.
    FakePlatform api([](const PlatformCall& call) {
        const json sample = channel_fixture("telegram", "outbound/error.403-bot-blocked.json")["response"];
        if (call.path.ends_with("/sendMessage")) return PlatformAnswer{sample["status"].get<int>(), sample["body"].dump()};
        return PlatformAnswer{404, R"({"ok":false,"error_code":404,"description":"Not Found"})"};
    });
    const json fixture = channel_fixture("telegram", "telegram-01-private-text.json");
    TempDir dir("leadhub-e2e-telegram-blocked");
    const int port = free_port();
    Hub hub(dir, port, channel_config(port, telegram_source(api, fixture)));
    hub.start();
    REQUIRE(hub.wait_ready());

    CHECK(post_channel_fixture(hub, fixture, "tg").status == 200);
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
    CHECK_THAT(dead[0]["reason"].get<std::string>(), Catch::Contains("bot was blocked by the user"));
    CHECK(api.calls_to("/sendMessage").size() == 1);
}
