// Every kind of config error, with its exact position and message.
#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace leadhub::config;
using namespace leadhub::config::testing;

namespace {
// A valid head; tests append a tenant. Lines: 1 version, 2 admin, 3 tenants.
const std::string kHeadUpToTenants = "version: 1\nadmin: {enabled: false}\ntenants:\n";
}  // namespace

TEST_CASE("a missing file names the path") {
    TempDir dir;
    const std::string path = (dir.path() / "nope.yaml").string();
    LoadResult result = load_config(path, nullptr, fake_env({}));
    REQUIRE_FALSE(result.ok());
    REQUIRE(result.errors.size() == 1);
    CHECK(result.errors[0].to_string() == path + ": cannot open config file '" + path + "': no such file");
}

TEST_CASE("a directory, an empty file and a comment-only file are errors") {
    TempDir dir;
    LoadResult as_dir = load_config(dir.path().string(), nullptr, fake_env({}));
    REQUIRE(as_dir.errors.size() == 1);
    CHECK_THAT(as_dir.errors[0].message, Catch::Contains("it is a directory"));
    for (const char* text : {"", "# nothing here\n\n"}) {
        LoadResult result = load_text(dir, text);
        REQUIRE(result.errors.size() == 1);
        CHECK(result.errors[0].line == 0);
        CHECK(result.errors[0].message == "the file is empty: expected a YAML mapping");
    }
}

TEST_CASE("a YAML syntax error points at yaml-cpp's mark") {
    TempDir dir;
    LoadResult result = load_text(dir, "version: 1\nadmin:\n  token: [unclosed\nlisten: x\n");
    REQUIRE(result.errors.size() == 1);
    CHECK(result.errors[0].line == 4);
    CHECK(result.errors[0].column == 7);
    CHECK_THAT(result.errors[0].message, Catch::StartsWith("YAML syntax error: "));
}

TEST_CASE("an unquoted reference inside {...} gets a hint with the syntax error") {
    TempDir dir;
    LoadResult result = load_text(dir, "version: 1\nadmin: {token: ${ADMIN}}\n");
    REQUIRE(result.errors.size() == 1);
    CHECK(result.errors[0].line == 2);
    CHECK_THAT(result.errors[0].message, Catch::EndsWith("(inside {...} or [...] write a reference in quotes: \"${NAME}\")"));
}

TEST_CASE("a top level that is not a mapping") {
    TempDir dir;
    LoadResult result = load_text(dir, "- version: 1\n");
    REQUIRE(result.errors.size() == 1);
    CHECK(has_error(result, 1, 1, "expected a mapping of config sections"));
}

TEST_CASE("unknown keys suggest the nearest valid key") {
    TempDir dir;
    LoadResult result = load_text(dir, kHeadUpToTenants + "  - id: t\n    timezon: Europe/Moscow\n    sinks: []\nhtpp: {threads: 2}\n");
    CHECK(has_error(result, 5, 5, "unknown key 'timezon' in a tenant (did you mean 'timezone'?)"));
    CHECK(has_error(result, 7, 1, "unknown key 'htpp' in the config file (did you mean 'http'?)"));
    CHECK(result.errors.size() == 2);
}

TEST_CASE("an unknown key far from every valid one gets no suggestion") {
    TempDir dir;
    LoadResult result = load_text(dir, kHeadUpToTenants + "  - id: t\nsomething_else: 1\n");
    REQUIRE(result.errors.size() == 1);
    CHECK(result.errors[0].message == "unknown key 'something_else' in the config file");
}

TEST_CASE("a duplicate key is an error") {
    TempDir dir;
    LoadResult result = load_text(dir, "version: 1\nversion: 1\nadmin: {enabled: false}\ntenants: [{id: t}]\n");
    CHECK(has_error(result, 2, 1, "duplicate key 'version' in the config file"));
}

TEST_CASE("missing required keys point at the parent mapping") {
    TempDir dir;
    LoadResult result = load_text(dir, "admin: {enabled: false}\ntenants:\n  - name: Без id\n    sources:\n      - {name: site}\n");
    CHECK(has_error(result, 1, 1, "missing required key 'version' in the config file"));
    CHECK(has_error(result, 3, 5, "missing required key 'id' in a tenant"));
    CHECK(has_error(result, 5, 9, "missing required key 'plugin' in a source"));
    CHECK(result.errors.size() == 3);
}

