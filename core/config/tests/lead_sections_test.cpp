// The tenant's conversation, scoring and assignment sections, and staff shifts and absences:
// good values read exactly, bad ones reported at their position.
#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace leadhub::config;
using namespace leadhub::config::testing;
using namespace std::chrono_literals;

namespace {

// Lines 1-14; tests append irina's or the tenant's keys from line 15 on.
const std::string kTenantWithStaff = R"(version: 1
admin: {enabled: false}
tenants:
  - id: lilia
    timezone: Asia/Krasnoyarsk
    services:
      - {id: haircut, name: Стрижка}
      - {id: manicure, name: Маникюр}
    sources: [{name: site, plugin: webform, options: {token: t}}]
    staff:
      - {id: olga, name: Ольга, services: [haircut]}
      - id: irina
        name: Ирина
        services: [manicure]
)";

}  // namespace

TEST_CASE("without the new sections a tenant gets the defaults") {
    TempDir dir;
    LoadResult result = load_text(dir, kTenantWithStaff);
    INFO(result.error_text());
    REQUIRE(result.ok());
    const TenantConfig& t = result.config->tenants[0];
    CHECK(t.conversation.window == 24h);
    CHECK(t.conversation.enabled);
    CHECK_FALSE(t.assignment.enabled);
    REQUIRE(t.scoring.hot.size() == 2);
    CHECK(t.scoring.hot[0].intents == std::vector<std::string>{"book", "reschedule"});
    CHECK(t.scoring.hot[0].has_date == true);
    CHECK(t.scoring.hot[1].urgent == true);
    REQUIRE(t.scoring.warm.size() == 2);
    CHECK(t.scoring.hot_points == 90);
    CHECK(t.scoring.warm_points == 60);
    CHECK(t.scoring.cold_points == 20);
    CHECK(t.staff[0].shifts.empty());
}

TEST_CASE("conversation, scoring, assignment and shifts read every value") {
    TempDir dir;
    std::string yaml = kTenantWithStaff + R"(        shifts:
          - {days: [mon, tue], from: "10:00", to: "22:00"}
          - {days: fri, from: "22:00", to: "06:00"}
        absences: [{from: 2026-03-08, to: 2026-03-10}, {from: 2026-04-01}]
        max_open: 3
    conversation: {window: 2h, enabled: no}
    scoring:
      hot: [{intent: complaint}]
      points: {hot: 95, warm: 50, cold: 5}
    assignment:
      strategy: least_open
      max_open: 5
      fallback: olga
      on_shift_only: false
      rules:
        - when: {service: [haircut], channel: telegram, source: site}
          staff: [olga]
          strategy: fixed
          fixed: olga
)";
    LoadResult result = load_text(dir, yaml);
    INFO(result.error_text());
    REQUIRE(result.ok());
    const TenantConfig& t = result.config->tenants[0];
    const StaffConfig& irina = t.staff[1];
    REQUIRE(irina.shifts.size() == 2);
    CHECK(irina.shifts[0].days == std::vector<int>{0, 1});
    CHECK(irina.shifts[0].from_minute == 600);
    CHECK(irina.shifts[0].to_minute == 1320);
    CHECK(irina.shifts[1].days == std::vector<int>{4});
    CHECK(irina.shifts[1].to_minute == 360);
    REQUIRE(irina.absences.size() == 2);
    CHECK(irina.absences[0].to == "2026-03-10");
    CHECK(irina.absences[1].to == "2026-04-01");  // one day when `to` is left out
    CHECK(irina.max_open == 3);
    CHECK(t.conversation.window == 2h);
    CHECK_FALSE(t.conversation.enabled);
    REQUIRE(t.scoring.hot.size() == 1);
    CHECK(t.scoring.hot[0].intents == std::vector<std::string>{"complaint"});
    CHECK(t.scoring.warm.size() == 2);  // not written: the default stays
    CHECK(t.scoring.hot_points == 95);
    CHECK(t.scoring.cold_points == 5);
    const AssignmentConfig& a = t.assignment;
    CHECK(a.enabled);
    CHECK(a.strategy == AssignStrategy::least_open);
    CHECK(a.max_open == 5);
    CHECK(a.fallback == "olga");
    CHECK_FALSE(a.on_shift_only);
    CHECK(a.returning_to_owner);
    REQUIRE(a.rules.size() == 1);
    CHECK(a.rules[0].services == std::vector<std::string>{"haircut"});
    CHECK(a.rules[0].channels == std::vector<std::string>{"telegram"});
    CHECK(a.rules[0].sources == std::vector<std::string>{"site"});
    CHECK(a.rules[0].strategy == AssignStrategy::fixed);
    CHECK(a.rules[0].fixed == "olga");
    CHECK(std::string(to_string(AssignStrategy::offer_all)) == "offer_all");
}

