// When the automatic replies go (the reply timer of a customer's message) and what a due reply
// timer sends, read from the lead and its history: Monday 7 December 2026 in Moscow.
#include "conversation/reply_plan.hpp"

#include "reply_fixture.hpp"

#include <catch2/catch.hpp>

using namespace leadhub;
using namespace leadhub::conversation;
using namespace leadhub::conversation::testing;
using Json = nlohmann::json;

namespace {

constexpr int64_t kMonday1200Moscow = 1'796'634'000'000;  // 2026-12-07T09:00:00Z
constexpr int64_t kMonday2300Moscow = kMonday1200Moscow + 11LL * 3'600'000;

config::TenantConfig open_salon() {
    config::TenantConfig t = salon();
    t.timezone = "Europe/Moscow";
    t.working_hours.always_open = false;
    for (auto& day : t.working_hours.week) day = {base::DayInterval{10 * 60, 21 * 60}};
    config::StaffConfig vera;
    vera.id = "vera";
    vera.name = "Вера";
    vera.role = "senior";
    vera.contacts = {{"telegram", "102"}};
    t.staff = {vera};
    config::InstanceConfig staff_bot;
    staff_bot.name = "staff_bot";
    staff_bot.kind = config::InstanceKind::notifier;
    t.notifiers = {staff_bot};
    return t;
}

store::InboundMessage telegram_message(int64_t at_ms) {
    store::InboundMessage m;
    m.channel = "telegram";
    m.received_at_ms = at_ms;
    m.address = {{"chat_id", 777}};
    return m;
}

store::Lead lead(const std::string& intent, const std::string& score = "hot") {
    store::Lead l;
    l.id = 42;
    l.channel = "telegram";
    l.name = "Анна";
    l.reading.intent = intent;
    l.reading.services = {"manicure"};
    l.reading.score = score;
    return l;
}

store::LeadEvent sent(const std::string& purpose, const std::string& asks) {
    store::LeadEvent e;
    e.kind = "auto_reply";
    e.detail = {{"purpose", purpose}, {"asks", asks}};
    return e;
}

Json described() { return {{"name", "Анна"}, {"channel_title", "Telegram"}, {"display_text", "Мастер испортил ногти!"}}; }

}  // namespace

