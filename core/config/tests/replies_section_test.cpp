// `replies:` of a tenant: defaults, a full valid section, and each bad value refused at its
// line and column with what was expected.
#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace leadhub::config;
using namespace leadhub::config::testing;

namespace {

// Lines 1-4; tests append the replies section from line 5 on.
const std::string kRepliesTenant = R"(version: 1
admin: {enabled: false}
tenants:
  - id: lilia
)";

}  // namespace

TEST_CASE("without replies a tenant answers on every channel with the defaults") {
    TempDir dir;
    LoadResult result = load_text(dir, kRepliesTenant);
    INFO(result.error_text());
    REQUIRE(result.ok());
    const RepliesConfig& r = result.config->tenants[0].replies;
    CHECK(r.enabled);
    CHECK(r.enabled_on("telegram"));
    CHECK(r.ask_for == std::vector<std::string>{"service", "date_time", "name", "phone"});
    CHECK(r.max_questions == 3);
    CHECK(r.templates.empty());
    CHECK(r.template_text("telegram", "first_book") == nullptr);
}

TEST_CASE("a full replies section is read with per-channel overrides") {
    TempDir dir;
    LoadResult result = load_text(dir, kRepliesTenant + R"(    replies:
      enabled: true
      ask_for: [date_time, service]
      max_questions: 2
      templates:
        first_book: "Здравствуйте{{#name}}, {{name}}{{/name}}! {{promise}}"
        ask_service: "Какая услуга?"
        after_hours: "Ответим {{opens_at|утром}}."
      channels:
        instagram: {templates: {first_book: "Привет из {{channel_title}}!"}}
        webform: {enabled: false}
        telegram: {enabled: true}
)");
    INFO(result.error_text());
    REQUIRE(result.ok());
    const RepliesConfig& r = result.config->tenants[0].replies;
    CHECK(r.ask_for == std::vector<std::string>{"date_time", "service"});
    CHECK(r.max_questions == 2);
    REQUIRE(r.template_text("telegram", "first_book"));
    CHECK(*r.template_text("telegram", "first_book") == "Здравствуйте{{#name}}, {{name}}{{/name}}! {{promise}}");
    REQUIRE(r.template_text("instagram", "first_book"));
    CHECK(*r.template_text("instagram", "first_book") == "Привет из {{channel_title}}!");
    REQUIRE(r.template_text("instagram", "ask_service"));  // the channel falls back to the tenant's
    CHECK(*r.template_text("instagram", "ask_service") == "Какая услуга?");
    CHECK(r.template_text("vk", "complete") == nullptr);
    CHECK(r.enabled_on("telegram"));
    CHECK(r.enabled_on("instagram"));
    CHECK_FALSE(r.enabled_on("webform"));
}

TEST_CASE("replies switched off for the tenant stay on for a channel that says so") {
    TempDir dir;
    LoadResult result = load_text(dir, kRepliesTenant + "    replies: {enabled: false, channels: {telegram: {enabled: true}}}\n");
    INFO(result.error_text());
    REQUIRE(result.ok());
    const RepliesConfig& r = result.config->tenants[0].replies;
    CHECK_FALSE(r.enabled_on("whatsapp"));
    CHECK(r.enabled_on("telegram"));
}

TEST_CASE("an empty ask_for means never ask") {
    TempDir dir;
    LoadResult result = load_text(dir, kRepliesTenant + "    replies: {ask_for: []}\n");
    INFO(result.error_text());
    REQUIRE(result.ok());
    CHECK(result.config->tenants[0].replies.ask_for.empty());
}

