// The whole pipeline on a real store: understanding, scores, routes that see them, contacts,
// conversations and assignment, all stored with the message.
#include "pipeline/ingest.hpp"
#include "pipeline/understanding.hpp"
#include "pipeline_support.hpp"

#include <catch2/catch.hpp>

#include <map>

using namespace leadhub;
using namespace leadhub::pipeline;

namespace {

constexpr int64_t kMonday1200Krasnoyarsk = 1'773'032'400'000;  // 2026-03-09T05:00:00Z
constexpr int64_t kHour = 3'600'000;

config::InstanceConfig target(std::string name, config::InstanceKind kind) {
    config::InstanceConfig i;
    i.name = std::move(name);
    i.kind = kind;
    return i;
}

// The salon: every lead to crm and staff-bot, a hot booking (score 80+) also to hot-sheet.
config::TenantConfig tenant_with_hot_route() {
    auto t = testing::salon_tenant();
    t.sources = {target("tg", config::InstanceKind::source)};
    t.sinks = {target("crm", config::InstanceKind::sink), target("hot-sheet", config::InstanceKind::sink)};
    t.notifiers = {target("staff-bot", config::InstanceKind::notifier)};
    config::RouteConfig all;
    all.from_any = true;
    all.to = {"crm", "staff-bot"};
    config::RouteConfig hot;
    hot.from_any = true;
    hot.to = {"hot-sheet"};
    hot.when.min_score = 80;
    hot.when.intents = {"book"};
    t.routes = {all, hot};
    return t;
}

sdk::Message telegram(std::string id, std::string text) {
    sdk::Message m;
    m.channel = "telegram";
    m.external_user_id = "5550001";
    m.external_message_id = std::move(id);
    m.text = std::move(text);
    return m;
}

}  // namespace

