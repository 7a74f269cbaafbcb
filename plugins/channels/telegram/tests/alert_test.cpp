// Alerts (telegram_alert.cpp): the hub's text to named staff's private chats, escaped for HTML,
// with the lead card when asked; the staff chat for who has no contact or refuses the bot; a retry
// that writes only to who waits; refusals that do not fail the others; malformed payloads.
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <deque>
#include <map>

using namespace telegram_test;
using leadhub::sdk::Delivery;
using leadhub::sdk::Outcome;
using leadhub::sdk::testing::FakeHost;
using leadhub::sdk::testing::Harness;

// A namespace of its own: the unity build puts every test file of the plugin in one translation
// unit, whose anonymous namespace already has a kLead.
namespace alert_test {

constexpr int64_t kStaffChat = -1001234567890;
constexpr int64_t kMarina = 784512396;
constexpr int64_t kIvan = 6293018457;

const Json kLead = Json::parse(R"({"id": 42, "tenant": "salon", "name": "Анна", "phone": "+79161234567",
    "channel_title": "Telegram", "display_text": "Маникюр завтра?", "assignee": null})");
const std::string kText = "⏰ Заявка №42 (Анна, маникюр) ждёт ответа 15 минут. Возьмите её в работу. <VIP> & co";
const std::string kHtml = "⏰ Заявка №42 (Анна, маникюр) ждёт ответа 15 минут. Возьмите её в работу. &lt;VIP&gt; &amp; co";

// A bot whose Bot API answers each chat from its own queue, then with a sent message in that chat.
struct Bot {
    FakeHost host;
    Harness plugin = Harness::linked(host);
    std::map<int64_t, std::deque<HttpResponse>> answers;
    int64_t next_message_id = 500;
    explicit Bot(bool staff_chat = true) {
        host.on_http = [this](const HttpRequest& r) {
            const int64_t chat = Json::parse(r.body).at("chat_id").get<int64_t>();
            auto& queue = answers[chat];
            if (queue.empty()) return api_ok({{"message_id", next_message_id++}, {"chat", {{"id", chat}}}});
            HttpResponse next = queue.front();
            queue.pop_front();
            return next;
        };
        Json options = webhook_options();
        if (staff_chat) options["staff_chat_id"] = std::to_string(kStaffChat);
        REQUIRE(plugin.create("bot", options) == "");
    }
    // The bodies sent to one chat, in order.
    std::vector<Json> sent_to(int64_t chat) const {
        std::vector<Json> out;
        for (const auto& call : host.http_calls) {
            Json body = Json::parse(call.body);
            if (body.at("chat_id") == chat) out.push_back(body);
        }
        return out;
    }
};

Json two_staff() {
    return Json::parse(R"([{"id": "marina", "name": "Марина", "contacts": {"telegram": "784512396", "phone": "+79130000001"}},
                           {"id": "ivan", "name": "Иван", "contacts": {"telegram": 6293018457}}])");
}

Delivery alert(const Json& to, bool card = false, int attempt = 1, const std::string& text = kText) {
    Json job = Json::parse(R"({"job_id": 9, "idempotency_key": "notice-9", "kind": "notice", "tenant": "salon", "sink": "bot"})");
    job["attempt"] = attempt;
    job["lead"] = kLead;
    // The hub merges a notice's payload into the delivery's top level (docs/crm-and-notifiers.md).
    const Json payload = {{"event", "alert"}, {"alert", "sla_reminder"}, {"text", text}, {"to", to}, {"card", card}};
    for (const auto& [key, value] : payload.items()) job[key] = value;  // named: items() of a temporary dangles
    return leadhub::sdk::delivery_from_json(job);
}

Json plain_body(int64_t chat, const std::string& html) {
    return {{"chat_id", chat}, {"text", html}, {"parse_mode", "HTML"}, {"link_preview_options", {{"is_disabled", true}}}};
}

TEST_CASE("alert: the escaped text to each named member's private chat, without buttons") {
    Bot bot;
    Outcome o = bot.plugin.deliver(alert(two_staff()));
    CHECK(o.kind == Outcome::Kind::ok);
    CHECK(o.external_id == "6293018457:501,784512396:500");  // the ledger's order: by staff id
    REQUIRE(bot.host.http_calls.size() == 2);
    CHECK(method_of(bot.host.http_calls[0]) == "sendMessage");
    CHECK(bot.sent_to(kMarina) == std::vector<Json>{plain_body(kMarina, kHtml)});
    CHECK(bot.sent_to(kIvan) == std::vector<Json>{plain_body(kIvan, kHtml)});
    CHECK(bot.host.state.empty());  // everyone got it: nothing to remember
}

TEST_CASE("alert: with card, the lead card and its four buttons follow the text in the same message") {
    Bot bot;
    Json to = two_staff();
    to.erase(1);
    CHECK(bot.plugin.deliver(alert(to, true)).kind == Outcome::Kind::ok);
    const auto sent = bot.sent_to(kMarina);
    REQUIRE(sent.size() == 1);
    CHECK(sent[0]["text"] == kHtml + "\n\n<b>Новая заявка</b>\nАнна, <a href=\"tel:+79161234567\">+79161234567</a>\n"
                                     "Канал: Telegram\n«Маникюр завтра?»");
    CHECK(sent[0]["reply_markup"]["inline_keyboard"] == Json::parse(R"([
        [{"text": "Беру", "callback_data": "take:42"}, {"text": "Перезвоню позже", "callback_data": "later:42"}],
        [{"text": "Не целевой", "callback_data": "junk:42"}, {"text": "Записан", "callback_data": "booked:42"}]])"));
}