TEST_CASE("a customer's message arms the reply a moment later, unless the channel cannot carry one") {
    auto tenant = open_salon();
    auto timer = reply_timer(tenant, telegram_message(1'000), false);
    REQUIRE(timer);
    CHECK(timer->purpose == "reply");
    CHECK(timer->due_at_ms == 1'000 + kReplyGatherMs);
    CHECK(timer->until_staff_respond);
    CHECK_FALSE(timer->keep_pending);
    CHECK(reply_timer(tenant, telegram_message(1'000), true)->keep_pending);  // the burst's first message decides

    store::InboundMessage form = telegram_message(1'000);
    form.channel = "webform";
    form.address = nullptr;
    CHECK_FALSE(reply_timer(tenant, form, false));
    store::InboundMessage echo = telegram_message(1'000);
    echo.kind = "business";
    CHECK_FALSE(reply_timer(tenant, echo, false));
    tenant.replies.channels["telegram"].enabled = false;
    CHECK_FALSE(reply_timer(tenant, telegram_message(1'000), false));
}

TEST_CASE("the first reply promises the hot tier's target and asks the first missing thing") {
    auto f = plan_reply(open_salon(), lead("book"), described(), {}, {}, kMonday1200Moscow);
    REQUIRE(f.reply);
    CHECK(f.reply->author == "auto");
    CHECK(f.reply->text ==
          "Здравствуйте, Анна! С радостью запишем вас на маникюр. Администратор свяжется с вами не позже чем через 15 минут. "
          "На какой день и время вам удобно прийти?");
    REQUIRE(f.notes.size() == 1);
    CHECK(f.notes[0].kind == "auto_reply");
    CHECK(f.notes[0].detail["purpose"] == "first");
    CHECK(f.notes[0].detail["asks"] == "date_time");
    CHECK(f.jobs.empty());
}

TEST_CASE("later replies follow the history: the next question, then the closing line once, then nothing") {
    store::Lead l = lead("book");
    l.reading.date = "2026-12-08";
    l.reading.time = "10:00";
    std::vector<store::LeadEvent> history = {sent("first", "date_time")};
    auto f = plan_reply(open_salon(), l, described(), history, {}, kMonday1200Moscow);
    REQUIRE(f.reply);
    CHECK(f.notes[0].detail["asks"] == "phone");
    history.push_back(sent("ask:phone", "phone"));
    l.phone = "+79131234567";
    f = plan_reply(open_salon(), l, described(), history, {}, kMonday1200Moscow);
    REQUIRE(f.reply);
    CHECK(f.notes[0].detail["purpose"] == "complete");
    history.push_back(sent("complete", ""));
    f = plan_reply(open_salon(), l, described(), history, {}, kMonday1200Moscow);
    CHECK_FALSE(f.reply);
    CHECK(f.notes.empty());
}

TEST_CASE("outside working hours the first reply says when the business answers") {
    auto f = plan_reply(open_salon(), lead("book"), described(), {}, {}, kMonday2300Moscow);
    REQUIRE(f.reply);
    CHECK(f.notes[0].detail["purpose"] == "after_hours");
    CHECK(f.reply->text.find("завтра в 10:00") != std::string::npos);
}

TEST_CASE("a complaint gets an apology, never a question, and the seniors are told at once") {
    auto f = plan_reply(open_salon(), lead("complaint", "warm"), described(), {}, {}, kMonday1200Moscow);
    REQUIRE(f.reply);
    CHECK(f.notes[0].detail["purpose"] == "complaint");
    CHECK(f.notes[0].detail["asks"] == "");
    REQUIRE(f.jobs.size() == 1);
    CHECK(f.jobs[0].sink == "staff_bot");
    CHECK(f.jobs[0].payload["alert"] == "complaint");
    CHECK(f.jobs[0].payload["text"] ==
          "❗ Жалоба, заявка №42, Анна (Telegram): «Мастер испортил ногти!». Свяжитесь с клиентом.");
    CHECK(f.jobs[0].payload["to"][0]["id"] == "vera");
}

TEST_CASE("once staff responded, a due reply sends nothing") {
    store::Lead l = lead("book");
    l.first_response_at_ms = kMonday1200Moscow - 1'000;
    auto f = plan_reply(open_salon(), l, described(), {}, {}, kMonday1200Moscow);
    CHECK_FALSE(f.reply);
    CHECK(f.jobs.empty());
}

TEST_CASE("«да» to a proposed visit books it (by the customer: the SLA runs on) and thanks them") {
    store::Lead l = lead("book");
    l.reading.date = "2026-12-08";
    l.reading.time = "10:00";
    auto first = plan_reply(open_salon(), l, described(), {}, {}, kMonday1200Moscow);
    REQUIRE(first.notes.size() == 1);
    CHECK(first.notes[0].detail["proposes"] == "2026-12-08T10:00");

    store::LeadEvent sent_first;
    sent_first.kind = "auto_reply";
    sent_first.detail = first.notes[0].detail;
    store::StoredMessage ours, yes, stop;
    ours.kind = "reply";
    yes.kind = "customer";
    yes.text = "Да, всё верно";
    auto f = plan_reply(open_salon(), l, described(), {sent_first}, {ours, yes}, kMonday1200Moscow);
    REQUIRE(f.status);
    CHECK(f.status->status == "booked");
    CHECK(f.status->booked_for == "2026-12-08T10:00");
    CHECK(f.status->actor == "customer");
    REQUIRE(f.reply);
    CHECK(f.reply->text == "Спасибо! Ждём вас завтра в 10:00.");
    CHECK(f.notes.at(0).kind == "booking_confirmed");

    // A question instead of «да» goes on as a conversation; «стоп» silences the reply.
    yes.text = "а сколько стоит?";
    CHECK_FALSE(plan_reply(open_salon(), l, described(), {sent_first}, {ours, yes}, kMonday1200Moscow).status);
    stop.kind = "customer";
    stop.text = "стоп";
    auto silent = plan_reply(open_salon(), l, described(), {sent_first}, {ours, stop}, kMonday1200Moscow);
    CHECK_FALSE(silent.reply);
    CHECK_FALSE(silent.status);
}

