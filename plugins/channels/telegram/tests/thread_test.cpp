// The customer's later messages under the lead's card (telegram_thread.cpp): the line in reply to
// each card the lead has, with the card's buttons, so a staff member's reply to the line answers
// the customer; a fresh card when there is no card to write under; a retry that writes only to
// the cards still waiting; Telegram's refusals.
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <deque>
#include <map>

using namespace telegram_test;
using leadhub::sdk::Delivery;
using leadhub::sdk::MessageEvent;
using leadhub::sdk::Outcome;
using leadhub::sdk::testing::FakeHost;
using leadhub::sdk::testing::Harness;

// A namespace of its own: the unity build puts every test file of the plugin in one translation unit.
namespace thread_test {

constexpr int64_t kStaffChat = -1001234567890;
constexpr int64_t kMarina = 784512396;

const Json kLead = Json::parse(R"({"id": 42, "tenant": "salon", "name": "Анна", "phone": "+79161234567",
    "channel_title": "Telegram", "display_text": "Маникюр завтра?", "assignee": null})");

// Telegram's words for a bot removed from the group.
const char* kKicked = "Forbidden: bot was kicked from the supergroup chat";

// A bot whose Bot API answers each chat from its own queue, then with a sent message in that chat
// (message ids from 500 on).
struct Bot {
    FakeHost host;
    Harness plugin = Harness::linked(host);
    std::map<int64_t, std::deque<HttpResponse>> answers;
    int64_t next_message_id = 500;
    explicit Bot(const std::string& notify = "chat") {
        host.on_http = [this](const HttpRequest& r) {
            const int64_t chat = Json::parse(r.body).at("chat_id").get<int64_t>();
            auto& queue = answers[chat];
            if (queue.empty()) return api_ok({{"message_id", next_message_id++}, {"chat", {{"id", chat}}}});
            HttpResponse next = queue.front();
            queue.pop_front();
            return next;
        };
        Json options = webhook_options();
        options["staff_chat_id"] = std::to_string(kStaffChat);
        options["staff_user_ids"] = {std::to_string(kMarina)};
        options["notify"] = notify;
        REQUIRE(plugin.create("bot", options) == "");
        REQUIRE(plugin.start() == "");
    }
    Json body(std::size_t i) const { return Json::parse(host.http_calls.at(i).body); }
    std::size_t calls() const { return host.http_calls.size(); }
};

Delivery job_of(int64_t job_id, const Json& payload, int attempt = 1, const Json& lead = kLead) {
    Json job = {{"job_id", job_id}, {"idempotency_key", "lh-salon-" + std::to_string(job_id)}, {"kind", "notice"},
                {"tenant", "salon"}, {"sink", "bot"}, {"attempt", attempt}, {"lead", lead}};
    // The hub merges a notice's payload into the delivery's top level (docs/crm-and-notifiers.md).
    for (const auto& [key, value] : payload.items()) job[key] = value;
    return leadhub::sdk::delivery_from_json(job);
}

Delivery card_notice() { return job_of(7, Json::object()); }

Delivery message_added(const std::string& text = "А на 19:00 можно? <b>срочно</b>", int attempt = 1, int64_t job_id = 8) {
    return job_of(job_id, {{"event", "message_added"},
                           {"message", {{"at", "2026-03-09T05:01:00Z"}, {"kind", "customer"}, {"author", nullptr}, {"text", text}}}},
                  attempt);
}

const Json kKeyboard = Json::parse(R"({"inline_keyboard": [
    [{"text": "Беру", "callback_data": "take:42"}, {"text": "Перезвоню позже", "callback_data": "later:42"}],
    [{"text": "Не целевой", "callback_data": "junk:42"}, {"text": "Записан", "callback_data": "booked:42"}]]})");

const std::string kLine = "💬 Анна: А на 19:00 можно? &lt;b&gt;срочно&lt;/b&gt;";

