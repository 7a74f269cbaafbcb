// Instances against their plugins' manifests, through a fake ManifestLookup.
#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace leadhub::config;
using namespace leadhub::config::testing;

namespace {
// The config up to the id of tenant t: tests append the tenant's keys.
const std::string kHeadOfTenantT = "version: 1\nadmin: {enabled: false}\ntenants:\n  - id: t\n";
}

TEST_CASE("an instance of a plugin that is not installed suggests the nearest installed name") {
    TempDir dir;
    LoadResult result = load_text(dir, kHeadOfTenantT + "    sinks:\n      - {name: crm, plugin: htpp}\n"
                                               "      - {name: other, plugin: amocrm}\n");
    CHECK(has_error(result, 6, 29, "plugin 'htpp' is not installed (did you mean 'http'?)"));
    CHECK(has_error(result, 7, 31, "plugin 'amocrm' is not installed (installed: webform, http, telegram)"));
    CHECK(result.errors.size() == 2);
}

TEST_CASE("a lookup function without a name list still reports the missing plugin") {
    TempDir dir;
    const std::string path = dir.write("leadhub.yaml", kHeadOfTenantT + "    sinks:\n      - {name: crm, plugin: htpp}\n");
    ManifestLookup lookup([](const std::string&) -> std::optional<Json> { return std::nullopt; });
    LoadResult result = load_config(path, lookup, fake_env({}));
    REQUIRE(result.errors.size() == 1);
    CHECK(result.errors[0].message == "plugin 'htpp' is not installed");
}

TEST_CASE("a plugin used as a kind its manifest lacks") {
    TempDir dir;
    LoadResult result = load_text(dir, kHeadOfTenantT + "    sinks:\n      - name: form\n        plugin: webform\n"
                                               "        options: {token: tttt}\n");
    REQUIRE(result.errors.size() == 1);
    CHECK(has_error(result, 7, 17, "plugin 'webform' cannot be used as a sink: it provides source"));
}

TEST_CASE("option errors point at the option's key or value") {
    TempDir dir;
    LoadResult result = load_text(dir, kHeadOfTenantT + R"(    sinks:
      - name: crm
        plugin: http
        options:
          url: https://example.org
          retries: five
          mode: fats
          headers: {X-Id: 1, X-List: [a]}
          urll: x
      - name: nourl
        plugin: http
        options: {retries: 11}
      - name: nooptions
        plugin: http
)");
    CHECK(has_error(result, 10, 20, "sink 'crm': option 'retries' must be a whole number, got \"five\""));
    CHECK(has_error(result, 11, 17, "sink 'crm': option 'mode' must be one of normal, fast, got 'fats' "
                                    "(did you mean 'fast'?)"));
    CHECK(has_error(result, 12, 20, "sink 'crm': option 'headers' must be a map of strings"));
    CHECK(has_error(result, 13, 11, "sink 'crm': unknown option 'urll' (did you mean 'url'?)"));
    CHECK(has_error(result, 16, 18, "sink 'nourl': option 'url' is required: where to POST"));
    CHECK(has_error(result, 16, 28, "sink 'nourl': option 'retries' must be at most 10"));
    CHECK(has_error(result, 17, 9, "sink 'nooptions': option 'url' is required"));
    CHECK(result.errors.size() == 7);
}

TEST_CASE("options are read as their declared types") {
    TempDir dir;
    LoadResult result = load_text(dir, kHeadOfTenantT + R"(    sinks:
      - {name: crm, plugin: http, options: {url: 12345, retries: "3", headers: {X-Id: 7}}}
    notifiers:
      - {name: bot, plugin: telegram, options: {bot_token: "${BOT}", chat_id: -100123}}
)", fake_env({{"BOT", "424242"}}));
    INFO(result.error_text());
    REQUIRE(result.ok());
    const TenantConfig& t = result.config->tenants[0];
    CHECK(t.sinks[0].options["url"] == "12345");
    CHECK(t.sinks[0].options["retries"] == 3);
    CHECK(t.sinks[0].options["headers"] == Json{{"X-Id", "7"}});
    CHECK(t.notifiers[0].options["bot_token"] == "424242");
    CHECK(t.notifiers[0].options["chat_id"] == "-100123");
}

TEST_CASE("a broken reference in an option is reported once, not again as a missing option") {
    TempDir dir;
    LoadResult result = load_text(dir, kHeadOfTenantT + "    sources:\n      - {name: s, plugin: webform, options: {token: \"${NOPE}\"}}\n");
    REQUIRE(result.errors.size() == 1);
    CHECK(has_error(result, 6, 53, "environment variable NOPE is not set"));
}

TEST_CASE("options that are not a mapping") {
    TempDir dir;
    LoadResult result = load_text(dir, kHeadOfTenantT + "    sources:\n      - {name: s, plugin: webform, options: [token]}\n");
    REQUIRE(result.errors.size() == 1);  // no "token is required" on top: the options were unreadable
    CHECK(has_error(result, 6, 45, "expected options as a mapping of name: value, got a list"));
}

TEST_CASE("a lookup that throws becomes an error, not a crash") {
    TempDir dir;
    const std::string path = dir.write("leadhub.yaml", kHeadOfTenantT + "    sinks:\n      - {name: crm, plugin: http}\n");
    ManifestLookup lookup([](const std::string&) -> std::optional<Json> { throw std::runtime_error("registry down"); });
    LoadResult result = load_config(path, lookup, fake_env({}));
    REQUIRE(result.errors.size() == 1);
    CHECK(result.errors[0].message == "could not load the config: registry down");
}