TEST_CASE("an empty required value points at its key") {
    TempDir dir;
    LoadResult result = load_text(dir, kHeadUpToTenants + "  - id:\n");
    CHECK(has_error(result, 4, 5, "key 'id' in a tenant has no value"));
}

TEST_CASE("wrong types say what was expected") {
    TempDir dir;
    LoadResult result = load_text(dir, R"(version: 1
admin: {enabled: false}
http: {threads: many, max_body_bytes: [1]}
plugins: {watch: maybe}
tenants:
  - id: t
    sources: {name: site}
    sinks:
      - {name: crm, plugin: http, options: {url: "https://x"}}
    routes:
      - {from: site, to: crm}
)");
    CHECK(has_error(result, 3, 17, "expected http.threads as a whole number, got 'many'"));
    CHECK(has_error(result, 3, 39, "expected http.max_body_bytes as a whole number, got a list"));
    CHECK(has_error(result, 4, 18, "expected plugins.watch (true or false), got 'maybe'"));
    CHECK(has_error(result, 7, 14, "expected a list of sources, got a mapping"));
    CHECK(has_error(result, 11, 16, "expected a list of source names (or \"*\" for every source), got 'site'"));
    CHECK(has_error(result, 11, 26, "expected a list of sink and notifier names, got 'crm'"));
    CHECK(result.errors.size() == 6);
}

TEST_CASE("numbers out of range say the range") {
    TempDir dir;
    LoadResult result = load_text(
        dir, kHeadUpToTenants + "  - id: t\nhttp: {threads: 0, io_threads: 17, max_connections: 0}\ndispatch: {backoff: {jitter: 1.5}}\n");
    CHECK(has_error(result, 5, 17, "expected http.threads as a whole number from 1 to 256, got 0"));
    CHECK(has_error(result, 5, 32, "expected http.io_threads as a whole number from 1 to 16, got 17"));
    CHECK(has_error(result, 5, 53, "expected http.max_connections as a whole number from 1 to 100000, got 0"));
    CHECK(has_error(result, 6, 30, "expected backoff.jitter as a number from 0 to 1, got 1.5"));
}

TEST_CASE("bad durations show how to write one") {
    TempDir dir;
    LoadResult result = load_text(dir, kHeadUpToTenants + "  - id: t\ndispatch:\n  max_age: 15 minutes\n  timeout: 0s\n"
                                               "  backoff: {initial: 1m, max: 1s}\n");
    CHECK(has_error(result, 6, 12, "'15 minutes' is not a duration: use e.g. 250ms, 10s, 15m, 24h"));
    CHECK(has_error(result, 7, 12, "a duration must be longer than 0, got '0s'"));
    CHECK(has_error(result, 8, 12, "backoff.initial (60000ms) is longer than backoff.max (1000ms)"));
}

TEST_CASE("bad listen addresses") {
    TempDir dir;
    for (const char* listen : {"localhost", "127.0.0.1:0", "127.0.0.1:70000", ":8080", "[::1:8080", "a b:80",
                               "127.0.0.1:80x"}) {
        INFO(listen);
        LoadResult result = load_text(dir, kHeadUpToTenants + "  - id: t\nlisten: \"" + listen + "\"\n");
        REQUIRE(result.errors.size() == 1);
        CHECK(has_error(result, 5, 9, "bad listen address '" + std::string(listen) + "': expected host:port"));
    }
}

TEST_CASE("unsupported version, log level and country") {
    TempDir dir;
    LoadResult result = load_text(dir, "version: 2\nadmin: {enabled: false}\nlogging: {level: inf}\n"
                                       "tenants:\n  - {id: t, country: Russia}\n");
    CHECK(has_error(result, 1, 10, "unsupported config version 2: this leadhub reads version 1"));
    CHECK(has_error(result, 3, 18, "unknown log level 'inf': use debug, info, warn or error (did you mean 'info'?)"));
    CHECK(has_error(result, 5, 22, "country 'Russia' is not an ISO 3166 alpha-2 code"));
}

