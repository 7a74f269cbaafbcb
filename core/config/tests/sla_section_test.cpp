// The tenant's `sla` section: defaults, every form read exactly, each mistake at its position.
#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace leadhub::config;
using namespace leadhub::config::testing;
using namespace std::chrono_literals;

namespace {

// Lines 1-15; tests append the tenant's keys from line 16 on (4 spaces of indent).
const std::string kTenant = R"(version: 1
admin: {enabled: false}
tenants:
  - id: lilia
    sources:
      - {name: site, plugin: webform, options: {token: t}}
      - {name: bot, plugin: telegram, options: {bot_token: b}}
    sinks:
      - {name: crm, plugin: http, options: {url: "http://127.0.0.1:1/x"}}
    notifiers:
      - {name: staff_tg, plugin: telegram, options: {bot_token: c}}
    staff:
      - {id: olga, name: Ольга}
      - {id: vera, name: Вера, role: senior}
      - {id: anna, name: Анна, role: owner}
)";

}  // namespace

TEST_CASE("without an sla section: hot 15 minutes, warm 60, cold none, each reminding the assignee at its target") {
    TempDir dir;
    LoadResult result = load_text(dir, kTenant);
    INFO(result.error_text());
    REQUIRE(result.ok());
    const SlaConfig& sla = result.config->tenants[0].sla;
    CHECK(sla.enabled);
    CHECK(sla.hot.target == 15min);
    CHECK(sla.warm.target == 60min);
    CHECK_FALSE(sla.cold.target);
    REQUIRE(sla.hot.ladder.size() == 1);
    CHECK(sla.hot.ladder[0].action == SlaStep::Action::remind);
    CHECK(sla.hot.ladder[0].percent == 100);
    CHECK(sla.alerts_via.empty());
    CHECK(sla.tier("warm") == &sla.warm);
    CHECK(sla.tier("unscored") == nullptr);
}

TEST_CASE("an escalation ladder is read step by step") {
    TempDir dir;
    LoadResult result = load_text(dir, kTenant + R"(    sla:
      hot:
        target: 15m
        ladder:
          - {at: 100%, remind: assignee}
          - {at: 30m, notify: [senior]}
          - {at: 45m, reassign: true}
          - {at: 60m, notify: [owner, olga]}
      warm: 2h
      cold: none
      alerts_via: [staff_tg, bot]
      texts: {reminder: "Заявка {{lead_id}} ждёт {{waited}}"}
)");
    INFO(result.error_text());
    REQUIRE(result.ok());
    const SlaConfig& sla = result.config->tenants[0].sla;
    REQUIRE(sla.hot.ladder.size() == 4);
    CHECK(sla.hot.ladder[1].action == SlaStep::Action::notify);
    CHECK(sla.hot.ladder[1].after == 30min);
    CHECK(sla.hot.ladder[1].percent == 0);
    CHECK(sla.hot.ladder[1].to == std::vector<std::string>{"senior"});
    CHECK(sla.hot.ladder[2].action == SlaStep::Action::reassign);
    CHECK(sla.hot.ladder[3].to == std::vector<std::string>{"owner", "olga"});
    CHECK(sla.warm.target == 2h);
    CHECK(sla.warm.ladder.size() == 1);  // the shorthand keeps the default ladder
    CHECK_FALSE(sla.cold.target);
    CHECK(sla.alerts_via == std::vector<std::string>{"staff_tg", "bot"});
    CHECK(sla.texts.at("reminder") == "Заявка {{lead_id}} ждёт {{waited}}");
}

TEST_CASE("sla: off turns the clocks off") {
    TempDir dir;
    LoadResult result = load_text(dir, kTenant + "    sla: off\n");
    INFO(result.error_text());
    REQUIRE(result.ok());
    CHECK_FALSE(result.config->tenants[0].sla.enabled);
}

TEST_CASE("each mistake in the sla section is reported at its position") {
    TempDir dir;
    SECTION("a step at a share that is not one") {
        LoadResult r = load_text(dir, kTenant + "    sla: {hot: {target: 15m, ladder: [{at: 150, remind: assignee}]}}\n");
        INFO(r.error_text());
        CHECK(has_error(r, 16, 44, "'150' is neither a share of the target"));
    }
    SECTION("an unknown person or role") {
        LoadResult r = load_text(dir, kTenant + "    sla: {hot: {target: 15m, ladder: [{at: 30m, notify: [senor]}]}}\n");
        INFO(r.error_text());
        CHECK(has_error(r, 16, 58, "nobody on the staff has the id or role 'senor' (did you mean 'senior'?)"));
    }
    SECTION("two actions in one step") {
        LoadResult r = load_text(dir, kTenant + "    sla: {hot: {target: 15m, ladder: [{at: 30m, notify: [vera], reassign: true}]}}\n");
        INFO(r.error_text());
        CHECK(has_error(r, 16, 39, "a ladder step does exactly one of remind, notify, reassign (found 2)"));
    }
    SECTION("a tier that is neither a duration nor none") {
        LoadResult r = load_text(dir, kTenant + "    sla: {warm: soon}\n");
        INFO(r.error_text());
        CHECK(has_error(r, 16, 17, "sla.warm: 'soon' is neither a duration such as 15m nor none"));
    }
    SECTION("alerts through an instance that cannot carry them") {
        LoadResult r = load_text(dir, kTenant + "    sla: {alerts_via: [crm]}\n");
        INFO(r.error_text());
        CHECK(has_error(r, 16, 24, "'crm' is not a notifier of this tenant"));
    }
    SECTION("a text naming an unknown field") {
        LoadResult r = load_text(dir, kTenant + "    sla: {texts: {escalation: \"Заявка {{lead}} ждёт\"}}\n");
        INFO(r.error_text());
        CHECK(has_error(r, 16, 31, "sla.texts.escalation: unknown field 'lead'"));
    }
    SECTION("a text with an unclosed section") {
        LoadResult r = load_text(dir, kTenant + "    sla: {texts: {reminder: \"{{#name}}Клиент\"}}\n");
        INFO(r.error_text());
        CHECK(has_error(r, 16, 29, "section 'name' is never closed"));
    }
    SECTION("an unknown key") {
        LoadResult r = load_text(dir, kTenant + "    sla: {hott: 15m}\n");
        INFO(r.error_text());
        CHECK_FALSE(r.ok());
        CHECK(r.error_text().find("hott") != std::string::npos);
    }
}