TEST_CASE("alert: who has no telegram contact is named in the staff chat, once; an alert naming nobody goes there as it is") {
    Bot bot;
    Json to = two_staff();
    to[1]["contacts"] = {{"phone", "+79130000002"}};
    to.push_back({{"id", "olga"}, {"name", "Ольга"}});
    CHECK(bot.plugin.deliver(alert(to)).kind == Outcome::Kind::ok);
    CHECK(bot.sent_to(kMarina) == std::vector<Json>{plain_body(kMarina, kHtml)});
    CHECK(bot.sent_to(kStaffChat) == std::vector<Json>{plain_body(kStaffChat, "Иван, Ольга, " + kHtml)});
    CHECK(bot.host.http_calls.size() == 2);

    CHECK(bot.plugin.deliver(alert(Json::array())).kind == Outcome::Kind::ok);
    CHECK(bot.sent_to(kStaffChat).at(1) == plain_body(kStaffChat, kHtml));
}

TEST_CASE("alert: a chat busy for a moment is the only one the retry writes to") {
    Bot bot;
    bot.answers[kMarina] = {outbound_response("error.429")};
    Outcome first = bot.plugin.deliver(alert(two_staff(), false, 1));
    CHECK(first.kind == Outcome::Kind::retry);
    CHECK(first.retry_after_ms == 5000);
    CHECK(first.reason.starts_with("Telegram: Марина (784512396): Telegram: HTTP 429"));
    CHECK(bot.host.state.at("telegram-alert-sent/notice-9") == R"({"staff:ivan":"6293018457:500"})");

    Outcome second = bot.plugin.deliver(alert(two_staff(), false, 2));
    CHECK(second.kind == Outcome::Kind::ok);
    CHECK(second.external_id == "6293018457:500,784512396:501");
    CHECK(bot.sent_to(kIvan).size() == 1);  // not written to twice
    CHECK(bot.sent_to(kMarina).size() == 2);
}

TEST_CASE("alert: a member who blocked the bot does not fail the others; with a staff chat they are named there") {
    Bot no_chat(false);
    no_chat.answers[kMarina] = {outbound_response("error.403-bot-blocked")};
    Outcome o = no_chat.plugin.deliver(alert(two_staff()));
    CHECK(o.kind == Outcome::Kind::ok);
    CHECK(o.external_id == "6293018457:500");
    CHECK(no_chat.host.logged("alert delivered, but not to: Марина (784512396): chat 784512396: Telegram: HTTP 403: Forbidden: bot was blocked by the user"));

    Bot bot;
    bot.answers[kMarina] = {outbound_response("error.403-bot-blocked")};
    CHECK(bot.plugin.deliver(alert(two_staff())).kind == Outcome::Kind::ok);
    CHECK(bot.sent_to(kStaffChat) == std::vector<Json>{plain_body(kStaffChat, "Марина, " + kHtml)});
    CHECK(bot.host.logged("could not reach Марина's private chat"));
}

TEST_CASE("alert: nobody reachable is permanent, naming staff_chat_id or Telegram's refusal") {
    Bot bot(false);
    Json to = two_staff();
    to[0]["contacts"] = Json::object();
    to[1]["contacts"] = "not an object";
    Outcome o = bot.plugin.deliver(alert(to));
    CHECK(o.kind == Outcome::Kind::permanent);
    CHECK(o.reason == "Telegram: the alert reached nobody: Марина: no telegram contact, and no staff chat to name them in (option "
                      "staff_chat_id); Иван: no telegram contact, and no staff chat to name them in (option staff_chat_id)");
    o = bot.plugin.deliver(alert(Json::array()));
    CHECK(o.reason == "Telegram: the alert reached nobody: the staff chat: the alert names nobody, and option staff_chat_id is not set");
    CHECK(bot.host.http_calls.empty());

    bot.answers[kMarina] = {outbound_response("error.403-bot-blocked")};
    bot.answers[kIvan] = {api_error(400, "Bad Request: chat not found")};
    o = bot.plugin.deliver(alert(two_staff()));
    CHECK(o.kind == Outcome::Kind::permanent);
    CHECK(o.reason.find("bot was blocked by the user") != std::string::npos);
    CHECK(o.reason.find("Иван (6293018457): chat 6293018457: Telegram: HTTP 400: Bad Request: chat not found") != std::string::npos);
}

TEST_CASE("alert: a malformed payload is permanent with the field named; nothing is sent") {
    Bot bot;
    auto refused = [&](Delivery d, const std::string& reason) {
        Outcome o = bot.plugin.deliver(d);
        CHECK(o.kind == Outcome::Kind::permanent);
        CHECK(o.reason == "telegram: " + reason);
    };
    refused(alert("marina"), "the alert's payload.to is not a list of recipients");
    refused(alert(Json::array({42})), "the alert's payload.to[0] is not an object");
    refused(alert(two_staff(), false, 1, "  \n"), "the alert's text is empty (payload.text)");
    Delivery no_text = alert(two_staff());
    no_text.payload.erase("text");
    refused(no_text, "the alert has no text (payload.text is missing or not a string)");
    no_text.payload["text"] = Json::array({"⏰"});
    refused(no_text, "the alert has no text (payload.text is missing or not a string)");
    CHECK(bot.host.http_calls.empty());
}

}  // namespace alert_test
