// The customer's answer to a reminder: confirmed, cancelled, a request to move, a request to
// stop, or passed to the staff as it is.
#include "conversation/customer_answers.hpp"

#include "reply_fixture.hpp"

#include <catch2/catch.hpp>

using namespace leadhub;
using namespace leadhub::conversation;
using Json = nlohmann::json;

namespace answers_test {

constexpr int64_t kMonday1200 = 1'796'634'000'000;

config::TenantConfig salon() {
    config::TenantConfig t = leadhub::conversation::testing::salon();
    t.timezone = "Europe/Moscow";
    config::StaffConfig olga;
    olga.id = "olga";
    olga.name = "Ольга";
    t.staff = {olga};
    config::InstanceConfig bot;
    bot.name = "bot";
    bot.kind = config::InstanceKind::notifier;
    t.notifiers = {bot};
    return t;
}

store::Lead lead() {
    store::Lead l;
    l.id = 42;
    l.channel = "telegram";
    l.name = "Анна";
    l.status = "booked";
    l.booked_for = "2026-12-08T18:00";
    l.reading.services = {"manicure"};
    l.assignment = store::Assignment{"assigned", "olga", {}, ""};
    return l;
}

store::StoredMessage said(const std::string& kind, const std::string& text, const std::string& intent = "other") {
    store::StoredMessage m;
    m.kind = kind;
    m.text = text;
    m.reading = {{"intent", intent}};
    return m;
}

std::vector<store::LeadEvent> reminded() {
    store::LeadEvent e;
    e.kind = "reminder_sent";
    return {e};
}

Json described() { return {{"assignee", "olga"}, {"channel_title", "Telegram"}}; }


TEST_CASE("answers are read as people write them") {
    CHECK(classify_answer("Подтверждаю", "other") == CustomerAnswer::confirm);
    CHECK(classify_answer("да, буду", "other") == CustomerAnswer::confirm);
    CHECK(classify_answer("Да!", "other") == CustomerAnswer::confirm);
    CHECK(classify_answer("👍", "other") == CustomerAnswer::confirm);
    CHECK(classify_answer("не смогу, извините", "other") == CustomerAnswer::cancel);
    CHECK(classify_answer("Нет, не буду", "other") == CustomerAnswer::cancel);
    CHECK(classify_answer("отмените, пожалуйста", "other") == CustomerAnswer::cancel);
    CHECK(classify_answer("перенесите на пятницу", "other") == CustomerAnswer::move);
    CHECK(classify_answer("можно на другое время?", "other") == CustomerAnswer::move);
    CHECK(classify_answer("а сколько стоит?", "question") == CustomerAnswer::unclear);
    CHECK(classify_answer("Стоп", "other") == CustomerAnswer::stop);
    CHECK(classify_answer("не пишите мне больше", "other") == CustomerAnswer::stop);
    CHECK(classify_answer("заболела", "cancel") == CustomerAnswer::cancel);  // the understanding's reading counts
    CHECK_FALSE(asks_to_stop("Стоптанные туфли"));
}

TEST_CASE("a confirmation is recorded and thanked") {
    auto f = plan_answer(salon(), lead(), described(), {said("reply", "Напоминаем…"), said("customer", "да, буду")}, reminded(),
                         kMonday1200);
    REQUIRE(f.reply);
    CHECK(f.reply->text == "Спасибо! Ждём вас завтра в 18:00.");
    CHECK(f.notes.at(0).kind == "reminder_answer");
    CHECK(f.notes.at(0).detail["answer"] == "confirmed");
    CHECK(f.jobs.empty());
    CHECK_FALSE(f.status);
}

TEST_CASE("«не смогу» cancels the visit and tells the staff at once") {
    auto f = plan_answer(salon(), lead(), described(), {said("reply", "Напоминаем…"), said("customer", "не смогу, заболела")},
                         reminded(), kMonday1200);
    REQUIRE(f.status);
    CHECK(f.status->status == "cancelled");
    CHECK(f.status->actor == "customer");
    REQUIRE(f.jobs.size() == 1);
    CHECK(f.jobs[0].payload["alert"] == "appointment_cancelled");
    CHECK(f.jobs[0].payload["text"] ==
          "❌ Клиент отменил запись: заявка №42, Анна, завтра в 18:00. Ответ: «не смогу, заболела»");
    CHECK(f.jobs[0].payload["to"][0]["id"] == "olga");
    CHECK_THAT(f.reply->text, Catch::StartsWith("Поняли, запись завтра в 18:00 отменяем."));
}

TEST_CASE("a request to move tells the staff and stops the old time's reminders") {
    auto f = plan_answer(salon(), lead(), described(), {said("reply", "…"), said("customer", "перенесите на пятницу", "reschedule")},
                         reminded(), kMonday1200);
    CHECK(f.cancel == std::vector<std::string>{"remind:%"});
    CHECK(f.jobs.at(0).payload["alert"] == "appointment_moved");
    CHECK_FALSE(f.status);
}

TEST_CASE("words that are not understood go to the staff, unanswered and not guessed") {
    auto f = plan_answer(salon(), lead(), described(), {said("reply", "…"), said("customer", "а парковка у вас есть?", "question")},
                         reminded(), kMonday1200);
    CHECK_FALSE(f.reply);
    CHECK(f.jobs.at(0).payload["alert"] == "customer_unclear");
    CHECK(f.notes.at(0).detail["answer"] == "unclear");
}

TEST_CASE("only the words since our last message count, and only while a reminder awaits its answer") {
    // Answered already: a later «да» is just conversation.
    auto history = reminded();
    store::LeadEvent answered;
    answered.kind = "reminder_answer";
    history.push_back(answered);
    CHECK_FALSE(plan_answer(salon(), lead(), described(), {said("customer", "да")}, history, kMonday1200).reply);
    // No reminder: nothing.
    CHECK_FALSE(plan_answer(salon(), lead(), described(), {said("customer", "да")}, {}, kMonday1200).reply);
    // «стоп» works with or without a reminder.
    auto stop = plan_answer(salon(), lead(), described(), {said("customer", "Стоп")}, {}, kMonday1200);
    CHECK(stop.opt_out);
    CHECK_FALSE(stop.reply);
}

}  // namespace answers_test