TEST_CASE("local time for the understander carries the tenant's offset") {
    CHECK(local_iso8601(kMonday1200Krasnoyarsk, "Asia/Krasnoyarsk") == "2026-03-09T12:00:00+07:00");
    CHECK(local_iso8601(kMonday1200Krasnoyarsk + 61'000, "Europe/Moscow") == "2026-03-09T08:01:01+03:00");
    // A zone the system does not know is read as UTC (Europe/Berlin was one before real zones).
    CHECK(local_iso8601(kMonday1200Krasnoyarsk, "Mars/Olympus") == "2026-03-09T05:00:00Z");
    CHECK(local_iso8601(kMonday1200Krasnoyarsk, "Europe/Berlin") == "2026-03-09T06:00:00+01:00");
}

TEST_CASE("a message is read, scored and routed by what it says") {
    testing::TempDir dir;
    store::StoreOptions options;
    options.path = dir.file("leadhub.db");
    auto store = store::Store::open(options);
    auto tenant = tenant_with_hot_route();

    auto hot = ingest(*store, tenant, "tg", {telegram("1", "Хочу записаться на маникюр завтра в 15:00, Анна")},
                      kMonday1200Krasnoyarsk);
    REQUIRE(hot.lead_ids.size() == 1);
    CHECK(hot.new_leads == 1);
    CHECK(hot.jobs == 3);  // crm, staff-bot and, being hot, hot-sheet
    auto lead = store->lead(hot.lead_ids[0]);
    REQUIRE(lead);
    CHECK(lead->reading.intent == "book");
    CHECK(lead->reading.services == std::vector<std::string>{"manicure"});
    CHECK(lead->reading.date == "2026-03-10");  // "завтра" on Monday in Krasnoyarsk
    CHECK(lead->reading.time == "15:00");
    CHECK(lead->reading.score == "hot");
    CHECK(lead->name == "Анна");
    nlohmann::json j = lead->to_json();
    CHECK(j["score"] == "hot");
    CHECK(j["intent"] == "book");
    CHECK(j["contact_id"] == lead->contact_id);
    CHECK(j["assignee"].is_null());  // the tenant has no assignment rules

    auto question = ingest(*store, tenant, "tg", {[] {
                                                      sdk::Message m = telegram("2", "Сколько стоит стрижка?");
                                                      m.external_user_id = "999";
                                                      return m;
                                                  }()},
                           kMonday1200Krasnoyarsk);
    CHECK(question.jobs == 2);  // warm: not for the hot sheet
    CHECK(store->lead(question.lead_ids[0])->reading.score == "warm");
}

TEST_CASE("a conversation of several messages makes one lead, jobs only for the first") {
    testing::TempDir dir;
    store::StoreOptions options;
    options.path = dir.file("leadhub.db");
    auto store = store::Store::open(options);
    auto tenant = tenant_with_hot_route();
    tenant.conversation.window = std::chrono::hours(2);

    auto first = ingest(*store, tenant, "tg", {telegram("1", "Здравствуйте! Сколько стоит стрижка?")}, kMonday1200Krasnoyarsk);
    auto second = ingest(*store, tenant, "tg", {telegram("2", "Запишите меня на пятницу в 18:00")},
                         kMonday1200Krasnoyarsk + kHour);
    auto third = ingest(*store, tenant, "tg", {telegram("3", "мой номер 8 913 123 45 67")},
                        kMonday1200Krasnoyarsk + 2 * kHour);
    auto repeat = ingest(*store, tenant, "tg", {telegram("3", "мой номер 8 913 123 45 67")},
                         kMonday1200Krasnoyarsk + 2 * kHour);
    CHECK(first.new_leads == 1);
    CHECK(second.new_leads == 0);
    CHECK(third.new_leads == 0);
    CHECK(repeat.duplicates == 1);
    CHECK(second.jobs == 0);
    CHECK(third.jobs == 0);
    REQUIRE(second.lead_ids == first.lead_ids);
    REQUIRE(third.lead_ids == first.lead_ids);

    auto lead = store->lead(first.lead_ids[0]);
    REQUIRE(lead);
    CHECK(lead->message_count == 3);
    CHECK(lead->reading.intent == "book");
    CHECK(lead->reading.services == std::vector<std::string>{"haircut"});
    CHECK(lead->reading.date == "2026-03-13");
    CHECK(lead->reading.time == "18:00");
    CHECK(lead->reading.score == "hot");
    CHECK(lead->phone == "+79131234567");  // found in the text of the third message
    CHECK(store->lead_messages(lead->id).size() == 3);
    // The phone became an identity of the same contact.
    auto by_phone = store->find_contacts("lilia", {"phone", "+79131234567"});
    REQUIRE(by_phone.size() == 1);
    CHECK(by_phone[0].id == lead->contact_id);

    auto later = ingest(*store, tenant, "tg", {telegram("4", "А можно ещё маникюр?")}, kMonday1200Krasnoyarsk + 5 * kHour);
    CHECK(later.new_leads == 1);  // past the tenant's 2h window
    CHECK(later.lead_ids != first.lead_ids);

    // With conversations turned off, every message is a lead of its own (and gets its jobs).
    tenant.conversation.enabled = false;
    auto separate = ingest(*store, tenant, "tg", {telegram("5", "И педикюр тоже")}, kMonday1200Krasnoyarsk + 5 * kHour);
    CHECK(separate.new_leads == 1);
    CHECK(separate.jobs == 2);
    CHECK(separate.lead_ids != later.lead_ids);
    CHECK(store->lead(separate.lead_ids[0])->contact_id == store->lead(later.lead_ids[0])->contact_id);
}

TEST_CASE("assignment runs for a new lead with the facts of the pipeline") {
    testing::TempDir dir;
    store::StoreOptions options;
    options.path = dir.file("leadhub.db");
    auto store = store::Store::open(options);
    auto tenant = tenant_with_hot_route();
    config::StaffConfig olga;
    olga.id = "olga";
    olga.name = "Ольга";
    olga.services = {"haircut"};
    olga.shifts.push_back({{0}, 10 * 60, 1440});  // Monday 10:00 to midnight, Krasnoyarsk time
    config::StaffConfig irina;
    irina.id = "irina";
    irina.name = "Ирина";
    irina.services = {"manicure"};
    tenant.staff = {olga, irina};
    tenant.assignment.enabled = true;
    tenant.assignment.fallback = "irina";

    auto day = ingest(*store, tenant, "tg", {telegram("1", "хочу подстричься")}, kMonday1200Krasnoyarsk);
    auto lead = store->lead(day.lead_ids[0]);
    REQUIRE(lead->assignment);
    CHECK(lead->assignment->assignee == "olga");
    CHECK(lead->assignment->reason == "Стрижка → Ольга: на смене, открытых: 0, по очереди");
    nlohmann::json j = lead->to_json();
    CHECK(j["assignee"] == "olga");
    CHECK(j["assignment_reason"] == lead->assignment->reason);

    // Midnight in Krasnoyarsk: Olga's shift is over, the fallback takes it.
    sdk::Message night = telegram("2", "хочу подстричься");
    night.external_user_id = "777";
    auto late = ingest(*store, tenant, "tg", {night}, kMonday1200Krasnoyarsk + 12 * kHour);
    auto late_lead = store->lead(late.lead_ids[0]);
    CHECK(late_lead->assignment->assignee == "irina");
    CHECK(late_lead->assignment->reason == "Стрижка → Ирина: никого нет на смене, передано старшему (открытых: 0)");
}

TEST_CASE("a missed call scores hot and is marked to call back; an answered one is scored as usual") {
    testing::TempDir dir;
    store::StoreOptions options;
    options.path = dir.file("leadhub.db");
    auto store = store::Store::open(options);
    auto tenant = tenant_with_hot_route();
    auto call = [](std::string id, std::string phone, bool missed) {
        sdk::Message m;
        m.channel = "call";
        m.external_user_id = phone;
        m.phone = phone;
        m.external_message_id = std::move(id);
        m.extra = {{"call", {{"provider", "zadarma"}, {"direction", "in"}, {"missed", missed}, {"duration_sec", missed ? 0 : 95}}}};
        return m;
    };
    auto missed = ingest(*store, tenant, "tg", {call("c1", "+79161234567", true)}, kMonday1200Krasnoyarsk);
    auto lead = store->lead(missed.lead_ids.at(0));
    REQUIRE(lead);
    CHECK(lead->reading.score == "hot");
    CHECK(lead->extra["call_back"] == true);
    CHECK(lead->extra["call"]["missed"] == true);

    auto answered = ingest(*store, tenant, "tg", {call("c2", "+79161234568", false)}, kMonday1200Krasnoyarsk);
    auto talked = store->lead(answered.lead_ids.at(0));
    REQUIRE(talked);
    CHECK(talked->reading.score != "hot");
    CHECK_FALSE(talked->extra.contains("call_back"));
}

TEST_CASE("the business's echo is recorded on the conversation, not read, routed or scored") {
    testing::TempDir dir;
    store::StoreOptions options;
    options.path = dir.file("leadhub.db");
    auto store = store::Store::open(options);
    auto tenant = tenant_with_hot_route();
    auto first = ingest(*store, tenant, "tg", {telegram("1", "Сколько стоит стрижка?")}, kMonday1200Krasnoyarsk);
    sdk::Message echo = telegram("2", "Хочу записаться на маникюр завтра в 15:00");  // would be hot from a customer
    echo.event = sdk::MessageEvent::business_message;
    auto second = ingest(*store, tenant, "tg", {echo}, kMonday1200Krasnoyarsk + 60'000);
    CHECK(second.new_leads == 0);
    CHECK(second.jobs == 0);
    auto lead = store->lead(first.lead_ids.at(0));
    REQUIRE(lead);
    CHECK(lead->reading.score == "warm");  // the business's words did not make it hot
    CHECK(lead->reading.intent == "question");
    auto messages = store->lead_messages(lead->id);
    REQUIRE(messages.size() == 2);
    CHECK(messages[1].kind == "business");
}

TEST_CASE("a later message goes to the sinks that follow leads and, as a notice, to the bot that showed the card") {
    testing::TempDir dir;
    store::StoreOptions options;
    options.path = dir.file("leadhub.db");
    auto store = store::Store::open(options);
    auto tenant = testing::salon_tenant();
    config::InstanceConfig bot = target("tg", config::InstanceKind::source);
    bot.notifies = true;  // a Telegram bot: customers write to it, cards go to its staff chat
    config::InstanceConfig other_bot = target("tg-other", config::InstanceKind::source);
    other_bot.notifies = true;  // never sent this lead's card
    config::InstanceConfig crm = target("crm", config::InstanceKind::sink);
    crm.lead_updates = true;
    tenant.sources = {bot, other_bot, target("site", config::InstanceKind::source)};
    tenant.sinks = {crm, target("sheet", config::InstanceKind::sink)};
    config::RouteConfig all;
    all.from_any = true;
    all.to = {"crm", "sheet", "tg"};
    tenant.routes = {all};

    auto first = ingest(*store, tenant, "tg", {telegram("1", "Сколько стоит стрижка?")}, kMonday1200Krasnoyarsk);
    REQUIRE(first.jobs == 3);  // crm, sheet, and the card to tg
    auto second = ingest(*store, tenant, "tg", {telegram("2", "А на завтра <есть> время?")}, kMonday1200Krasnoyarsk + 60'000);
    REQUIRE(second.lead_ids == first.lead_ids);
    CHECK(second.jobs == 2);  // crm follows leads; tg has the card; sheet and tg-other have nothing to follow

    std::map<std::string, store::Job> updates;
    for (const auto& job : store->due_jobs(kMonday1200Krasnoyarsk + kHour, 100))
        if (job.payload.value("event", "") == "message_added") updates[job.sink] = job;
    REQUIRE(updates.size() == 2);
    CHECK(updates.at("crm").kind == "lead");
    CHECK(updates.at("tg").kind == "notice");
    const auto expected = nlohmann::json::parse(R"({"event": "message_added", "message":
        {"at": "2026-03-09T05:01:00.000Z", "kind": "customer", "author": null, "text": "А на завтра <есть> время?"}})");
    CHECK(updates.at("tg").payload == expected);
    CHECK(updates.at("crm").payload == expected);  // the same words for both
}
