// The tenant's `reminders` and `follow_ups` sections: defaults, every form, each mistake at its position.
#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace leadhub::config;
using namespace leadhub::config::testing;
using namespace std::chrono_literals;

namespace {

// Lines 1-8; tests append the tenant's keys from line 9 on.
const std::string kReminderTenant = R"(version: 1
admin: {enabled: false}
tenants:
  - id: lilia
    sources:
      - {name: site, plugin: webform, options: {token: t}}
    notifiers:
      - {name: sms, plugin: telegram, options: {bot_token: c}}
)";

}  // namespace

TEST_CASE("without the sections: reminders 24 h, 3 h and 30 min before; nudges after 1 and 3 days") {
    TempDir dir;
    LoadResult result = load_text(dir, kReminderTenant);
    INFO(result.error_text());
    REQUIRE(result.ok());
    const TenantConfig& t = result.config->tenants[0];
    CHECK(t.reminders.enabled);
    CHECK(t.reminders.before == std::vector<Duration>{24h, 3h, 30min});
    CHECK(t.reminders.sms_via.empty());
    CHECK(t.follow_ups.enabled);
    CHECK(t.follow_ups.after == std::vector<Duration>{24h, 72h});
    CHECK(t.follow_ups.texts.empty());
}

TEST_CASE("reminders and follow-ups read every value") {
    TempDir dir;
    LoadResult result = load_text(dir, kReminderTenant + R"(    reminders:
      before: [2h, 1d]
      sms_via: sms
      texts: {reminder: "Ждём вас {{when}}", cancelled_alert: "Отмена {{lead_id}}: {{answer}}"}
    follow_ups: {after: [3d, 1d], texts: ["Первое", "Второе {{name}}"]}
)");
    INFO(result.error_text());
    REQUIRE(result.ok());
    const TenantConfig& t = result.config->tenants[0];
    CHECK(t.reminders.before == std::vector<Duration>{24h, 2h});  // earliest reminder first
    CHECK(t.reminders.sms_via == "sms");
    CHECK(t.reminders.texts.at("reminder") == "Ждём вас {{when}}");
    CHECK(t.follow_ups.after == std::vector<Duration>{24h, 72h});
    CHECK(t.follow_ups.texts == std::vector<std::string>{"Первое", "Второе {{name}}"});
}

TEST_CASE("reminders: off and follow_ups: off turn them off") {
    TempDir dir;
    LoadResult result = load_text(dir, kReminderTenant + "    reminders: off\n    follow_ups: off\n");
    INFO(result.error_text());
    REQUIRE(result.ok());
    CHECK_FALSE(result.config->tenants[0].reminders.enabled);
    CHECK_FALSE(result.config->tenants[0].follow_ups.enabled);
}

TEST_CASE("each mistake in reminders and follow_ups is reported at its position") {
    TempDir dir;
    SECTION("a duration that is none") {
        LoadResult r = load_text(dir, kReminderTenant + "    reminders: {before: [24h, soon]}\n");
        INFO(r.error_text());
        CHECK(has_error(r, 9, 31, "soon"));
    }
    SECTION("an sms_via that is no notifier") {
        LoadResult r = load_text(dir, kReminderTenant + "    reminders: {sms_via: site}\n");
        INFO(r.error_text());
        CHECK(has_error(r, 9, 26, "'site' is not a notifier of this tenant"));
    }
    SECTION("a text naming an unknown field") {
        LoadResult r = load_text(dir, kReminderTenant + "    reminders: {texts: {reminder: \"Ждём {{wen}}\"}}\n");
        INFO(r.error_text());
        CHECK(has_error(r, 9, 35, "reminders.texts.reminder: unknown field 'wen' (did you mean 'when'?)"));
    }
    SECTION("follow-up texts that do not match the nudges") {
        LoadResult r = load_text(dir, kReminderTenant + "    follow_ups: {after: [1d, 3d], texts: [\"Одно\"]}\n");
        INFO(r.error_text());
        CHECK(has_error(r, 9, 42, "follow_ups.texts has 1 texts for 2 entries of after"));
    }
    SECTION("a duration listed twice") {
        LoadResult r = load_text(dir, kReminderTenant + "    follow_ups: {after: [1d, 24h]}\n");
        INFO(r.error_text());
        CHECK(has_error(r, 9, 30, "this duration is listed twice"));
    }
}
