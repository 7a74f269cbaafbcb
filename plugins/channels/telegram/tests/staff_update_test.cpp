// The staff side coming in (telegram_staff.hpp): presses on lead cards and replies to them become
// staff_action messages, through the webhook and through polling; presses and replies of anyone
// else, cards elsewhere and the staff chat's chatter give nothing; customers' private messages
// read as before. Also the staff options and the card's text.
#include "test_support.hpp"

#include "staff_card.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <thread>

using namespace telegram_test;
using leadhub::sdk::MessageEvent;
using leadhub::sdk::testing::eventually;
using leadhub::sdk::testing::FakeHost;
using leadhub::sdk::testing::Harness;

namespace {

constexpr int64_t kStaffChat = -1001234567890;

Json staff_options(Json base = webhook_options()) {
    base["staff_chat_id"] = std::to_string(kStaffChat);
    base["staff_user_ids"] = {"784512396", "6293018457"};
    return base;
}

struct StaffWebhook {
    FakeHost host;
    Harness plugin = Harness::linked(host);
    explicit StaffWebhook(const Json& options = staff_options()) {
        host.on_http = [](const HttpRequest&) { return outbound_response("answerCallbackQuery"); };
        REQUIRE(plugin.create("tg", options) == "");
        REQUIRE(plugin.start() == "");
    }
    leadhub::sdk::WebhookResult post(const Json& update) { return plugin.webhook(update_request(update)); }
};

Json fixture_update(const char* name) { return load_json(data_dir / name)["request"]["body"]; }
Json press_update() { return fixture_update("telegram-05-staff-callback-take.json"); }
Json reply_update() { return fixture_update("telegram-06-staff-reply-to-card.json"); }

}  // namespace

TEST_CASE("staff: a press on a card in the staff chat is a staff_action with where to answer") {
    StaffWebhook w;
    auto r = w.post(press_update());
    CHECK(r.status == 200);
    REQUIRE(r.messages.size() == 1);
    const auto& m = r.messages[0];
    CHECK(m.event == MessageEvent::staff_action);
    CHECK(m.external_message_id == "cb:3384028735126498513");
    CHECK(m.external_user_id == "784512396");
    CHECK(m.name == "Марина Кузнецова");
    REQUIRE(m.staff_action);
    CHECK(m.staff_action->lead_ref == "lead-8d41b7");
    CHECK(m.staff_action->action == "take");
    CHECK(m.staff_action->answer_to ==
          Json::parse(R"({"callback_query_id": "3384028735126498513", "chat_id": -1001234567890, "message_id": 163})"));
    CHECK(w.host.http_calls.empty());  // the hub answers it, with the result
    // Telegram's repeat of the same press is the same message: the hub drops it.
    CHECK(w.post(press_update()).messages.at(0).external_message_id == m.external_message_id);
}

TEST_CASE("staff: a reply to a card is a staff reply; its id is the staff message's") {
    StaffWebhook w;
    auto r = w.post(reply_update());
    REQUIRE(r.messages.size() == 1);
    const auto& m = r.messages[0];
    CHECK(m.event == MessageEvent::staff_action);
    CHECK(m.external_message_id == "-1001234567890:165");
    REQUIRE(m.staff_action);
    CHECK(m.staff_action->action == "reply");
    CHECK(m.staff_action->lead_ref == "lead-8d41b7");
    CHECK(m.staff_action->staff_external_id == "784512396");
    CHECK(m.staff_action->text == "Ольга, здравствуйте! Завтра в 18:30 свободно у мастера Алины. Записать вас?");
    CHECK(m.staff_action->answer_to == Json::parse(R"({"chat_id": -1001234567890, "message_id": 165})"));

    Json caption = reply_update();
    caption["message"].erase("text");
    caption["message"]["caption"] = "Прайс во вложении";
    caption["message"]["photo"] = Json::array();
    CHECK(w.post(caption).messages.at(0).staff_action->text == "Прайс во вложении");
    Json sticker = reply_update();
    sticker["message"].erase("text");
    CHECK(w.post(sticker).messages.empty());  // nothing to relay to the customer
}

