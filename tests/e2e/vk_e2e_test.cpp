// VK through the real binary. Callback API: the confirmation string answered exactly, the sample
// message_new made a lead with the fixture's fields, repeats and wrong secrets storing nothing, the
// community's own message_reply recorded as the business's answer, and a staff reply sent to a
// fake VK API as messages.send. Bots Long Poll: the sample a_check's messages become a lead and
// the next a_check asks from the new ts.
#include "channel_e2e_support.hpp"
#include "support/fake_platform.hpp"

#include <csignal>
#include <mutex>
#include <thread>

using namespace leadhub::testing;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

const std::string kVkToken = "vk1.a.e2e-community-token";

std::string callback_source(const FakePlatform& api, const json& message) {
    return "      - {name: vk, plugin: vk, options: {access_token: \"" + kVkToken + "\", group_id: " +
           std::to_string(message["config"]["vk_group_id"].get<int64_t>()) + ", secret: \"" +
           message["secret"]["value"].get<std::string>() + "\", confirmation_code: \"" +
           message["config"]["vk_confirmation_code"].get<std::string>() + "\", api_url: \"" + api.url() + "/method\"}}\n";
}

// What an admin's answer in VK's own interface looks like as a Callback API event (API 5.199:
// the object is the message itself; from_id is the admin, peer_id the customer).
json message_reply_event(const json& message_new) {
    json event = message_new["request"]["body"];
    event["type"] = "message_reply";
    event["event_id"] = "9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b";
    event["object"] = {{"date", 1773137000}, {"from_id", 100200300}, {"id", 1843}, {"out", 1}, {"peer_id", 512345678},
                       {"text", "Добрый вечер! В пятницу свободно 19:00."}, {"conversation_message_id", 38},
                       {"attachments", json::array()}, {"fwd_messages", json::array()}, {"important", false}, {"is_hidden", false},
                       {"random_id", 0}, {"version", 10001843}};
    return event;
}

}  // namespace

TEST_CASE("vk callback: confirmation, a sample message becomes one lead, message_reply is the business's answer, a reply is sent",
          "[channels][vk]") {
    FakePlatform api([](const PlatformCall& call) {
        if (call.path == "/method/messages.send") return PlatformAnswer{200, outbound_answer("vk", "outbound/messages.send.json")};
        return PlatformAnswer{200, R"({"error":{"error_code":3,"error_msg":"Unknown method passed"}})"};
    });
    const json confirmation = channel_fixture("vk", "vk-01-confirmation.json");
    const json message = channel_fixture("vk", "vk-02-message-new.json");
    const json forged = channel_fixture("vk", "vk-03-wrong-secret.json");

    TempDir dir("leadhub-e2e-vk");
    const int port = free_port();
    Hub hub(dir, port, channel_config(port, callback_source(api, message)));
    hub.start();
    REQUIRE(hub.wait_ready());

    auto confirmed = post_channel_fixture(hub, confirmation, "vk");
    CHECK(confirmed.status == 200);
    CHECK(confirmed.body == confirmation["expect"]["response"]["body"].get<std::string>());

    // Wrong secrets first, one on another message id: had it been stored, it would be a message.
    CHECK(post_channel_fixture(hub, forged, "vk").status == 403);
    json forged_other = forged;
    forged_other["request"]["body"]["object"]["message"]["id"] = 1999;
    CHECK(post_channel_fixture(hub, forged_other, "vk").status == 403);
    json no_secret = message;
    no_secret["request"]["body"].erase("secret");
    no_secret["request"]["body"]["object"]["message"]["id"] = 1998;
    CHECK(post_channel_fixture(hub, no_secret, "vk").status == 403);

    auto first = post_channel_fixture(hub, message, "vk");
    CHECK(first.status == 200);
    CHECK(first.body == message["expect"]["response"]["body"].get<std::string>());
    json leads = hub.wait_for_leads(1);
    REQUIRE(leads.size() == 1);
    check_lead_matches(leads[0], message["expect"]["lead"]);
    CHECK(leads[0]["channel"] == "vk");
    const int64_t lead_id = leads[0]["id"];

    auto repeat = post_channel_fixture(hub, message, "vk");
    CHECK(repeat.status == 200);
    CHECK(repeat.body == "ok");
    // A message in a group chat of the community: "ok", and no lead.
    json in_chat = message;
    in_chat["request"]["body"]["object"]["message"]["id"] = 1997;
    in_chat["request"]["body"]["object"]["message"]["peer_id"] = 2000000001;
    auto chat_answer = post_channel_fixture(hub, in_chat, "vk");
    CHECK(chat_answer.status == 200);
    CHECK(chat_answer.body == "ok");
    REQUIRE(inbox_settled(hub));
    CHECK(hub.leads().size() == 1);
    CHECK(lead_messages(hub, lead_id).size() == 1);

    // An admin answered in VK itself.
    json reply_event = message;
    reply_event["request"]["body"] = message_reply_event(message);
    CHECK(post_channel_fixture(hub, reply_event, "vk").status == 200);
    REQUIRE(eventually([&] { return count_kind(lead_messages(hub, lead_id), "business") == 1; }));
    REQUIRE(inbox_settled(hub));
    CHECK(hub.leads().size() == 1);
    CHECK(lead_messages(hub, lead_id).size() == 2);

    const std::string text = "Здравствуйте! Записали вас на пятницу, 19:00 — ждём!";
    CHECK(post_reply(hub, lead_id, text).status == 202);
    REQUIRE(eventually([&] { return api.calls_to("/method/messages.send").size() == 1; }));
    const auto sent = api.calls_to("/method/messages.send")[0].form();
    CHECK(sent.at("peer_id") == "512345678");
    CHECK(sent.at("message") == text);
    REQUIRE(sent.count("random_id") == 1);
    CHECK(std::stoll(sent.at("random_id")) != 0);
    CHECK(sent.at("access_token") == kVkToken);
    json messages = lead_messages(hub, lead_id);
    REQUIRE(count_kind(messages, "reply") == 1);
    for (const auto& m : messages)
        if (m["kind"] == "reply") CHECK(m["text"] == text);
    CHECK(hub.leads().size() == 1);
}

