// Handing a lead on when its assignee did not respond: someone else, on shift, under their cap,
// offering the lead's service, with the fewest open leads; nobody: the lead stays.
#include "fake_state.hpp"
#include "assignment/reassign.hpp"

#include <catch2/catch.hpp>

using namespace leadhub;
using namespace leadhub::assignment;
using leadhub::assignment::testing::FakeState;

namespace reassign_test {

constexpr int64_t kMonday1200Krasnoyarsk = 1'773'032'400'000;  // 2026-03-09T05:00:00Z
constexpr int64_t kMonday2300Krasnoyarsk = kMonday1200Krasnoyarsk + 11LL * 3600 * 1000;

config::StaffConfig person(std::string id, std::string name, std::vector<std::string> services, bool day_shift = false) {
    config::StaffConfig s;
    s.id = std::move(id);
    s.name = std::move(name);
    s.services = std::move(services);
    if (day_shift) s.shifts = {config::ShiftConfig{{0, 1, 2, 3, 4, 5, 6}, 9 * 60, 21 * 60}};
    return s;
}

config::TenantConfig salon() {
    config::TenantConfig t;
    t.id = "lilia";
    t.timezone = "Asia/Krasnoyarsk";
    t.services = {{"haircut", "Стрижка", {}}, {"manicure", "Маникюр", {}}};
    t.staff = {person("olga", "Ольга", {"haircut"}, true), person("irina", "Ирина", {"haircut", "manicure"}, true),
               person("anna", "Анна", {"manicure"}, true), person("vera", "Вера", {"haircut"}, true)};
    return t;
}

LeadFacts haircut() { return {"telegram", "tg", {"haircut"}, kMonday1200Krasnoyarsk}; }

}  // namespace reassign_test

namespace rt = reassign_test;

TEST_CASE("the lead goes to the least busy colleague who offers its service, never back to its holder") {
    FakeState state;
    state.open = {{"olga", 0}, {"irina", 3}, {"vera", 1}, {"anna", 0}};
    auto a = reassign(rt::salon(), rt::haircut(), "olga", rt::kMonday1200Krasnoyarsk, state);
    REQUIRE(a);
    CHECK(a->status == "assigned");
    CHECK(a->assignee == "vera");  // anna is freer but does no haircuts; olga holds it
    CHECK(a->reason == "передано Вера: Ольга не ответил(а) вовремя; на смене, открытых: 1");
}

TEST_CASE("off shift, absent or at their cap, a colleague is passed over; nobody left: nullopt") {
    config::TenantConfig t = rt::salon();
    FakeState state;
    state.open = {{"irina", 2}, {"vera", 0}};
    t.staff[3].max_open = 0;
    t.assignment.max_open = 2;  // irina is at her cap; vera has no cap of her own (0 = the tenant's: 2)
    auto a = reassign(t, rt::haircut(), "olga", rt::kMonday1200Krasnoyarsk, state);
    REQUIRE(a);
    CHECK(a->assignee == "vera");
    CHECK_FALSE(reassign(rt::salon(), rt::haircut(), "olga", rt::kMonday2300Krasnoyarsk, state));  // all off shift at 23:00
    t.staff[3].absences = {{"2026-03-09", "2026-03-09"}};
    CHECK_FALSE(reassign(t, rt::haircut(), "olga", rt::kMonday1200Krasnoyarsk, state));
}

TEST_CASE("a queued lead nobody held goes to whoever is free, and the reason says nobody took it") {
    FakeState state;
    auto a = reassign(rt::salon(), rt::haircut(), "", rt::kMonday1200Krasnoyarsk, state);
    REQUIRE(a);
    CHECK(a->assignee == "olga");  // everyone has 0 open: the first in order
    CHECK(a->reason == "передано Ольга: заявку никто не взял вовремя; на смене, открытых: 0");
}
