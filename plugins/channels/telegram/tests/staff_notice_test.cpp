// The staff side going out (telegram_notice.cpp): a notice is a card with its buttons in the
// staff chat or the assignee's private chat; a staff_action_result notice answers the press and
// edits the card, or marks a staff reply; every documented error is classified.
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <deque>

using namespace telegram_test;
using leadhub::sdk::Delivery;
using leadhub::sdk::Outcome;
using leadhub::sdk::testing::FakeHost;
using leadhub::sdk::testing::Harness;

namespace {

constexpr int64_t kCardChat = -1001234567890;

// Large JSON is parsed from text here: an initializer list compiles to much more code.
const Json kLead = Json::parse(R"({"id": 42, "tenant": "salon", "name": "Ольга Смирнова", "phone": "+79161234567",
    "channel_title": "Telegram", "display_text": "Можно на маникюр завтра после 18:00?", "assignee": null})");

// A staff instance whose Bot API answers from a queue (then sendMessage's documented answer).
struct Staff {
    FakeHost host;
    Harness plugin = Harness::linked(host);
    std::deque<HttpResponse> answers;
    explicit Staff(const std::string& notify = "chat") {
        host.on_http = [this](const HttpRequest&) {
            if (answers.empty()) return outbound_response("sendMessage");
            HttpResponse next = answers.front();
            answers.pop_front();
            return next;
        };
        Json options = webhook_options();
        options["staff_chat_id"] = std::to_string(kCardChat);
        options["notify"] = notify;
        REQUIRE(plugin.create("bot", options) == "");
    }
    Json body(std::size_t i) const { return Json::parse(host.http_calls.at(i).body); }
    std::string method(std::size_t i) const { return method_of(host.http_calls.at(i)); }
};

Delivery notice(const Json& lead = kLead, const Json& extra = Json::object(), int attempt = 1) {
    Json job = Json::parse(R"({"job_id": 7, "idempotency_key": "notice-7", "kind": "notice", "tenant": "salon", "sink": "bot"})");
    job["attempt"] = attempt;
    job["lead"] = lead;
    for (const auto& [key, value] : extra.items()) job[key] = value;
    return leadhub::sdk::delivery_from_json(job);
}

Json press_result(const std::string& action, const std::string& result, const Json& assignee = nullptr) {
    Json r = Json::parse(R"({"event": "staff_action_result", "staff": {"id": "marina", "name": "Марина Кузнецова"},
        "answer_to": {"callback_query_id": "3384028735126498513", "chat_id": -1001234567890, "message_id": 163}})");
    r["action"] = action;
    r["result"] = result;
    r["assignee"] = assignee;
    return r;
}

const Json kMarina = Json::parse(R"({"id": "marina", "name": "Марина Кузнецова"})");

Json buttons(const Json& body) { return body["reply_markup"]["inline_keyboard"]; }

}  // namespace

TEST_CASE("notice: a card goes to the staff chat in HTML with the four buttons") {
    Staff s;
    Outcome outcome = s.plugin.deliver(notice());
    CHECK(outcome.kind == Outcome::Kind::ok);
    CHECK(outcome.external_id == "-1001234567890:156");
    REQUIRE(s.host.http_calls.size() == 1);
    CHECK(s.method(0) == "sendMessage");
    const Json body = s.body(0);
    CHECK(body["chat_id"] == kCardChat);
    CHECK(body["parse_mode"] == "HTML");
    CHECK(body["text"].get<std::string>().starts_with("<b>Новая заявка</b>\nОльга Смирнова, <a href=\"tel:+79161234567\">"));
    CHECK(buttons(body) == Json::parse(R"([
        [{"text": "Беру", "callback_data": "take:42"}, {"text": "Перезвоню позже", "callback_data": "later:42"}],
        [{"text": "Не целевой", "callback_data": "junk:42"}, {"text": "Записан", "callback_data": "booked:42"}]])"));
}

TEST_CASE("notice: notify assignee writes to the assignee's private chat, else the staff chat") {
    Staff s("assignee");
    Json lead = kLead;
    lead["assignee_contacts"] = {{"telegram", "784512396"}, {"phone", "+79130000001"}};
    CHECK(s.plugin.deliver(notice(lead)).kind == Outcome::Kind::ok);
    CHECK(s.body(0)["chat_id"] == 784512396);
    // They never pressed Start: the card still reaches the staff chat.
    s.answers = {api_error(403, "Forbidden: bot can't initiate conversation with a user")};
    CHECK(s.plugin.deliver(notice(lead)).kind == Outcome::Kind::ok);
    REQUIRE(s.host.http_calls.size() == 3);
    CHECK(s.body(2)["chat_id"] == kCardChat);
    CHECK(s.host.logged("have they pressed Start"));
    // No telegram contact: the staff chat.
    CHECK(s.plugin.deliver(notice()).kind == Outcome::Kind::ok);
    CHECK(s.body(3)["chat_id"] == kCardChat);
}

