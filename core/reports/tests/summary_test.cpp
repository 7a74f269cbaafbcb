// The KPIs of a period from leads with known timings, through the store's lead_facts (so the
// history the timers and staff wrote is what the numbers come from).
#include "reports/summary.hpp"

#include "store/tests/store_fixture.hpp"

#include <catch2/catch.hpp>

using namespace leadhub;
using namespace leadhub::store;
using namespace leadhub::store::testing;

namespace reports_test {

constexpr int64_t kMinute = 60'000;

IngestResult lead_at(Store& store, const std::string& id, int64_t at_ms, const std::string& channel, Json utm = nullptr,
                     const std::string& assignee = "") {
    InboundMessage m = message("salon", channel == "telegram" ? "tg" : "site", id);
    m.channel = channel;
    m.received_at_ms = at_ms;
    m.utm = std::move(utm);
    m.address = {{"chat_id", id}};
    IngestItem one = item(m, {}, {{channel, id}});
    one.reading.score = "hot";
    one.timers = {TimerSpec{"sla:breach", at_ms + 15 * kMinute, {{"tier", "hot"}}, false, false}};
    if (!assignee.empty())
        one.assign = [assignee](AssignmentState&) -> std::optional<Assignment> { return Assignment{"assigned", assignee, {}, ""}; };
    return ingest_one(store, std::move(one), at_ms);
}

void fire_due(Store& store, int64_t now_ms) {
    for (const Timer& t : store.due_timers(now_ms, 100)) {
        TimerFiring f;
        f.timer_id = t.id;
        f.due_at_ms = t.due_at_ms;
        f.notes = {LeadNote{t.purpose == "sla:breach" ? "sla_breach" : "auto_reply", {{"tier", "hot"}}}};
        store.fire_timer(f, now_ms);
    }
}

}  // namespace reports_test

TEST_CASE("the summary counts what the leads' records say, a breach at 15 minutes and not at 14:59") {
    using namespace reports_test;
    TempDir dir;
    auto store = Store::open(options_for(dir.file("leadhub.db")));
    const int64_t t0 = 1'796'626'800'000;  // Monday 7 December 2026, 10:00 in Moscow
    // A: Telegram, answered by olga at 14:59 (no breach), booked, visited after a confirmed reminder.
    auto a = lead_at(*store, "a", t0, "telegram", Json{{"utm_source", "instagram"}, {"utm_campaign", "winter"}}, "olga");
    store->arm_timers(a.lead_id, {TimerSpec{"reply", t0 + 500, {}, false, false}}, t0);
    fire_due(*store, t0 + 500);  // the automatic reply after 0.5 s
    store->add_reply(ReplyRequest{a.lead_id, "Здравствуйте!", Json::array(), "olga"}, t0 + 15 * kMinute - 1'000);
    fire_due(*store, t0 + 15 * kMinute);  // its breach timer was cancelled by the reply
    store->set_lead_status(a.lead_id, StatusChange{"booked", "olga", "api", "", "2026-12-08T18:00", Json::object()}, t0 + 20 * kMinute);
    store->arm_timers(a.lead_id, {TimerSpec{"remind:3h", t0 + 30 * kMinute, {}, false, false}}, t0 + 20 * kMinute);
    {
        Timer t = store->due_timers(t0 + 30 * kMinute, 10).at(0);
        TimerFiring f;
        f.timer_id = t.id;
        f.due_at_ms = t.due_at_ms;
        f.notes = {LeadNote{"reminder_answer", {{"answer", "confirmed"}}}};
        store->fire_timer(f, t0 + 30 * kMinute);
    }
    store->set_lead_status(a.lead_id, StatusChange{"visited", "olga", "api", "", "", Json::object()}, t0 + 40 * kMinute);
    // B: web form, nobody answers: breach at exactly 15 minutes; lost later.
    auto b = lead_at(*store, "b", t0 + kMinute, "webform", Json{{"utm_source", "yandex"}}, "olga");
    fire_due(*store, t0 + 16 * kMinute);
    store->set_lead_status(b.lead_id, StatusChange{"lost", "system", "timer", "дорого", "", Json::object()}, t0 + 60 * kMinute);
    // C: Telegram, answered after 5 minutes by vera, booked, no-show.
    auto c = lead_at(*store, "c", t0 + 2 * kMinute, "telegram", nullptr, "vera");
    store->add_reply(ReplyRequest{c.lead_id, "Добрый день!", Json::array(), "vera"}, t0 + 7 * kMinute);
    store->set_lead_status(c.lead_id, StatusChange{"booked", "vera", "api", "", "2026-12-09T11:00", Json::object()}, t0 + 8 * kMinute);
    store->set_lead_status(c.lead_id, StatusChange{"no_show", "vera", "api", "", "", Json::object()}, t0 + 90 * kMinute);
    // Outside the period: the day before.
    lead_at(*store, "old", t0 - 86'400'000LL, "telegram");

    auto facts = store->lead_facts("salon", t0 - 10 * 3'600'000LL, t0 + 14 * 3'600'000LL);
    REQUIRE(facts.size() == 3);
    Json s = reports::summary(facts);
    INFO(s.dump(2));
    CHECK(s["leads"]["total"] == 3);
    CHECK(s["leads"]["by_channel"]["telegram"] == Json{{"leads", 2}, {"booked", 2}, {"conversion", 1.0}});
    CHECK(s["leads"]["by_channel"]["webform"] == Json{{"leads", 1}, {"booked", 0}, {"conversion", 0.0}});
    CHECK(s["leads"]["by_utm_campaign"]["winter"]["leads"] == 1);
    CHECK(s["leads"]["by_utm_source"]["(none)"]["leads"] == 1);
    CHECK(s["first_auto_reply"] == Json{{"count", 1}, {"median_ms", 500}, {"p90_ms", 500}});
    CHECK(s["first_response"]["count"] == 2);
    CHECK(s["first_response"]["median_ms"] == 5 * kMinute);          // 5 min and 14:59: nearest rank
    CHECK(s["first_response"]["p90_ms"] == 15 * kMinute - 1'000);
    CHECK(s["first_response"]["unanswered"] == 1);
    CHECK(s["sla"] == Json{{"breaches", 1}, {"by_tier", {{"hot", 1}}}});  // B at 15:00; A answered at 14:59
    CHECK(s["bookings"] == Json{{"booked", 2}, {"conversion", 0.667}});
    CHECK(s["visits"]["visited"] == 1);
    CHECK(s["visits"]["no_show"] == 1);
    CHECK(s["visits"]["no_show_rate"] == 0.5);
    CHECK(s["visits"]["confirmed_reminder"]["visited"] == 1);
    CHECK(s["visits"]["no_confirmed_reminder"]["no_show"] == 1);
    CHECK(s["staff"]["olga"] == Json{{"leads", 2}, {"open", 0}, {"breaches", 1}, {"median_reaction_ms", 15 * kMinute - 1'000}});
    CHECK(s["staff"]["vera"]["median_reaction_ms"] == 5 * kMinute);
    CHECK(s["lost_reasons"] == Json{{"дорого", 1}});
}

TEST_CASE("an empty period has zeros and nulls, not errors") {
    Json s = reports::summary({});
    CHECK(s["leads"]["total"] == 0);
    CHECK(s["first_response"]["median_ms"].is_null());
    CHECK(s["bookings"]["conversion"].is_null());
    CHECK(s["visits"]["no_show_rate"].is_null());
}
