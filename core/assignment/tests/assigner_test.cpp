// Assignment decisions on a fake state: rules, service, returning customers, shifts, caps,
// strategies and the fallback, each with its reason.
#include "fake_state.hpp"
#include "assignment/assigner.hpp"

#include <catch2/catch.hpp>

#include <map>

using namespace leadhub;
using namespace leadhub::assignment;
using leadhub::assignment::testing::FakeState;

namespace {

constexpr int64_t kMonday1200Krasnoyarsk = 1'773'032'400'000;  // 2026-03-09T05:00:00Z

config::StaffConfig person(std::string id, std::string name, std::vector<std::string> services = {}) {
    config::StaffConfig s;
    s.id = std::move(id);
    s.name = std::move(name);
    s.services = std::move(services);
    return s;
}

config::TenantConfig salon() {
    config::TenantConfig t;
    t.id = "lilia";
    t.timezone = "Asia/Krasnoyarsk";
    t.services = {{"haircut", "Стрижка", {}}, {"manicure", "Маникюр", {}}};
    t.staff = {person("olga", "Ольга", {"haircut"}), person("irina", "Ирина", {"haircut", "manicure"}),
               person("anna", "Анна", {"manicure"})};
    t.assignment.enabled = true;
    return t;
}

LeadFacts lead(std::vector<std::string> services = {}, std::string channel = "telegram") {
    return {std::move(channel), "tg", std::move(services), kMonday1200Krasnoyarsk};
}

}  // namespace

TEST_CASE("round robin is fair over 1,000 leads and remembers its turn in the state") {
    auto tenant = salon();
    FakeState state;
    std::map<std::string, int> count;
    std::vector<std::string> first_six;
    for (int i = 0; i < 1000; ++i) {
        auto a = assign(tenant, lead(), state);
        REQUIRE(a.status == "assigned");
        ++count[a.assignee];
        if (first_six.size() < 6) first_six.push_back(a.assignee);
    }
    CHECK(count["olga"] == 334);
    CHECK(count["irina"] == 333);
    CHECK(count["anna"] == 333);
    CHECK(first_six == std::vector<std::string>{"olga", "irina", "anna", "olga", "irina", "anna"});
    CHECK(state.values.at("round_robin") == "olga");  // the 1,000th lead
}

TEST_CASE("round robin skips someone off shift but keeps their place in the circle") {
    auto tenant = salon();
    tenant.staff[1].shifts.push_back({{5, 6}, 10 * 60, 18 * 60});  // irina works weekends only
    FakeState state;
    state.values["round_robin"] = "olga";
    auto a = assign(tenant, lead(), state);
    CHECK(a.assignee == "anna");
    CHECK(assign(tenant, lead(), state).assignee == "olga");
}

TEST_CASE("the reason says who, why and the facts, in Russian") {
    auto tenant = salon();
    tenant.staff[0].shifts.push_back({{0, 1, 2, 3, 4}, 10 * 60, 22 * 60});
    FakeState state;
    state.open["olga"] = 2;
    auto a = assign(tenant, lead({"haircut"}), state);
    CHECK(a.assignee == "olga");
    CHECK(a.reason == "Стрижка → Ольга: на смене, открытых: 2, по очереди");
}

TEST_CASE("by service: only staff who do the service are candidates") {
    auto tenant = salon();
    FakeState state;
    for (int i = 0; i < 4; ++i) {
        auto a = assign(tenant, lead({"manicure"}), state);
        CHECK((a.assignee == "irina" || a.assignee == "anna"));
    }
    tenant.assignment.by_service = false;
    std::map<std::string, int> count;
    for (int i = 0; i < 3; ++i) ++count[assign(tenant, lead({"manicure"}), state).assignee];
    CHECK(count.size() == 3);
}

TEST_CASE("a cap of open leads is respected, and when everyone is at it the lead is queued") {
    auto tenant = salon();
    tenant.assignment.max_open = 2;
    tenant.assignment.strategy = config::AssignStrategy::least_open;
    FakeState state;
    state.open = {{"olga", 2}, {"irina", 1}, {"anna", 0}};
    auto first = assign(tenant, lead({"haircut"}), state);  // olga is at her cap
    CHECK(first.assignee == "irina");
    CHECK(first.reason == "Стрижка → Ирина: без графика, открытых: 1 из 2, меньше всех открытых");

    state.open["irina"] = 2;
    auto capped = assign(tenant, lead({"haircut"}), state);
    CHECK(capped.status == "queued");
    CHECK(capped.assignee.empty());
    CHECK(capped.reason == "Стрижка → в очередь: у всех предел открытых заявок");

    tenant.staff[1].max_open = 5;  // a personal cap beats the tenant's
    CHECK(assign(tenant, lead({"haircut"}), state).assignee == "irina");
}

