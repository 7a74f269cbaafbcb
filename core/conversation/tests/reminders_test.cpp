// Reminders of a visit: when (before it, never past, never at night), how (the channel, SMS, or
// the staff told it cannot be sent), and follow-ups to an enquiry that did not become a booking.
#include "conversation/follow_ups.hpp"
#include "conversation/reminders.hpp"

#include "reply_fixture.hpp"

#include <catch2/catch.hpp>

using namespace leadhub;
using namespace leadhub::conversation;
using Json = nlohmann::json;

namespace reminders_test {

constexpr int64_t kHour = 3'600'000;
// Monday 7 December 2026, 12:00 in Moscow (09:00 UTC).
constexpr int64_t kMonday1200 = 1'796'634'000'000;

config::TenantConfig salon() {
    config::TenantConfig t = leadhub::conversation::testing::salon();
    t.timezone = "Europe/Moscow";
    config::StaffConfig olga;
    olga.id = "olga";
    olga.name = "Ольга";
    olga.contacts = {{"telegram", "101"}};
    t.staff = {olga};
    config::InstanceConfig sms;
    sms.name = "sms";
    sms.kind = config::InstanceKind::notifier;
    t.notifiers = {sms};
    return t;
}

std::vector<std::string> purposes_and_local_times(const std::vector<store::TimerSpec>& timers) {
    std::vector<std::string> out;
    for (const auto& t : timers) out.push_back(t.purpose + "@" + std::to_string((t.due_at_ms - kMonday1200) / 60'000) + "m");
    return out;
}

store::Lead booked(const std::string& channel, const std::string& booked_for) {
    store::Lead l;
    l.id = 42;
    l.channel = channel;
    l.name = "Анна";
    l.status = "booked";
    l.booked_for = booked_for;
    l.reading.services = {"manicure"};
    l.last_message_at_ms = kMonday1200 - kHour;
    return l;
}

store::Timer due(const std::string& purpose, const std::string& booked_for) {
    store::Timer t;
    t.purpose = purpose;
    t.payload = {{"booked_for", booked_for}};
    return t;
}


TEST_CASE("a visit tomorrow at 18:00 gets its three reminders at 24 h, 3 h and 30 min before") {
    auto timers = reminder_timers(salon(), "2026-12-08T18:00", kMonday1200);
    CHECK(purposes_and_local_times(timers) == std::vector<std::string>{"remind:24h@360m", "remind:3h@1620m", "remind:30m@1770m"});
    CHECK(timers[0].payload == Json{{"booked_for", "2026-12-08T18:00"}, {"before_ms", 24 * kHour}});
}

TEST_CASE("never for a time already past, never at night") {
    // Today at 14:00: the 24 h and 3 h reminders are past; only 13:30.
    CHECK(purposes_and_local_times(reminder_timers(salon(), "2026-12-07T14:00", kMonday1200)) ==
          std::vector<std::string>{"remind:30m@90m"});
    // Wednesday at 10:00: 24 h before is Tuesday 10:00; 3 h before is 07:00 (quiet until 09:00),
    // moved to 09:00, within an hour of the 30-minute one (09:30): the nearer one is enough.
    CHECK(purposes_and_local_times(reminder_timers(salon(), "2026-12-09T10:00", kMonday1200)) ==
          std::vector<std::string>{"remind:24h@1320m", "remind:30m@2730m"});
    // Wednesday at 09:15: the 30-minute reminder (08:45, quiet) waits for 09:00, still before the visit.
    auto early = purposes_and_local_times(reminder_timers(salon(), "2026-12-09T09:15", kMonday1200));
    CHECK(early == std::vector<std::string>{"remind:24h@1275m", "remind:30m@2700m"});
    // Wednesday at 09:00: 08:30 cannot wait (09:00 is the visit): it goes the evening before, at 20:59.
    auto earliest = purposes_and_local_times(reminder_timers(salon(), "2026-12-09T09:00", kMonday1200));
    CHECK(earliest == std::vector<std::string>{"remind:24h@1260m", "remind:30m@1979m"});
    // Off, or a malformed time: none.
    config::TenantConfig off = salon();
    off.reminders.enabled = false;
    CHECK(reminder_timers(off, "2026-12-08T18:00", kMonday1200).empty());
    CHECK(reminder_timers(salon(), "tomorrow", kMonday1200).empty());
}

TEST_CASE("a reminder goes on the channel, by SMS where the channel cannot start, else the staff are told") {
    const std::string at = "2026-12-08T18:00";
    Json reachable = {{"reachable", true}, {"channel_title", "Telegram"}};
    auto f = plan_reminder(salon(), booked("telegram", at), reachable, due("remind:24h", at), kMonday1200 + 30 * kHour);
    REQUIRE(f.reply);
    CHECK(f.reply->text ==
          "Здравствуйте, Анна! Напоминаем: вы записаны на маникюр сегодня в 18:00. "
          "Ответьте, пожалуйста, «да», если придёте, или «не смогу», если планы изменились.");
    CHECK(f.notes.at(0).kind == "reminder_sent");
    CHECK(f.notes.at(0).detail["via"] == "telegram");

    // WhatsApp two days after the customer's last message: its window is closed: SMS.
    config::TenantConfig with_sms = salon();
    with_sms.reminders.sms_via = "sms";
    store::Lead wa = booked("whatsapp", at);
    wa.phone = "+79131234567";
    f = plan_reminder(with_sms, wa, reachable, due("remind:24h", at), kMonday1200 + 30 * kHour);
    CHECK_FALSE(f.reply);
    REQUIRE(f.jobs.size() == 1);
    CHECK(f.jobs[0].sink == "sms");
    CHECK(f.jobs[0].payload["alert"] == "customer_reminder");
    CHECK(f.jobs[0].payload["to"][0]["contacts"]["phone"] == "+79131234567");
    CHECK(f.notes.at(0).detail["via"] == "sms");

    // A web form without SMS: unreachable, and Ольга is told to call.
    store::Lead form = booked("webform", at);
    f = plan_reminder(salon(), form, Json{{"reachable", false}}, due("remind:24h", at), kMonday1200 + 30 * kHour);
    CHECK_FALSE(f.reply);
    CHECK(f.notes.at(0).kind == "unreachable");
    REQUIRE(f.jobs.size() == 1);
    CHECK(f.jobs[0].payload["alert"] == "unreachable");
    CHECK_THAT(f.jobs[0].payload["text"].get<std::string>(), Catch::Contains("позвоните ему"));
}

TEST_CASE("a reminder of a visit that moved, or of a lead no longer booked, sends nothing") {
    auto f = plan_reminder(salon(), booked("telegram", "2026-12-09T11:00"), Json{{"reachable", true}},
                           due("remind:24h", "2026-12-08T18:00"), kMonday1200);
    CHECK_FALSE(f.reply);
    CHECK(f.notes.empty());
    store::Lead cancelled = booked("telegram", "2026-12-08T18:00");
    cancelled.status = "cancelled";
    CHECK_FALSE(plan_reminder(salon(), cancelled, Json{{"reachable", true}}, due("remind:24h", "2026-12-08T18:00"), kMonday1200).reply);
}

TEST_CASE("a no-show gets an offer to rebook an hour later, outside quiet hours") {
    const config::TenantConfig tenant = salon();  // the plan points at it, as the store's caller holds it
    auto plan = status_timers(tenant, kMonday1200);
    auto timers = plan("no_show", "2026-12-07T11:00");
    REQUIRE(timers.size() == 1);
    CHECK(timers[0].purpose == "rebook");
    CHECK(timers[0].due_at_ms == kMonday1200 + kHour);
    CHECK(plan("booked", "2026-12-08T18:00").size() == 3);
    CHECK(plan("in_work", "").empty());
    store::Lead gone = booked("telegram", "2026-12-07T11:00");
    gone.status = "no_show";
    auto f = plan_reminder(salon(), gone, Json{{"reachable", true}}, due("rebook", "2026-12-07T11:00"), kMonday1200 + kHour);
    REQUIRE(f.reply);
    CHECK_THAT(f.reply->text, Catch::StartsWith("Жаль, что не получилось прийти, Анна."));
}

TEST_CASE("follow-ups come after a day and after three, in working hours; the last moves the lead to nurture") {
    config::TenantConfig t = salon();
    t.working_hours.always_open = false;
    for (auto& day : t.working_hours.week) day = {base::DayInterval{10 * 60, 20 * 60}};
    store::InboundMessage m;
    m.channel = "telegram";
    m.address = {{"chat_id", 777}};
    m.received_at_ms = kMonday1200 + 9 * kHour;  // 21:00, after hours
    auto timers = follow_up_timers(t, m);
    REQUIRE(timers.size() == 2);
    // Tuesday 21:00 is after hours: Wednesday 10:00; Thursday 21:00: Friday 10:00.
    CHECK(purposes_and_local_times(timers) == std::vector<std::string>{"followup:1@2760m", "followup:2@5640m"});
    m.address = nullptr;
    CHECK(follow_up_timers(t, m).empty());  // nowhere to write

    store::Lead lead;
    lead.id = 7;
    lead.channel = "telegram";
    lead.status = "new";
    lead.reading.intent = "book";
    lead.reading.services = {"manicure"};
    store::StoredMessage ours;
    ours.kind = "reply";
    store::StoredMessage theirs;
    theirs.kind = "customer";
    store::Timer last;
    last.purpose = "followup:2";
    last.payload = {{"n", 2}, {"of", 2}};
    auto f = plan_follow_up(t, lead, Json{{"reachable", true}}, {theirs, ours}, last, kMonday1200);
    REQUIRE(f.reply);
    CHECK(f.reply->text == "Мы на связи, если захотите записаться на маникюр. Просто ответьте на это сообщение.");
    REQUIRE(f.status);
    CHECK(f.status->status == "nurture");
    CHECK(f.status->actor == "system");
    // The customer is waiting for us: no nudge (the SLA is for that).
    f = plan_follow_up(t, lead, Json{{"reachable", true}}, {ours, theirs}, last, kMonday1200);
    CHECK_FALSE(f.reply);
    CHECK(f.notes.at(0).kind == "follow_up_skipped");
    lead.status = "booked";
    CHECK_FALSE(plan_follow_up(t, lead, Json{{"reachable", true}}, {theirs, ours}, last, kMonday1200).reply);
}

}  // namespace reminders_test