TEST_CASE("staff: a press by someone not in staff_user_ids is answered «only for staff» and does nothing") {
    StaffWebhook w;
    Json press = press_update();
    press["callback_query"]["from"]["id"] = 555000111;
    auto r = w.post(press);
    CHECK(r.status == 200);
    CHECK(r.messages.empty());
    REQUIRE(w.host.http_calls.size() == 1);
    CHECK(method_of(w.host.http_calls[0]) == "answerCallbackQuery");
    CHECK(Json::parse(w.host.http_calls[0].body) ==
          Json({{"callback_query_id", "3384028735126498513"}, {"text", leadhub::telegram::kOnlyForStaff}}));
    // A failed answer changes nothing: still 200.
    w.host.on_http = [](const HttpRequest&) { return outbound_response("error.400-query-too-old"); };
    CHECK(w.post(press).status == 200);
}

TEST_CASE("staff: presses elsewhere, on other buttons, and replies of others give nothing") {
    StaffWebhook w;
    Json other_chat = press_update();
    other_chat["callback_query"]["message"]["chat"]["id"] = -1009999;
    Json not_a_card = press_update();
    not_a_card["callback_query"]["data"] = "book:yes";
    for (const Json& press : {other_chat, not_a_card}) {
        w.host.http_calls.clear();
        CHECK(w.post(press).messages.empty());
        REQUIRE(w.host.http_calls.size() == 1);  // answered empty: the spinner stops
        CHECK(Json::parse(w.host.http_calls[0].body) == Json({{"callback_query_id", "3384028735126498513"}}));
    }
    w.host.http_calls.clear();
    Json stranger = reply_update();
    stranger["message"]["from"]["id"] = 555000111;
    Json chatter = reply_update();
    chatter["message"].erase("reply_to_message");
    Json to_other_message = reply_update();
    to_other_message["message"]["reply_to_message"].erase("reply_markup");
    Json to_a_person = reply_update();
    to_a_person["message"]["reply_to_message"]["from"]["is_bot"] = false;
    for (const Json& message : {stranger, chatter, to_other_message, to_a_person}) {
        auto r = w.post(message);
        CHECK(r.status == 200);
        CHECK(r.messages.empty());
    }
    CHECK(w.host.http_calls.empty());
}

TEST_CASE("staff: a staff member's private chat: cards there act, other messages are a customer's") {
    StaffWebhook w;
    const Json private_chat = Json::parse(R"({"id": 784512396, "type": "private", "first_name": "Марина"})");
    Json press = press_update();
    press["callback_query"]["message"]["chat"] = private_chat;
    auto pressed = w.post(press);
    REQUIRE(pressed.messages.size() == 1);
    CHECK(pressed.messages[0].staff_action->answer_to["chat_id"] == 784512396);

    Json reply = reply_update();
    reply["message"]["chat"] = private_chat;
    reply["message"]["reply_to_message"]["chat"] = private_chat;
    auto replied = w.post(reply);
    REQUIRE(replied.messages.size() == 1);
    CHECK(replied.messages[0].staff_action->action == "reply");
    CHECK(replied.messages[0].external_message_id == "784512396:165");

    Json own = reply;
    own["message"].erase("reply_to_message");
    auto customer = w.post(own);
    REQUIRE(customer.messages.size() == 1);
    CHECK(customer.messages[0].event == MessageEvent::customer_message);
    CHECK(customer.messages[0].address == Json({{"chat_id", 784512396}}));
}

TEST_CASE("staff: without staff_user_ids anyone in the staff chat may act (the hub checks who)") {
    Json options = staff_options();
    options.erase("staff_user_ids");
    StaffWebhook w(options);
    Json press = press_update();
    press["callback_query"]["from"]["id"] = 555000111;
    REQUIRE(w.post(press).messages.size() == 1);
    // Without staff_chat_id, the supergroup is just another group.
    StaffWebhook none(webhook_options());
    CHECK(none.post(press_update()).messages.empty());
    CHECK(none.post(reply_update()).messages.empty());
}