// The line as it goes under the card chat:message.
Json line_body(int64_t chat, int64_t card_message_id, const std::string& html = kLine) {
    return {{"chat_id", chat},
            {"text", html},
            {"parse_mode", "HTML"},
            {"link_preview_options", {{"is_disabled", true}}},
            {"reply_parameters", {{"message_id", card_message_id}, {"allow_sending_without_reply", true}}},
            {"reply_markup", kKeyboard}};
}

// A staff member's reply in the staff chat to the bot's message `replied` (as Telegram sends it
// back: with the keyboard that message carries).
Json staff_reply_to(int64_t replied_message_id, const Json& replied_markup, const std::string& text) {
    Json replied = {{"message_id", replied_message_id},
                    {"from", {{"id", 5927593490}, {"is_bot", true}, {"first_name", "LeadHub"}}},
                    {"chat", {{"id", kStaffChat}, {"type", "supergroup"}}},
                    {"date", 1714750300},
                    {"text", "💬 Анна: А на 19:00 можно?"},
                    {"reply_markup", replied_markup}};
    return {{"update_id", 815500200},
            {"message",
             {{"message_id", 610},
              {"from", {{"id", kMarina}, {"is_bot", false}, {"first_name", "Марина"}}},
              {"chat", {{"id", kStaffChat}, {"type", "supergroup"}}},
              {"date", 1714750400},
              {"reply_to_message", replied},
              {"text", text}}}};
}

// The cases are inside the namespace too: other files' kStaffChat and kMarina are in scope otherwise.

TEST_CASE("thread: a card is remembered, and the customer's next message goes under it with its buttons") {
    Bot bot;
    REQUIRE(bot.plugin.deliver(card_notice()).external_id == "-1001234567890:500");
    CHECK(bot.host.state.at("telegram-cards/42") == R"(["-1001234567890:500"])");

    Outcome outcome = bot.plugin.deliver(message_added());
    CHECK(outcome.kind == Outcome::Kind::ok);
    CHECK(outcome.external_id == "-1001234567890:501");
    REQUIRE(bot.calls() == 2);
    CHECK(method_of(bot.host.http_calls[1]) == "sendMessage");
    CHECK(bot.body(1) == line_body(kStaffChat, 500));
}

TEST_CASE("thread: a staff member's reply to the message under the card is a reply to the customer") {
    Bot bot;
    REQUIRE(bot.plugin.deliver(card_notice()).kind == Outcome::Kind::ok);
    REQUIRE(bot.plugin.deliver(message_added()).kind == Outcome::Kind::ok);
    // Telegram gives back the keyboard the line was sent with.
    const Json update = staff_reply_to(501, bot.body(1)["reply_markup"], "Да, Анна, в 19:00 свободно. Записать?");
    auto result = bot.plugin.webhook(update_request(update));
    CHECK(result.status == 200);
    REQUIRE(result.messages.size() == 1);
    const auto& m = result.messages[0];
    CHECK(m.event == MessageEvent::staff_action);
    REQUIRE(m.staff_action);
    CHECK(m.staff_action->action == "reply");
    CHECK(m.staff_action->lead_ref == "42");
    CHECK(m.staff_action->staff_external_id == std::to_string(kMarina));
    CHECK(m.staff_action->text == "Да, Анна, в 19:00 свободно. Записать?");
    CHECK(m.staff_action->answer_to == Json({{"chat_id", kStaffChat}, {"message_id", 610}}));
    CHECK(m.external_message_id == "-1001234567890:610");
}

TEST_CASE("thread: a press on the message under the card acts on the lead and edits the card, not the message") {
    Bot bot;
    REQUIRE(bot.plugin.deliver(card_notice()).kind == Outcome::Kind::ok);
    REQUIRE(bot.plugin.deliver(message_added()).kind == Outcome::Kind::ok);
    Json line = staff_reply_to(501, bot.body(1)["reply_markup"], "")["message"]["reply_to_message"];
    line["reply_to_message"] = {{"message_id", 500}, {"chat", {{"id", kStaffChat}, {"type", "supergroup"}}}, {"date", 1714750200}};
    const Json press = {{"update_id", 815500201},
                        {"callback_query",
                         {{"id", "4401"}, {"from", {{"id", kMarina}, {"is_bot", false}, {"first_name", "Марина"}}},
                          {"message", line}, {"chat_instance", "-77"}, {"data", "take:42"}}}};
    auto result = bot.plugin.webhook(update_request(press));
    REQUIRE(result.messages.size() == 1);
    REQUIRE(result.messages[0].staff_action);
    CHECK(result.messages[0].staff_action->action == "take");
    CHECK(result.messages[0].staff_action->lead_ref == "42");
    CHECK(result.messages[0].staff_action->answer_to ==
          Json({{"callback_query_id", "4401"}, {"chat_id", kStaffChat}, {"message_id", 500}}));
}