TEST_CASE("unknown timezones are errors; known ones are accepted") {
    TempDir dir;
    LoadResult bad = load_text(dir, kHeadUpToTenants + "  - id: a\n    timezone: Asia/Krasnoyarskk\n"
                                            "  - id: b\n    timezone: ../../etc/passwd\n");
    CHECK(has_error(bad, 5, 15, "unknown timezone 'Asia/Krasnoyarskk'"));
    CHECK(has_error(bad, 7, 15, "unknown timezone '../../etc/passwd'"));
    LoadResult good = load_text(dir, kHeadUpToTenants + "  - id: a\n    timezone: UTC\n  - id: b\n    timezone: Europe/Kaliningrad\n");
    INFO(good.error_text());
    CHECK(good.ok());
}

TEST_CASE("ids must be identifiers and unique") {
    TempDir dir;
    LoadResult result = load_text(dir, kHeadUpToTenants + R"(  - id: Lilia
  - id: t
    services:
      - {id: cut}
      - {id: cut}
    staff:
      - {id: olga, services: [cutt]}
  - id: t
)");
    CHECK(has_error(result, 4, 9, "tenant id 'Lilia' may contain only a-z, 0-9, '_' and '-'"));
    CHECK(has_error(result, 8, 14, "duplicate id 'cut' in a service (first defined at line 7)"));
    CHECK(has_error(result, 10, 31, "unknown service 'cutt' (did you mean 'cut'?)"));
    CHECK(has_error(result, 11, 5, "duplicate tenant id 't' (first defined at " + dir.path().string() + "/leadhub.yaml:5)"));
    CHECK(result.errors.size() == 4);
}

TEST_CASE("duplicate instance names across sources, sinks and notifiers") {
    TempDir dir;
    LoadResult result = load_text(dir, kHeadUpToTenants + R"(  - id: t
    sources:
      - {name: main, plugin: webform, options: {token: tttt}}
    sinks:
      - {name: main, plugin: http, options: {url: "https://x"}}
    notifiers:
      - {name: main, plugin: telegram, options: {bot_token: bbbb}}
)");
    CHECK(has_error(result, 8, 9, "duplicate instance name 'main': already used by the source at line 6"));
    CHECK(has_error(result, 10, 9, "duplicate instance name 'main': already used by the source at line 6"));
    CHECK(result.errors.size() == 2);
}

TEST_CASE("routes naming unknown or wrong-kind instances") {
    TempDir dir;
    LoadResult result = load_text(dir, kHeadUpToTenants + R"(  - id: t
    services: [{id: manicure}]
    sources: [{name: site, plugin: webform, options: {token: tttt}}]
    sinks: [{name: crm, plugin: http, options: {url: "https://x"}}]
    routes:
      - from: [sitee, crm]
        to: [crn, site]
        when: {channels: [webform], service: [manicur], min_score: 101}
      - {from: [], to: []}
      - {to: [crm]}
)");
    CHECK(has_error(result, 9, 16, "unknown source 'sitee' (did you mean 'site'?)"));
    CHECK(has_error(result, 9, 23, "'crm' is a sink, not a source"));
    CHECK(has_error(result, 10, 14, "unknown sink or notifier 'crn' (did you mean 'crm'?)"));
    CHECK(has_error(result, 10, 19, "'site' is a source: routes deliver only to sinks and notifiers"));
    CHECK(has_error(result, 11, 16, "unknown key 'channels' in route conditions (did you mean 'channel'?)"));
    CHECK(has_error(result, 11, 47, "unknown service 'manicur' (did you mean 'manicure'?)"));
    CHECK(has_error(result, 11, 68, "expected min_score as a number from 0 to 100, got 101"));
    CHECK(has_error(result, 12, 16, "a route needs at least one source in 'from'"));
    CHECK(has_error(result, 12, 24, "a route needs at least one sink or notifier in 'to'"));
    CHECK(has_error(result, 13, 9, "missing required key 'from' in a route"));
    CHECK(result.errors.size() == 10);
}

TEST_CASE("sources take no delivery settings") {
    TempDir dir;
    LoadResult result = load_text(dir, kHeadUpToTenants + "  - id: t\n    sources:\n      - {name: s, plugin: webform, "
                                               "options: {token: tttt}, concurrency: 2}\n");
    REQUIRE(result.errors.size() == 1);
    CHECK(has_error(result, 6, 60, "unknown key 'concurrency' in a source"));
}

