// Secret values are remembered and masked (invariant 7).
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace leadhub::config;
using namespace leadhub::config::testing;

namespace {
LoadResult load_with_secrets(const TempDir& dir) {
    dir.write("secrets/crm", "file-secret-777\n");
    return load_text(dir, R"(version: 1
admin: {token: "admin-token-0123456789"}
tenants:
  - id: t
    sources:
      - {name: site, plugin: webform, options: {token: written-inline-token}}
    sinks:
      - name: crm
        plugin: http
        options:
          url: "https://${CRM_HOST}/hook"
          api_key: plain-api-key
          headers: {X-Key: "${file:secrets/crm}", X-Short: "${SHORT}"}
)", fake_env({{"CRM_HOST", "crm.example.org"}, {"SHORT", "abc"}}));
}
}  // namespace

TEST_CASE("referenced values, secret options and the admin token are masked") {
    TempDir dir;
    LoadResult result = load_with_secrets(dir);
    INFO(result.error_text());
    REQUIRE(result.ok());
    const Config& c = *result.config;
    CHECK(c.mask_secrets("token admin-token-0123456789 used") == "token *** used");
    CHECK(c.mask_secrets("POST https://crm.example.org/hook key=file-secret-777") == "POST https://***/hook key=***");
    CHECK(c.mask_secrets("form written-inline-token, key plain-api-key") == "form ***, key ***");
    // Values shorter than 4 characters would mask ordinary words, so they are left alone.
    CHECK(c.mask_secrets("abc abcd") == "abc abcd");
    CHECK(c.mask_secrets("nothing secret here") == "nothing secret here");
    CHECK(c.mask_secrets("twice: plain-api-key plain-api-key") == "twice: *** ***");
}

TEST_CASE("secrets are held longest first, so one containing another is masked whole") {
    TempDir dir;
    LoadResult result = load_text(dir, R"(version: 1
admin: {enabled: false}
tenants:
  - id: t
    sources:
      - {name: a, plugin: webform, options: {token: "${SHORTER}"}}
      - {name: b, plugin: webform, options: {token: "${LONGER}"}}
)", fake_env({{"SHORTER", "secret"}, {"LONGER", "secret-and-more"}}));
    REQUIRE(result.ok());
    CHECK(result.config->secrets.front() == "secret-and-more");
    CHECK(result.config->mask_secrets("x secret-and-more y secret") == "x *** y ***");
}

TEST_CASE("redacted options hide secret options and secrets inside other values") {
    TempDir dir;
    LoadResult result = load_with_secrets(dir);
    REQUIRE(result.ok());
    const Config& c = *result.config;
    const InstanceConfig& crm = c.tenants[0].sinks[0];
    CHECK(crm.options["api_key"] == "plain-api-key");  // the real value stays for the plugin
    Json redacted = c.redacted_options(crm);
    CHECK(redacted["api_key"] == "***");
    CHECK(redacted["url"] == "https://***/hook");
    CHECK(redacted["headers"]["X-Key"] == "***");
    CHECK(redacted["headers"]["X-Short"] == "abc");
    CHECK(redacted["retries"] == 2);
    CHECK(c.redacted_options(c.tenants[0].sources[0]) == Json{{"token", "***"}});
}

TEST_CASE("$${ escapes are not secrets") {
    TempDir dir;
    LoadResult result = load_text(dir, "version: 1\nadmin: {enabled: false}\ntenants:\n  - id: t\n    name: "
                                       "\"$${PRICE}\"\n");
    REQUIRE(result.ok());
    CHECK(result.config->tenants[0].name == "${PRICE}");
    CHECK(result.config->secrets.empty());
}

TEST_CASE("an error that quotes a secret is masked, and a refused config still gives its secrets") {
    TempDir dir;
    dir.write("listen-address", "listen-from-a-secret-file\n");
    LoadResult result = load_text(dir, R"(version: 1
listen: "${file:listen-address}"
admin: {token: "admin-token-0123456789"}
tenants:
  - id: t
    sources:
      - {name: site, plugin: webform, options: {token: [inline-secret-in-a-list]}}
    sinks:
      - {name: crm, plugin: http, options: {url: "https://crm.example.org", mode: "${CRM_MODE}"}}
)", fake_env({{"CRM_MODE", "mode-from-the-environment"}}));
    INFO(result.error_text());
    REQUIRE_FALSE(result.ok());
    // Each error still says where and what; only the secret value is hidden.
    CHECK(has_error(result, 2, 9, "bad listen address '***'"));
    CHECK(has_error(result, 7, 56, "option 'token' must be"));
    CHECK(has_error(result, 9, 83, "option 'mode' must be one of normal, fast, got '***'"));
    for (const char* secret : {"listen-from-a-secret-file", "inline-secret-in-a-list", "mode-from-the-environment"}) {
        INFO(secret);
        CHECK(result.error_text().find(secret) == std::string::npos);
        CHECK(std::find(result.secrets.begin(), result.secrets.end(), secret) != result.secrets.end());
    }
    CHECK(std::find(result.secrets.begin(), result.secrets.end(), "admin-token-0123456789") != result.secrets.end());
}