TEST_CASE("vk long poll: the a_check sample's messages become a lead and the next poll asks from the new ts", "[channels][vk]") {
    // groups.getLongPollServer points the poller at this same fake's /lp; the first a_check (ts
    // 1874) gets the sample's two messages and ts 1876, later ones nothing new (held briefly).
    std::mutex mutex;
    std::vector<std::string> a_check_ts;
    FakePlatform* self = nullptr;
    FakePlatform api([&](const PlatformCall& call) {
        if (call.path == "/method/groups.getLongPollServer") {
            json answer = json::parse(outbound_answer("vk", "outbound/groups.getLongPollServer.json"));
            answer["response"]["server"] = self->url() + "/lp";
            return PlatformAnswer{200, answer.dump()};
        }
        if (call.path == "/lp") {
            std::string ts;
            for (std::size_t at = 0; at != std::string::npos;) {
                std::size_t next = call.query.find('&', at);
                std::string pair = call.query.substr(at, next == std::string::npos ? next : next - at);
                if (pair.rfind("ts=", 0) == 0) ts = pair.substr(3);
                at = next == std::string::npos ? next : next + 1;
            }
            {
                std::lock_guard lock(mutex);
                a_check_ts.push_back(ts);
            }
            if (ts == "1874") return PlatformAnswer{200, outbound_answer("vk", "outbound/longpoll.a_check.json")};
            std::this_thread::sleep_for(150ms);
            return PlatformAnswer{200, json{{"ts", ts}, {"updates", json::array()}}.dump()};
        }
        return PlatformAnswer{200, R"({"error":{"error_code":3,"error_msg":"Unknown method passed"}})"};
    });
    self = &api;

    TempDir dir("leadhub-e2e-vklp");
    const int port = free_port();
    Hub hub(dir, port, channel_config(port, "      - {name: vklp, plugin: vk, options: {access_token: \"" + kVkToken +
                                                 "\", group_id: 218000123, mode: longpoll, poll_wait_s: 1, api_url: \"" +
                                                 api.url() + "/method\"}}\n"));
    hub.start();
    REQUIRE(hub.wait_ready());

    json leads = hub.wait_for_leads(1);
    REQUIRE(leads.size() == 1);
    const int64_t lead_id = leads[0]["id"];
    // Both messages of the same customer: one lead, two messages.
    REQUIRE(eventually([&] { return lead_messages(hub, lead_id).size() == 2; }));
    REQUIRE(inbox_settled(hub));
    leads = hub.leads();
    REQUIRE(leads.size() == 1);
    CHECK(leads[0]["external_user_id"] == "623456789");
    CHECK(leads[0]["external_message_id"] == "1851");
    CHECK(leads[0]["text"] == "Добрый вечер! Сколько стоит окрашивание в один тон на средние волосы?");
    json messages = lead_messages(hub, lead_id);
    CHECK(messages[1]["text"] == "И есть ли свободное время в субботу утром? Меня зовут Ирина");
    REQUIRE(eventually([&] {
        std::lock_guard lock(mutex);
        return a_check_ts.size() >= 2 && a_check_ts[0] == "1874" && a_check_ts.back() == "1876";
    }));

    // A restart resumes from the stored ts, not from the session's (getLongPollServer still says
    // 1874): nothing is fetched twice, and nothing sent while the hub was down would be skipped.
    hub.process().signal(SIGTERM);
    REQUIRE(hub.process().wait(10000ms).has_value());
    std::size_t before_restart = 0;
    {
        std::lock_guard lock(mutex);
        before_restart = a_check_ts.size();
    }
    hub.start();
    REQUIRE(hub.wait_ready());
    REQUIRE(eventually([&] {
        std::lock_guard lock(mutex);
        return a_check_ts.size() > before_restart;
    }));
    {
        std::lock_guard lock(mutex);
        CHECK(a_check_ts[before_restart] == "1876");
    }
    REQUIRE(inbox_settled(hub));
    CHECK(hub.leads().size() == 1);
    CHECK(lead_messages(hub, lead_id).size() == 2);
}