TEST_CASE("thread: each chat with the lead's card gets the message; a card known from the state survives a restart") {
    Bot bot;
    // Cards remembered by an earlier run: the assignee's private chat and the staff chat.
    bot.host.state["telegram-cards/42"] = R"(["784512396:20", "-1001234567890:156"])";
    Outcome outcome = bot.plugin.deliver(message_added());
    CHECK(outcome.kind == Outcome::Kind::ok);
    CHECK(outcome.external_id == "-1001234567890:501,784512396:500");
    REQUIRE(bot.calls() == 2);
    CHECK(bot.body(0) == line_body(kMarina, 20));
    CHECK(bot.body(1) == line_body(kStaffChat, 156));
}

TEST_CASE("thread: no card known: a fresh card with the message under it, remembered for the next one") {
    Bot bot;
    Outcome outcome = bot.plugin.deliver(message_added());
    CHECK(outcome.kind == Outcome::Kind::ok);
    CHECK(outcome.external_id == "-1001234567890:500");
    REQUIRE(bot.calls() == 1);
    const Json expected = {{"chat_id", kStaffChat},
                           {"text", "<b>Новая заявка</b>\nАнна, <a href=\"tel:+79161234567\">+79161234567</a>\nКанал: Telegram\n"
                                    "«Маникюр завтра?»\n\n" + kLine},
                           {"parse_mode", "HTML"},
                           {"link_preview_options", {{"is_disabled", true}}},
                           {"reply_markup", kKeyboard}};
    CHECK(bot.body(0) == expected);
    CHECK(bot.host.state.at("telegram-cards/42") == R"(["-1001234567890:500"])");
    REQUIRE(bot.plugin.deliver(message_added("Ещё вопрос", 1, 9)).kind == Outcome::Kind::ok);
    CHECK(bot.body(1) == line_body(kStaffChat, 500, "💬 Анна: Ещё вопрос"));
}

TEST_CASE("thread: a retry writes only to the cards still waiting") {
    Bot bot;
    bot.host.state["telegram-cards/42"] = R"(["784512396:20", "-1001234567890:156"])";
    bot.answers[kStaffChat] = {outbound_response("error.429")};
    Outcome first = bot.plugin.deliver(message_added());
    CHECK(first.kind == Outcome::Kind::retry);
    CHECK(first.retry_after_ms == 5000);
    CHECK(first.reason.find("-1001234567890") != std::string::npos);
    REQUIRE(bot.calls() == 2);
    CHECK(bot.host.state.contains("telegram-thread-sent/lh-salon-8"));

    Outcome second = bot.plugin.deliver(message_added("А на 19:00 можно? <b>срочно</b>", 2));
    CHECK(second.kind == Outcome::Kind::ok);
    REQUIRE(bot.calls() == 3);  // the private chat was not written to again
    CHECK(bot.body(2) == line_body(kStaffChat, 156));
    CHECK(second.external_id == "-1001234567890:501,784512396:500");
}