TEST_CASE("notice: nowhere to send is permanent and says which option") {
    FakeHost host;
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("bot", webhook_options()) == "");
    Outcome outcome = plugin.deliver(notice());
    CHECK(outcome.kind == Outcome::Kind::permanent);
    CHECK(outcome.reason.find("staff_chat_id") != std::string::npos);
    CHECK(host.http_calls.empty());
}

TEST_CASE("notice: the card's errors are classified") {
    Staff s;
    s.answers = {outbound_response("error.429")};
    Outcome busy = s.plugin.deliver(notice());
    CHECK(busy.kind == Outcome::Kind::retry);
    CHECK(busy.retry_after_ms == 5000);

    s.answers = {api_error(403, "Forbidden: bot was kicked from the supergroup chat")};
    Outcome kicked = s.plugin.deliver(notice());
    CHECK(kicked.kind == Outcome::Kind::permanent);
    CHECK(kicked.reason.find("bot was kicked") != std::string::npos);
    CHECK(kicked.reason.find("-1001234567890") != std::string::npos);

    s.answers = {api_error(400, "Bad Request: chat not found")};
    CHECK(s.plugin.deliver(notice()).kind == Outcome::Kind::permanent);
    s.answers = {HttpResponse{502, {}, "<html>Bad Gateway</html>", {}}};
    CHECK(s.plugin.deliver(notice()).kind == Outcome::Kind::retry);
    s.answers = {HttpResponse{0, {}, "", "timed out"}};
    CHECK(s.plugin.deliver(notice()).kind == Outcome::Kind::retry);
}

TEST_CASE("notice: a group that became a supergroup gets the card at its new id, once") {
    Staff s;
    s.answers = {api_error(400, "Bad Request: group chat was upgraded to a supergroup chat", {{"migrate_to_chat_id", -1009876}})};
    Outcome outcome = s.plugin.deliver(notice());
    CHECK(outcome.kind == Outcome::Kind::ok);
    REQUIRE(s.host.http_calls.size() == 2);
    CHECK(s.body(1)["chat_id"] == -1009876);
    CHECK(s.host.logged("set option staff_chat_id to -1009876"));
    // Upgraded again (it cannot be): no loop.
    const auto again = api_error(400, "Bad Request: group chat was upgraded", {{"migrate_to_chat_id", -1005}});
    s.answers = {again, again};
    CHECK(s.plugin.deliver(notice()).kind == Outcome::Kind::permanent);
    CHECK(s.host.http_calls.size() == 4);
}

TEST_CASE("result: taken answers the press and edits the card to who has it, with the next buttons") {
    Staff s;
    s.answers = {outbound_response("answerCallbackQuery"), outbound_response("editMessageText")};
    Json lead = kLead;
    lead["assignee"] = "marina";
    lead["assignee_name"] = "Марина Кузнецова";
    Outcome outcome = s.plugin.deliver(notice(lead, press_result("take", "taken", kMarina)));
    CHECK(outcome.kind == Outcome::Kind::ok);
    CHECK(outcome.external_id == "-1001234567890:163");
    REQUIRE(s.host.http_calls.size() == 2);
    CHECK(s.method(0) == "answerCallbackQuery");
    CHECK(s.body(0) == Json::parse(R"({"callback_query_id": "3384028735126498513", "text": "Заявка ваша: Ольга Смирнова, +79161234567"})"));
    CHECK(s.method(1) == "editMessageText");
    const Json edit = s.body(1);
    CHECK(edit["chat_id"] == kCardChat);
    CHECK(edit["message_id"] == 163);
    CHECK(edit["parse_mode"] == "HTML");
    CHECK(edit["text"].get<std::string>().ends_with("\n\nВ работе: Марина Кузнецова"));
    // As in the staff reply fixture's card (telegram-06): the take button is gone.
    CHECK(buttons(edit) == Json::parse(R"([
        [{"text": "Записан", "callback_data": "booked:42"}, {"text": "Перезвоню позже", "callback_data": "later:42"}],
        [{"text": "Не целевой", "callback_data": "junk:42"}]])"));
}

TEST_CASE("result: taken by another is an alert naming them; the card says who") {
    Staff s;
    s.answers = {outbound_response("answerCallbackQuery"), outbound_response("editMessageText")};
    Json result = press_result("take", "taken_by_other", Json::parse(R"({"id": "alina", "name": "Алина Петрова"})"));
    CHECK(s.plugin.deliver(notice(kLead, result)).kind == Outcome::Kind::ok);
    CHECK(s.body(0) == Json::parse(R"({"callback_query_id": "3384028735126498513", "text": "Заявку уже взял(а) Алина Петрова",
                                       "show_alert": true})"));
    CHECK(s.body(1)["text"].get<std::string>().ends_with("В работе: Алина Петрова"));
}