TEST_CASE("bad replies values are refused at their line and column") {
    TempDir dir;
    SECTION("an unknown key of the section") {
        auto result = load_text(dir, kRepliesTenant + "    replies: {max_question: 2}\n");
        CHECK(has_error(result, 5, 15, "unknown key 'max_question' in replies (did you mean 'max_questions'?)"));
    }
    SECTION("max_questions out of range") {
        auto result = load_text(dir, kRepliesTenant + "    replies: {max_questions: 11}\n");
        CHECK(has_error(result, 5, 30, "max_questions"));
    }
    SECTION("an unknown field to ask for, and one named twice") {
        auto result = load_text(dir, kRepliesTenant + "    replies: {ask_for: [service, adress, service]}\n");
        CHECK(has_error(result, 5, 34, "unknown field 'adress' in replies.ask_for"));
        CHECK(has_error(result, 5, 34, "a reply may ask for: service, date_time, name, phone"));
        CHECK(has_error(result, 5, 42, "'service' is named twice in replies.ask_for"));
    }
    SECTION("an unknown template name lists the names") {
        auto result = load_text(dir, kRepliesTenant + "    replies:\n      templates:\n        frist_book: \"x\"\n");
        CHECK(has_error(result, 7, 9, "unknown template 'frist_book' in replies.templates (did you mean 'first_book'?)"));
        CHECK(has_error(result, 7, 9, "the templates are: first_book, first_reschedule, first_question"));
    }
    SECTION("a template naming a field a reply does not fill in") {
        auto result = load_text(dir, kRepliesTenant + "    replies:\n      templates:\n        ask_name: \"Вы {{nmae}}?\"\n");
        CHECK(has_error(result, 7, 19, "template 'ask_name' names 'nmae', which a reply does not fill in (did you mean 'name'?)"));
        CHECK(has_error(result, 7, 19, "the fields are: name, service_names"));
    }
    SECTION("a field inside a section tag or with a fallback is checked too") {
        auto result = load_text(dir, kRepliesTenant + "    replies:\n      templates:\n        complete: \"{{#phone}}x{{/phone}} {{when|скоро}}\"\n");
        CHECK(has_error(result, 7, 19, "template 'complete' names 'phone'"));
    }
    SECTION("a section that is never closed") {
        auto result = load_text(dir, kRepliesTenant + "    replies:\n      templates:\n        first_other: \"Здравствуйте{{#name}}, {{name}}!\"\n");
        CHECK(has_error(result, 7, 22, "template 'first_other': section 'name' is never closed with {{/name}}"));
    }
    SECTION("promise cannot be made from itself") {
        auto result = load_text(dir, kRepliesTenant + "    replies:\n      templates:\n        after_hours: \"{{promise}}\"\n");
        CHECK(has_error(result, 7, 22, "template 'after_hours' names 'promise'"));
    }
    SECTION("a template that is not text") {
        auto result = load_text(dir, kRepliesTenant + "    replies:\n      templates:\n        ask_phone: [a, b]\n");
        CHECK(has_error(result, 7, 20, "the template's text"));
    }
    SECTION("an unknown channel lists the channels") {
        auto result = load_text(dir, kRepliesTenant + "    replies:\n      channels:\n        telegarm: {enabled: false}\n");
        CHECK(has_error(result, 7, 9, "unknown channel 'telegarm' in replies.channels (did you mean 'telegram'?)"));
        CHECK(has_error(result, 7, 9, "the channels are: telegram, whatsapp, instagram, vk"));
    }
    SECTION("an unknown key of a channel, and a bad template there") {
        auto result = load_text(dir, kRepliesTenant + "    replies:\n      channels:\n        vk: {enable: false, templates: {first_book: \"{{who}}\"}}\n");
        CHECK(has_error(result, 7, 14, "unknown key 'enable' in replies.channels.vk (did you mean 'enabled'?)"));
        CHECK(has_error(result, 7, 53, "template 'first_book' names 'who'"));
    }
    SECTION("enabled that is not a boolean") {
        auto result = load_text(dir, kRepliesTenant + "    replies: {enabled: sometimes}\n");
        CHECK(has_error(result, 5, 24, "enabled as true or false"));
    }
}

TEST_CASE("the schema knows every template name and channel of replies") {
    Json replies = config_json_schema({})["definitions"]["tenant"]["properties"]["replies"];
    for (const auto& name : reply_template_names()) CHECK(replies["properties"]["templates"]["properties"].contains(name));
    for (const auto& channel : reply_channels()) CHECK(replies["properties"]["channels"]["properties"].contains(channel));
    CHECK(replies["properties"]["max_questions"]["maximum"] == 10);
}