TEST_CASE("admin token: required when enabled, and long enough") {
    TempDir dir;
    LoadResult missing = load_text(dir, "version: 1\ntenants: [{id: t}]\n");
    CHECK(has_error(missing, 1, 1, "missing required key 'token' in admin"));
    // A token that is no word of the message: errors are masked, and a secret that is a word
    // ("short") would be masked in the message too.
    LoadResult short_token = load_text(dir, "version: 1\nadmin:\n  token: ${TOKEN}\ntenants: [{id: t}]\n",
                                       fake_env({{"TOKEN", "x1y2z"}}));
    CHECK(has_error(short_token, 3, 10, "admin.token is too short (5 characters): use at least 16"));
    LoadResult unset = load_text(dir, "version: 1\nadmin:\n  token: ${TOKEN}\ntenants: [{id: t}]\n");
    REQUIRE(unset.errors.size() == 1);
    CHECK(has_error(unset, 3, 10, "environment variable TOKEN is not set"));
}

TEST_CASE("a config without tenants is an error") {
    TempDir dir;
    LoadResult result = load_text(dir, "version: 1\nadmin: {enabled: false}\n");
    REQUIRE(result.errors.size() == 1);
    CHECK(has_error(result, 1, 1, "no tenants"));
}

TEST_CASE("several errors in one file are all reported, in file order") {
    TempDir dir;
    LoadResult result = load_text(dir, R"(version: 1
listen: nowhere
admin: {enabled: false}
http: {read_timeout: soon}
tenants:
  - id: t
    timezone: Mars/Olympus
    sinks:
      - {name: crm, plugin: htp, options: {url: "${CRM_URL}"}}
)");
    REQUIRE(result.errors.size() == 5);
    CHECK(result.errors[0].to_string() == result.errors[0].file +
                                              ":2:9: bad listen address 'nowhere': expected host:port, e.g. "
                                              "127.0.0.1:8080 or [::1]:8080");
    CHECK(result.errors[1].line == 4);
    CHECK(result.errors[2].line == 7);
    CHECK(result.errors[3].line == 9);
    CHECK(result.errors[4].line == 9);
    CHECK(has_error(result, 9, 29, "plugin 'htp' is not installed (did you mean 'http'?)"));
    CHECK(has_error(result, 9, 49, "environment variable CRM_URL is not set"));
    CHECK_THAT(result.error_text(), Catch::Contains("unknown timezone 'Mars/Olympus'"));
}

TEST_CASE("tenants_dir: each file's errors name that file") {
    TempDir dir;
    dir.write("clients/a.yaml", "id: a\n");
    dir.write("clients/b.yaml", "id: b\nsources:\n  - {name: s, plugin: webform, options: {tokn: x}}\n");
    dir.write("clients/c.yml", "id: a\n");
    dir.write("clients/d.yaml", "id: [broken\n");
    dir.write("clients/e.yaml", "");
    LoadResult result = load_text(dir, "version: 1\nadmin: {enabled: false}\ntenants_dir: clients\n");
    const std::string clients = (dir.path() / "clients").string();
    CHECK(has_error(result, 3, 42, "source 's': unknown option 'tokn' (did you mean 'token'?)"));
    CHECK(has_error(result, 3, 41, "source 's': option 'token' is required"));
    bool named = false;
    for (const auto& e : result.errors) named = named || (e.file == clients + "/b.yaml" && e.line == 3);
    CHECK(named);
    CHECK(has_error(result, 1, 1, "duplicate tenant id 'a' (first defined at " + clients + "/a.yaml:1)"));
    bool syntax = false, empty = false;
    for (const auto& e : result.errors) {
        syntax = syntax || (e.file == clients + "/d.yaml" && e.message.rfind("YAML syntax error", 0) == 0);
        empty = empty || (e.file == clients + "/e.yaml" && e.message.find("empty") != std::string::npos);
    }
    CHECK(syntax);
    CHECK(empty);
    CHECK(result.errors.size() == 5);

    LoadResult missing = load_text(dir, "version: 1\nadmin: {enabled: false}\ntenants_dir: nowhere/\n");
    CHECK(has_error(missing, 3, 14, "tenants_dir 'nowhere/' is not a directory"));
}