TEST_CASE("bad shifts and absences are reported where they are written") {
    TempDir dir;
    std::string yaml = kTenantWithStaff + R"(        shifts:
          - {days: [mon, tuesday], from: "25:00", to: "22:00"}
          - {days: [sun], from: "09:00", to: "09:00"}
        absences: [{from: 2026-13-01}, {from: 2026-03-10, to: 2026-03-01}]
)";
    LoadResult result = load_text(dir, yaml);
    REQUIRE_FALSE(result.ok());
    INFO(result.error_text());
    CHECK(has_error(result, 16, 26, "unknown day 'tuesday'"));
    CHECK(has_error(result, 16, 42, "'25:00' is not a time of day"));
    CHECK(has_error(result, 17, 46, "must not start and end at the same time"));
    CHECK(has_error(result, 18, 27, "'2026-13-01' is not a date"));
    CHECK(has_error(result, 18, 63, "must not end (2026-03-01) before it starts (2026-03-10)"));
}

TEST_CASE("bad assignment and scoring values name what is allowed") {
    TempDir dir;
    std::string yaml = kTenantWithStaff + R"(    conversation: {window: forever}
    scoring:
      warm: [{intent: [bok]}]
      points: {hot: 10, warm: 50}
    assignment:
      strategy: random
      fallback: anna
      rules:
        - {when: {service: [nails]}, staff: [olgа], strategy: fixed}
)";
    LoadResult result = load_text(dir, yaml);
    REQUIRE_FALSE(result.ok());
    INFO(result.error_text());
    CHECK(has_error(result, 15, 28, "'forever' is not a duration"));
    CHECK(has_error(result, 17, 24, "unknown intent 'bok' (did you mean 'book'?)"));
    CHECK(has_error(result, 18, 15, "points must keep hot >= warm >= cold"));
    CHECK(has_error(result, 20, 17, "unknown strategy 'random'"));
    CHECK(has_error(result, 21, 17, "fallback 'anna' is neither 'queue' nor a staff id"));
    CHECK(has_error(result, 23, 29, "unknown service 'nails'"));
    CHECK(has_error(result, 23, 46, "unknown staff id 'olgа'"));
    CHECK(has_error(result, 23, 11, "strategy fixed needs 'fixed: <staff id>'"));
}

TEST_CASE("a shift may cover the whole day, from 00:00 to 24:00") {
    TempDir dir;
    LoadResult result = load_text(dir, kTenantWithStaff + "        shifts: [{days: [sat, sun], from: \"00:00\", to: \"24:00\"}]\n");
    INFO(result.error_text());
    REQUIRE(result.ok());
    const auto& shift = result.config->tenants[0].staff[1].shifts.at(0);
    CHECK(shift.from_minute == 0);
    CHECK(shift.to_minute == 1440);
}

TEST_CASE("shifts are read in any zone of the time-zone database, daylight saving time included") {
    TempDir dir;
    std::string yaml = kTenantWithStaff + "        shifts: [{days: [mon], from: \"10:00\", to: \"18:00\"}]\n";
    std::string berlin = yaml;
    berlin.replace(berlin.find("Asia/Krasnoyarsk"), 16, "Europe/Berlin");
    LoadResult result = load_text(dir, berlin);
    INFO(result.error_text());
    REQUIRE(result.ok());
    CHECK(result.config->tenants[0].timezone == "Europe/Berlin");
    CHECK(result.config->tenants[0].staff[1].shifts.size() == 1);
    CHECK(load_text(dir, yaml).ok());
}

TEST_CASE("assignment without staff is an error") {
    TempDir dir;
    LoadResult result = load_text(dir, "version: 1\nadmin: {enabled: false}\ntenants:\n  - id: x\n    assignment: {strategy: round_robin}\n");
    REQUIRE_FALSE(result.ok());
    CHECK(has_error(result, 5, 17, "assignment needs at least one person under 'staff'"));
}