TEST_CASE("staff: polling reads presses like the webhook and answers a stranger's") {
    FakeHost host;
    std::atomic<int> polls{0};
    Json batch = load_json(data_dir / "outbound" / "getUpdates.json")["response"]["body"];  // a press + a message
    Json stranger = press_update();
    stranger["update_id"] = 815500150;
    stranger["callback_query"]["from"]["id"] = 555000111;
    batch["result"].push_back(stranger);
    host.on_http = [&](const HttpRequest& request) {
        const std::string method = method_of(request);
        if (method != "getUpdates") return api_ok(true);
        if (polls++ == 0) return HttpResponse{200, {}, batch.dump(), {}};
        std::this_thread::sleep_for(std::chrono::milliseconds(5));  // a long poll with nothing new
        return api_ok(Json::array());
    };
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("tg", staff_options(polling_options())) == "");
    REQUIRE(plugin.start() == "");
    REQUIRE(eventually([&] { return polls >= 2; }));
    plugin.close();
    REQUIRE(host.submitted.size() == 2);
    CHECK(host.submitted[0]["event"] == "staff_action");
    CHECK(host.submitted[0]["staff_action"]["lead_ref"] == "lead-7f3c2a");
    CHECK(host.submitted[0]["staff_action"]["staff_external_id"] == "6293018457");
    CHECK(host.submitted[1].value("event", "customer_message") == "customer_message");
    int answered = 0;
    for (const auto& call : host.http_calls)
        if (method_of(call) == "answerCallbackQuery") {
            ++answered;
            CHECK(Json::parse(call.body)["text"] == leadhub::telegram::kOnlyForStaff);
        }
    CHECK(answered == 1);
}

TEST_CASE("staff options: a chat id, user ids and a template that make sense") {
    FakeHost host;
    auto plugin = Harness::linked(host);
    auto with = [&](const char* key, const Json& value) {
        Json options = staff_options();
        options[key] = value;
        return plugin.create("tg", options);
    };
    CHECK(with("staff_chat_id", "-1001234567890") == "");
    CHECK(with("staff_chat_id", "") == "");
    CHECK(with("staff_chat_id", "@salon_staff").find("staff_chat_id") != std::string::npos);
    CHECK(with("staff_chat_id", "-100123x").find("staff_chat_id") != std::string::npos);
    CHECK(with("staff_user_ids", Json({"784512396", "marina"})).find("marina") != std::string::npos);
    CHECK(with("notify", "everyone").find("notify") != std::string::npos);
    CHECK(with("card_template", "{{#name}}no end").find("card_template") != std::string::npos);
    CHECK(with("card_template", "Заявка: {{name}}") == "");
}

TEST_CASE("staff card: the default template, its escaping and the phone as a tel: link") {
    using leadhub::telegram::render_card;
    // Parsed from text: an initializer list this size compiles to much more code.
    const Json lead = Json::parse(R"({"id": 42, "name": "Ольга <b>Смирнова</b>", "phone": "+79161234567",
        "channel_title": "Telegram", "service_names": ["маникюр", "покрытие"], "date": "2026-05-04", "time": "18:00",
        "daypart": "вечер", "urgent": false, "score": 80, "text": "raw", "display_text": "Можно <b>завтра</b> & после 18?",
        "assignee_name": "Марина Кузнецова", "assignment_reason": "мастер по маникюру"})");
    const std::string card = render_card(leadhub::telegram::kDefaultCardTemplate, lead);
    CHECK(card ==
          "<b>Новая заявка</b>\n"
          "Ольга &lt;b&gt;Смирнова&lt;/b&gt;, <a href=\"tel:+79161234567\">+79161234567</a>\n"
          "Канал: Telegram\n"
          "Услуга: маникюр, покрытие\n"
          "Когда: 2026-05-04 18:00 (вечер)\n"
          "Оценка: 80\n"
          "«Можно &lt;b&gt;завтра&lt;/b&gt; &amp; после 18?»\n"
          "Ответственный: Марина Кузнецова (мастер по маникюру)");
    const Json urgent = Json::parse(R"({"urgent": true, "text": "Срочно!", "daypart": "утро"})");
    CHECK(render_card(leadhub::telegram::kDefaultCardTemplate, urgent) ==
          "<b>Новая заявка</b> 🔥 срочно\nБез имени\nКогда: утро\n«Срочно!»");
    const std::string long_words = render_card("{{display_text}}", {{"display_text", std::string(5000, 'a')}});
    CHECK(long_words.size() == leadhub::telegram::kMaxCardWords + std::string("…").size());
}

TEST_CASE("staff card: the README shows the default template as it is") {
    std::ifstream in(std::string(LEADHUB_TEST_DATA) + "/../../README.md");
    std::stringstream readme;
    readme << in.rdbuf();
    CHECK(readme.str().find(std::string("```\n") + leadhub::telegram::kDefaultCardTemplate + "\n```") != std::string::npos);
}