TEST_CASE("result: a status is «Готово»; the card keeps the other statuses, and take while nobody has it") {
    Staff s;
    s.answers = {outbound_response("answerCallbackQuery"), outbound_response("editMessageText")};
    CHECK(s.plugin.deliver(notice(kLead, press_result("junk", "status_set"))).kind == Outcome::Kind::ok);
    CHECK(s.body(0)["text"] == "Готово");
    CHECK(s.body(1)["text"].get<std::string>().ends_with("\n\nНе целевой — Марина Кузнецова"));
    CHECK(buttons(s.body(1)) == Json::parse(R"([
        [{"text": "Беру", "callback_data": "take:42"}, {"text": "Записан", "callback_data": "booked:42"}],
        [{"text": "Перезвоню позже", "callback_data": "later:42"}]])"));
}

TEST_CASE("result: no such lead and refused answer the press only, as an alert with the reason") {
    Staff s;
    s.answers = {outbound_response("answerCallbackQuery")};
    CHECK(s.plugin.deliver(notice(kLead, press_result("take", "no_such_lead"))).kind == Outcome::Kind::ok);
    s.answers = {outbound_response("answerCallbackQuery")};
    Json refused = press_result("booked", "refused");
    refused["reason"] = "заявка закрыта";
    CHECK(s.plugin.deliver(notice(kLead, refused)).kind == Outcome::Kind::ok);
    REQUIRE(s.host.http_calls.size() == 2);
    CHECK(s.body(0)["text"] == "Заявка не найдена");
    CHECK(s.body(1) == Json::parse(R"({"callback_query_id": "3384028735126498513", "text": "Не получилось: заявка закрыта",
                                       "show_alert": true})"));
}

TEST_CASE("result: a press answered too late and a card already showing it are fine") {
    Staff s;
    s.answers = {outbound_response("error.400-query-too-old"), outbound_response("error.400-message-not-modified")};
    Outcome outcome = s.plugin.deliver(notice(kLead, press_result("take", "already_yours", kMarina)));
    CHECK(outcome.kind == Outcome::Kind::ok);
    CHECK(outcome.external_id == "-1001234567890:163");
    CHECK(s.host.http_calls.size() == 2);  // the card is edited all the same
}

TEST_CASE("result: a busy or failing Bot API is retried; a deleted card is permanent") {
    Staff s;
    s.answers = {outbound_response("error.429")};
    Outcome busy = s.plugin.deliver(notice(kLead, press_result("take", "taken", kMarina)));
    CHECK(busy.kind == Outcome::Kind::retry);
    CHECK(busy.retry_after_ms == 5000);
    s.answers = {outbound_response("answerCallbackQuery"), outbound_response("error.429")};
    CHECK(s.plugin.deliver(notice(kLead, press_result("take", "taken", kMarina))).kind == Outcome::Kind::retry);
    s.answers = {outbound_response("answerCallbackQuery"), api_error(400, "Bad Request: message to edit not found")};
    Outcome gone = s.plugin.deliver(notice(kLead, press_result("take", "taken", kMarina)));
    CHECK(gone.kind == Outcome::Kind::permanent);
    CHECK(gone.reason.find("editing the card") != std::string::npos);
}

TEST_CASE("result: a staff reply that reached the customer gets 👍; one that did not, a message why") {
    Staff s;
    Json replied = press_result("reply", "replied", kMarina);
    replied["answer_to"] = Json::parse(R"({"chat_id": -1001234567890, "message_id": 165})");
    s.answers = {api_error(400, "Bad Request: REACTION_INVALID")};
    CHECK(s.plugin.deliver(notice(kLead, replied)).kind == Outcome::Kind::ok);  // cosmetic: never fails the notice
    REQUIRE(s.host.http_calls.size() == 1);
    CHECK(s.method(0) == "setMessageReaction");
    CHECK(s.body(0) == Json::parse(R"({"chat_id": -1001234567890, "message_id": 165, "reaction": [{"type": "emoji", "emoji": "👍"}]})"));

    Json refused = replied;
    refused["result"] = "refused";
    refused["reason"] = "клиент заблокировал бота";
    CHECK(s.plugin.deliver(notice(kLead, refused)).kind == Outcome::Kind::ok);
    CHECK(s.method(1) == "sendMessage");
    CHECK(s.body(1)["text"] == "Ответ не отправлен клиенту: Не получилось: клиент заблокировал бота");
    CHECK(s.body(1)["reply_parameters"]["message_id"] == 165);
}

TEST_CASE("notice: an event this plugin does not know is permanent, named") {
    Staff s;
    Outcome outcome = s.plugin.deliver(notice(kLead, {{"event", "lead_digest"}}));
    CHECK(outcome.kind == Outcome::Kind::permanent);
    CHECK(outcome.reason.find("lead_digest") != std::string::npos);
    CHECK(s.host.http_calls.empty());
}