TEST_CASE("thread: a timeout is retried; Telegram's 403 is permanent, naming the chat and its words") {
    Bot bot;
    bot.host.state["telegram-cards/42"] = R"(["-1001234567890:156"])";
    bot.answers[kStaffChat] = {HttpResponse{0, {}, "", "timed out"}, api_error(403, kKicked)};
    CHECK(bot.plugin.deliver(message_added()).kind == Outcome::Kind::retry);
    Outcome kicked = bot.plugin.deliver(message_added("А на 19:00 можно? <b>срочно</b>", 2));
    CHECK(kicked.kind == Outcome::Kind::permanent);
    CHECK(kicked.reason == "the customer's message could not be shown under the card of lead 42: chat -1001234567890: "
                           "Telegram: HTTP 403: Forbidden: bot was kicked from the supergroup chat");
    CHECK(bot.calls() == 2);  // no fresh card to the chat that has just refused
}

TEST_CASE("thread: a private chat that refuses for good gets the message as a fresh card in the staff chat") {
    Bot bot;
    bot.host.state["telegram-cards/42"] = R"(["784512396:20"])";
    bot.answers[kMarina] = {api_error(403, "Forbidden: bot was blocked by the user")};
    Outcome outcome = bot.plugin.deliver(message_added());
    CHECK(outcome.kind == Outcome::Kind::ok);
    CHECK(outcome.external_id == "-1001234567890:500");
    REQUIRE(bot.calls() == 2);
    CHECK(bot.body(1)["chat_id"] == kStaffChat);
    CHECK(bot.body(1)["text"].get<std::string>().ends_with("\n\n" + kLine));
    CHECK_FALSE(bot.body(1).contains("reply_parameters"));
    CHECK(bot.host.logged("bot was blocked by the user"));
    CHECK(bot.host.state.at("telegram-cards/42") == R"(["784512396:20","-1001234567890:500"])");
}

TEST_CASE("thread: a staff group upgraded to a supergroup gets a fresh card at its new id") {
    Bot bot;
    bot.host.state["telegram-cards/42"] = R"(["-1001234567890:156"])";
    const HttpResponse migrated =
        api_error(400, "Bad Request: group chat was upgraded to a supergroup chat", {{"migrate_to_chat_id", -1009876}});
    bot.answers[kStaffChat] = {migrated, migrated};
    Outcome outcome = bot.plugin.deliver(message_added());
    CHECK(outcome.kind == Outcome::Kind::ok);
    CHECK(outcome.external_id == "-1009876:500");
    REQUIRE(bot.calls() == 3);  // under the old card, a card at the old id, the card at the new one
    CHECK(bot.body(2)["chat_id"] == -1009876);
    CHECK_FALSE(bot.body(2).contains("reply_parameters"));  // message ids do not carry over
}

TEST_CASE("thread: the line's template is an option; a malformed notice is permanent and sends nothing") {
    FakeHost host;
    host.on_http = [](const HttpRequest&) { return api_ok({{"message_id", 700}, {"chat", {{"id", kStaffChat}}}}); };
    auto plugin = Harness::linked(host);
    Json options = webhook_options();
    options["staff_chat_id"] = std::to_string(kStaffChat);
    options["message_template"] = "<i>{{name}} пишет</i> ({{channel_title}}): {{message.text}}";
    REQUIRE(plugin.create("bot", options) == "");
    host.state["telegram-cards/42"] = R"(["-1001234567890:156"])";
    REQUIRE(plugin.deliver(message_added("<3")).kind == Outcome::Kind::ok);
    CHECK(Json::parse(host.http_calls.at(0).body)["text"] == "<i>Анна пишет</i> (Telegram): &lt;3");

    Outcome no_message = plugin.deliver(job_of(9, {{"event", "message_added"}}));
    CHECK(no_message.kind == Outcome::Kind::permanent);
    CHECK(no_message.reason.find("payload.message") != std::string::npos);
    Json no_id = kLead;
    no_id.erase("id");
    CHECK(plugin.deliver(job_of(10, {{"event", "message_added"}, {"message", {{"text", "x"}}}}, 1, no_id)).kind ==
          Outcome::Kind::permanent);
    CHECK(host.http_calls.size() == 1);

    options["message_template"] = "{{#name}}без конца";
    FakeHost other;
    auto broken = Harness::linked(other);
    CHECK(broken.create("bot", options).find("message_template") != std::string::npos);
}

}  // namespace thread_test