TEST_CASE("nobody on shift: the fallback takes it, a senior or the queue") {
    auto tenant = salon();
    for (auto& s : tenant.staff) s.shifts.push_back({{5, 6}, 10 * 60, 18 * 60});  // weekends only
    tenant.staff.push_back(person("boss", "Марина"));
    tenant.staff.back().shifts.push_back({{6}, 10 * 60, 11 * 60});
    tenant.assignment.rules.push_back({{}, {}, {}, {"olga", "irina", "anna"}, std::nullopt, {}, {}});
    FakeState state;
    auto queued = assign(tenant, lead(), state);
    CHECK(queued.status == "queued");
    CHECK(queued.reason == "telegram → в очередь: никого нет на смене");

    tenant.assignment.fallback = "boss";
    auto senior = assign(tenant, lead(), state);
    CHECK(senior.status == "assigned");
    CHECK(senior.assignee == "boss");  // off shift too, but the senior takes what nobody can
    CHECK(senior.reason == "telegram → Марина: никого нет на смене, передано старшему (открытых: 0)");

    tenant.assignment.on_shift_only = false;
    CHECK(assign(tenant, lead(), state).assignee != "boss");
}

TEST_CASE("an absence makes a person unavailable on those dates") {
    auto tenant = salon();
    tenant.staff[0].absences.push_back({"2026-03-09", "2026-03-09"});
    tenant.assignment.strategy = config::AssignStrategy::fixed;
    tenant.assignment.fixed = "olga";
    FakeState state;
    auto a = assign(tenant, lead(), state);
    CHECK(a.status == "queued");
    tenant.staff[0].absences[0] = {"2026-03-10", "2026-03-12"};
    CHECK(assign(tenant, lead(), state).assignee == "olga");
}

TEST_CASE("the first matching rule picks the candidates and the strategy") {
    auto tenant = salon();
    config::AssignmentRule by_channel;
    by_channel.channels = {"webform"};
    by_channel.staff = {"anna"};
    by_channel.strategy = config::AssignStrategy::fixed;
    by_channel.fixed = "anna";
    config::AssignmentRule by_source;
    by_source.sources = {"tg"};
    by_source.staff = {"irina"};
    tenant.assignment.rules = {by_channel, by_source};
    FakeState state;
    auto from_site = assign(tenant, lead({}, "webform"), state);
    CHECK(from_site.assignee == "anna");
    CHECK(from_site.reason == "webform → Анна: без графика, открытых: 0, закреплён(а) правилом");
    CHECK(assign(tenant, lead({}, "telegram"), state).assignee == "irina");
    CHECK(state.values.count("round_robin:rule2") == 1);
}

TEST_CASE("a returning customer goes back to the previous owner while they are available") {
    auto tenant = salon();
    FakeState state;
    state.owner = "anna";
    auto a = assign(tenant, lead({"haircut"}), state);
    CHECK(a.assignee == "anna");
    CHECK(a.reason == "Стрижка → Анна: без графика, открытых: 0, постоянный клиент, прежний ответственный");
    tenant.assignment.max_open = 1;
    state.open["anna"] = 1;
    CHECK(assign(tenant, lead({"haircut"}), state).assignee != "anna");
    tenant.assignment.returning_to_owner = false;
    state.open["anna"] = 0;
    CHECK(assign(tenant, lead({"haircut"}), state).assignee != "anna");
}

TEST_CASE("offer_all offers to everyone available and assigns nobody yet") {
    auto tenant = salon();
    tenant.assignment.strategy = config::AssignStrategy::offer_all;
    tenant.assignment.returning_to_owner = false;
    FakeState state;
    auto a = assign(tenant, lead({"manicure"}), state);
    CHECK(a.status == "offered");
    CHECK(a.assignee.empty());
    CHECK(a.offered_to == std::vector<std::string>{"irina", "anna"});
    CHECK(a.reason == "Маникюр → предложено: Ирина, Анна (кто первый возьмёт)");
}

TEST_CASE("a tenant in Europe/Berlin gets the person on shift by Berlin's clocks, summer time included") {
    auto tenant = salon();
    tenant.timezone = "Europe/Berlin";
    tenant.assignment.strategy = config::AssignStrategy::fixed;
    tenant.assignment.fixed = "olga";
    tenant.staff[0].shifts.push_back({{6}, 1 * 60, 5 * 60});  // Sunday 01:00-05:00
    FakeState state;
    // On 2026-03-29 the clocks jump from 02:00 to 03:00 at 01:00 UTC: 05:00 comes at 03:00 UTC.
    auto at = [&](int64_t utc_ms) { return assign(tenant, {"telegram", "tg", {}, utc_ms}, state).status; };
    constexpr int64_t kSunday0000Utc = 1'774'742'400'000;  // 2026-03-29T00:00:00Z, 01:00 in Berlin
    constexpr int64_t kHour = 3'600'000;
    CHECK(at(kSunday0000Utc - 60'000) == "queued");      // 00:59 CET
    CHECK(at(kSunday0000Utc) == "assigned");             // 01:00 CET
    CHECK(at(kSunday0000Utc + 3 * kHour - 60'000) == "assigned");  // 04:59 CEST
    CHECK(at(kSunday0000Utc + 3 * kHour) == "queued");   // 05:00 CEST
}
