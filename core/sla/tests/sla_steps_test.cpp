// SLA timers when due: the breach recorded; a reminder to whoever is responsible; a notice to the
// roles a step names; a reassignment decided in the firing's transaction; texts from the config.
#include "sla/sla_steps.hpp"
#include "sla/staff_alerts.hpp"

#include <catch2/catch.hpp>

using namespace leadhub;
using namespace std::chrono_literals;
using Json = nlohmann::json;

namespace {

constexpr int64_t kMonday1200Moscow = 1'773'046'800'000;  // 2026-03-09T09:00:00Z

config::StaffConfig person(std::string id, std::string name, std::string role, std::string telegram) {
    config::StaffConfig s;
    s.id = std::move(id);
    s.name = std::move(name);
    s.role = std::move(role);
    s.contacts = {{"telegram", std::move(telegram)}};
    return s;
}

config::InstanceConfig instance(std::string name, config::InstanceKind kind, bool notifies = false) {
    config::InstanceConfig i;
    i.name = std::move(name);
    i.kind = kind;
    i.notifies = notifies;
    return i;
}

config::TenantConfig salon() {
    config::TenantConfig t;
    t.id = "salon";
    t.staff = {person("olga", "Ольга", "master", "101"), person("vera", "Вера", "senior", "102"),
               person("anna", "Анна", "owner", "103")};
    t.sources = {instance("site", config::InstanceKind::source), instance("bot", config::InstanceKind::source, true)};
    t.notifiers = {instance("sms", config::InstanceKind::notifier)};
    t.sla = config::default_sla();
    config::SlaStep senior;
    senior.action = config::SlaStep::Action::notify;
    senior.after = 30min;
    senior.to = {"senior", "owner"};
    config::SlaStep hand_on;
    hand_on.action = config::SlaStep::Action::reassign;
    hand_on.after = 45min;
    t.sla.hot.ladder.push_back(senior);
    t.sla.hot.ladder.push_back(hand_on);
    return t;
}

Json lead(Json assignee = nullptr) {
    return {{"id", 42},           {"name", "Анна"},       {"channel", "telegram"},       {"source", "bot"},
            {"services", {"manicure"}}, {"service_names", {"маникюр"}}, {"channel_title", "Telegram"},
            {"assignee", assignee}, {"assignee_name", assignee.is_null() ? Json(nullptr) : Json("Ольга")},
            {"offered_to", Json::array()}};
}

store::Timer timer(const std::string& purpose, int step) {
    store::Timer t;
    t.id = 7;
    t.lead_id = 42;
    t.purpose = purpose;
    t.payload = {{"tier", "hot"}, {"step", step}, {"after_ms", 900'000}};
    return t;
}

}  // namespace

TEST_CASE("the breach is recorded on the lead, nothing is sent") {
    auto f = sla::plan_sla_timer(salon(), lead("olga"), timer("sla:breach", 0), kMonday1200Moscow);
    REQUIRE(f.notes.size() == 1);
    CHECK(f.notes[0].kind == "sla_breach");
    CHECK(f.notes[0].detail == Json{{"tier", "hot"}, {"target_ms", 900'000}});
    CHECK(f.jobs.empty());
}

TEST_CASE("at 100 % the assignee is reminded through every instance that carries alerts") {
    auto f = sla::plan_sla_timer(salon(), lead("olga"), timer("sla:1", 1), kMonday1200Moscow);
    REQUIRE(f.jobs.size() == 2);  // the notifier and the bot that also notifies; never the web form
    CHECK(f.jobs[0].sink == "sms");
    CHECK(f.jobs[1].sink == "bot");
    const Json& p = f.jobs[0].payload;
    CHECK(p["event"] == "alert");
    CHECK(p["alert"] == "sla_reminder");
    CHECK(p["card"] == true);
    CHECK(p["text"] == "⏰ Заявка №42, Анна (маникюр) ждёт ответа уже 15 минут. Возьмите её в работу.");
    CHECK(p["to"] == Json::array({{{"id", "olga"}, {"name", "Ольга"}, {"contacts", {{"telegram", "101"}}}}}));
    REQUIRE(f.notes.size() == 1);
    CHECK(f.notes[0].kind == "sla_step");
    CHECK(f.notes[0].detail["action"] == "remind");
    CHECK(f.notes[0].detail["to"] == Json{"olga"});
}

TEST_CASE("a lead nobody holds reminds everyone on shift") {
    auto f = sla::plan_sla_timer(salon(), lead(), timer("sla:1", 1), kMonday1200Moscow);
    CHECK(f.jobs.at(0).payload["to"].size() == 3);  // nobody has shifts: everyone is on shift
}

TEST_CASE("a notify step tells the roles it names, with the tenant's own text") {
    config::TenantConfig t = salon();
    t.sla.texts["escalation"] = "Заявка {{lead_id}} без ответа {{waited}} ({{assignee_name|никто}})";
    t.sla.alerts_via = {"bot"};
    auto f = sla::plan_sla_timer(t, lead("olga"), timer("sla:2", 2), kMonday1200Moscow);
    REQUIRE(f.jobs.size() == 1);
    CHECK(f.jobs[0].payload["alert"] == "sla_escalation");
    CHECK(f.jobs[0].payload["text"] == "Заявка 42 без ответа 30 минут (Ольга)");
    CHECK(f.jobs[0].payload["to"].size() == 2);
    CHECK(f.jobs[0].payload["to"][0]["id"] == "vera");
    CHECK(f.jobs[0].payload["to"][1]["id"] == "anna");
}

TEST_CASE("a reassign step decides in the transaction and tells the new assignee") {
    const config::TenantConfig tenant = salon();  // the firing's callbacks point at it, as at the runner's
    auto f = sla::plan_sla_timer(tenant, lead("olga"), timer("sla:3", 3), kMonday1200Moscow);
    REQUIRE(f.reassign);
    CHECK(f.jobs.empty());
    struct NoneOpen : store::AssignmentState {
        int64_t open_leads(const std::string&) override { return 0; }
        std::optional<std::string> previous_owner() override { return std::nullopt; }
        std::optional<std::string> get(const std::string&) override { return std::nullopt; }
        void put(const std::string&, const std::string&) override {}
    } state;
    auto decided = f.reassign->decide(state, "olga");
    REQUIRE(decided);
    CHECK(decided->assignee == "vera");
    auto tell = f.reassign->tell(*decided);
    REQUIRE(tell.size() == 2);
    CHECK(tell[0].payload["alert"] == "reassigned");
    CHECK(tell[0].payload["text"] ==
          "👉 Вам передана заявка №42, Анна (маникюр): Ольга не ответил(а) за 45 минут. Ответьте клиенту.");
    CHECK(tell[0].payload["to"][0]["id"] == "vera");
}

TEST_CASE("a step the config no longer has is recorded as skipped; an unknown purpose throws") {
    auto f = sla::plan_sla_timer(salon(), lead("olga"), timer("sla:9", 9), kMonday1200Moscow);
    REQUIRE(f.notes.size() == 1);
    CHECK(f.notes[0].detail["skipped"] == "the step is no longer in the config");
    CHECK_THROWS_WITH(sla::plan_sla_timer(salon(), lead(), timer("remind:24h", 0), kMonday1200Moscow),
                      "no SLA rule for a timer of purpose 'remind:24h'");
}
