#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace leadhub::config;
using namespace leadhub::config::testing;
using namespace std::chrono_literals;

namespace {
const std::string kAdminToken = "admin-token-0123456789";

Environment full_env() {
    return fake_env({{"LEADHUB_ADMIN_TOKEN", kAdminToken}, {"FORM_TOKEN", "form-token-xyz"}, {"BOT_TOKEN", "123:bot-abc"}});
}

std::string full_config_path() { return data_dir() + "/full/leadhub.yaml"; }
}  // namespace

TEST_CASE("the full example config loads with every value") {
    LoadResult result = load_config(full_config_path(), fake_lookup(), full_env());
    INFO(result.error_text());
    REQUIRE(result.ok());
    const Config& c = *result.config;
    const std::filesystem::path base = std::filesystem::path(data_dir()) / "full";

    CHECK(c.version == 1);
    CHECK(c.file == full_config_path());
    CHECK(std::filesystem::equivalent(c.base_dir, base));
    CHECK(c.listen.host == "0.0.0.0");
    CHECK(c.listen.port == 9090);
    CHECK(c.admin.enabled);
    CHECK(c.admin.token == kAdminToken);
    CHECK(c.storage.path == (base / "data/leadhub.db").lexically_normal().string());
    CHECK(c.http.max_body_bytes == 2097152);
    CHECK(c.http.read_timeout == 15s);
    CHECK(c.http.keep_alive_timeout == 30s);
    CHECK(c.http.threads == 8);
    CHECK(c.http.io_threads == 2);
    CHECK(c.http.max_connections == 2000);
    CHECK(c.http.max_connections_per_client == 50);
    REQUIRE(c.plugins.dirs.size() == 1);
    CHECK(c.plugins.dirs[0] == (base / "../build/lib/leadhub/plugins").lexically_normal().string());
    CHECK(c.plugins.watch);
    CHECK(c.dispatch.max_attempts == 10);
    CHECK(c.dispatch.max_age == 48h);
    CHECK(c.dispatch.backoff.initial == 500ms);
    CHECK(c.dispatch.backoff.max == 5min);
    CHECK(c.dispatch.backoff.multiplier == 3);
    CHECK(c.dispatch.backoff.jitter == Approx(0.1));
    CHECK(c.dispatch.timeout == 30s);
    CHECK(c.logging.level == LogLevel::debug);

    REQUIRE(c.tenants.size() == 2);
    const TenantConfig& lilia = c.tenants[0];
    CHECK(lilia.id == "lilia");
    CHECK(lilia.name == "Салон «Лилия»");
    CHECK(lilia.timezone == "Asia/Krasnoyarsk");
    CHECK(lilia.country == "RU");
    CHECK(lilia.location.line == 25);
    REQUIRE(lilia.services.size() == 2);
    CHECK(lilia.services[0].name == "Маникюр");
    CHECK(lilia.services[0].keywords == std::vector<std::string>{"маникюр", "ногти"});
    CHECK(lilia.services[1].name == "haircut");  // the id stands in for a missing name
    REQUIRE(lilia.staff.size() == 2);
    CHECK(lilia.staff[0].contacts == std::vector<std::pair<std::string, std::string>>{{"telegram", "123"}});
    CHECK(lilia.staff[1].role == "master");
    CHECK(lilia.staff[1].name == "irina");
    CHECK(lilia.staff[1].services == std::vector<std::string>{"haircut", "manicure"});

    REQUIRE(lilia.sources.size() == 1);
    const InstanceConfig& site = lilia.sources[0];
    CHECK(site.kind == InstanceKind::source);
    CHECK(site.plugin == "webform");
    CHECK(site.options == Json{{"token", "form-token-xyz"}});
    CHECK(site.location.file == full_config_path());
    CHECK(site.location.line == 35);
    CHECK(site.location.column == 9);

    REQUIRE(lilia.sinks.size() == 2);
    const InstanceConfig& crm = lilia.sinks[0];
    CHECK(crm.options["url"] == "https://example.org/hook");
    CHECK(crm.options["headers"] == Json{{"X-Api-Key", "crm-key-from-file-42"}});
    CHECK(crm.options["retries"] == 2);  // manifest default filled in
    CHECK(crm.options["mode"] == "normal");
    REQUIRE(crm.rate.has_value());
    CHECK(crm.rate->per_second == 2);
    CHECK(crm.rate->burst == 50);
    CHECK(crm.concurrency == 2);
    CHECK(crm.dispatch.max_attempts == 20);
    CHECK(crm.dispatch.timeout == 15s);
    CHECK(crm.dispatch.max_age == 48h);  // inherited from dispatch:
    CHECK(crm.dispatch.backoff.initial == 500ms);
    CHECK(crm.secret_options == std::vector<std::string>{"api_key"});

    const InstanceConfig& sheet = lilia.sinks[1];
    CHECK_FALSE(sheet.enabled);
    CHECK(sheet.options["url"] == "https://example.org/sheet?cost=${literal}");
    // Nothing written: the manifest's defaults apply.
    CHECK(sheet.rate->per_second == 5);
    CHECK(sheet.rate->burst == 10);
    CHECK(sheet.concurrency == 3);
    CHECK(sheet.dispatch.timeout == 20s);
    CHECK(sheet.dispatch.max_attempts == 10);

    REQUIRE(lilia.notifiers.size() == 1);
    CHECK(lilia.notifiers[0].options["chat_id"] == "100500");  // a string option stays a string
    CHECK(lilia.notifiers[0].options["bot_token"] == "123:bot-abc");
    CHECK(lilia.find_instance("staff_bot") == &lilia.notifiers[0]);
    CHECK(lilia.find_instance("nobody") == nullptr);

    REQUIRE(lilia.routes.size() == 2);
    CHECK(lilia.routes[0].from == std::vector<std::string>{"site"});
    CHECK(lilia.routes[0].to == std::vector<std::string>{"crm", "staff_bot"});
    CHECK(lilia.routes[0].when.channels == std::vector<std::string>{"webform", "telegram"});
    CHECK(lilia.routes[0].when.services == std::vector<std::string>{"manicure"});
    CHECK(lilia.routes[0].when.min_score == 40);
    CHECK(lilia.routes[0].when.intents.empty());
    CHECK(lilia.routes[1].from_any);
    CHECK(lilia.routes[1].from.empty());

    const TenantConfig& rosa = c.tenants[1];
    CHECK(rosa.id == "rosa");
    CHECK(rosa.name == "rosa");
    CHECK(rosa.timezone == "Europe/Moscow");
    CHECK(rosa.location.file == (std::filesystem::path(full_config_path()).parent_path() / "clients/rosa.yaml").string());
    CHECK(rosa.location.line == 2);
    CHECK(rosa.routes.at(0).to == std::vector<std::string>{"crm"});
    CHECK(c.find_tenant("rosa") == &rosa);
    CHECK(c.find_tenant("nobody") == nullptr);
}

TEST_CASE("a minimal config gets every default") {
    TempDir dir;
    LoadResult result = load_text(dir, "version: 1\nadmin: {enabled: false}\ntenants:\n  - id: solo\n");
    INFO(result.error_text());
    REQUIRE(result.ok());
    const Config& c = *result.config;
    CHECK(c.listen.host == "127.0.0.1");
    CHECK(c.listen.port == 8080);
    CHECK_FALSE(c.admin.enabled);
    CHECK(c.storage.path == (dir.path() / "data/leadhub.db").lexically_normal().string());
    CHECK(c.http.max_body_bytes == 1048576);
    CHECK(c.http.read_timeout == 10s);
    CHECK(c.http.keep_alive_timeout == 10s);
    CHECK(c.http.threads == 4);
    CHECK(c.http.io_threads == 1);
    CHECK(c.http.max_connections == 0);  // automatic: from the open-files limit
    CHECK(c.http.max_connections_per_client == 256);
    CHECK(c.plugins.dirs.empty());
    CHECK_FALSE(c.plugins.watch);
    CHECK(c.dispatch.max_attempts == 12);
    CHECK(c.dispatch.max_age == 24h);
    CHECK(c.dispatch.backoff.initial == 1s);
    CHECK(c.dispatch.backoff.max == 10min);
    CHECK(c.dispatch.backoff.multiplier == 2);
    CHECK(c.dispatch.backoff.jitter == Approx(0.2));
    CHECK(c.dispatch.timeout == 30s);
    CHECK(c.logging.level == LogLevel::info);
    REQUIRE(c.tenants.size() == 1);
    const TenantConfig& t = c.tenants[0];
    CHECK(t.name == "solo");
    CHECK(t.timezone == "Europe/Moscow");
    CHECK(t.country == "RU");
    CHECK(t.services.empty());
    CHECK(t.sources.empty());
    CHECK(t.routes.empty());
    CHECK(c.secrets.empty());
}

TEST_CASE("a written dispatch.timeout beats the manifest's default; a sink without a manifest default keeps 30s") {
    TempDir dir;
    LoadResult result = load_text(dir, R"(version: 1
admin: {enabled: false}
dispatch: {timeout: 45s}
tenants:
  - id: t
    sinks:
      - {name: crm, plugin: http, options: {url: "https://x"}}
    notifiers:
      - {name: bot, plugin: telegram, options: {bot_token: t0k3n}}
)");
    INFO(result.error_text());
    REQUIRE(result.ok());
    const TenantConfig& t = result.config->tenants[0];
    CHECK(t.sinks[0].dispatch.timeout == 45s);
    CHECK(t.notifiers[0].dispatch.timeout == 45s);
    CHECK_FALSE(t.notifiers[0].rate.has_value());  // no limit declared anywhere
    CHECK(t.notifiers[0].concurrency == 1);
}

TEST_CASE("IPv6 listen addresses and rate burst defaults") {
    TempDir dir;
    LoadResult result = load_text(dir, R"(version: 1
listen: "[::1]:8443"
admin: {enabled: false}
tenants:
  - id: t
    sinks:
      - {name: crm, plugin: http, rate: {per_second: 2.5}, options: {url: "https://x"}}
      - {name: crm2, plugin: http, rate: {bucket: portal-1}, options: {url: "https://y"}}
      - {name: crm3, plugin: http, rate: {per_second: 5, burst: 250, bucket: portal-1}, options: {url: "https://z"}}
)");
    INFO(result.error_text());
    REQUIRE(result.ok());
    CHECK(result.config->listen.host == "::1");
    CHECK(result.config->listen.port == 8443);
    const auto& sinks = result.config->tenants[0].sinks;
    CHECK(sinks[0].rate->burst == 3);
    CHECK(sinks[0].rate_bucket.empty());
    CHECK(sinks[1].rate_bucket == "portal-1");  // the plugin's limit, shared with crm3
    CHECK(sinks[2].rate_bucket == "portal-1");
    CHECK(sinks[2].rate->burst == 250);
}

TEST_CASE("with a null manifest lookup plugins are not checked and options are typed as YAML reads them") {
    TempDir dir;
    const std::string path = dir.write("leadhub.yaml", R"(version: 1
admin: {enabled: false}
tenants:
  - id: t
    sources:
      - name: site
        plugin: not-installed-anywhere
        options: {limit: 5, ratio: 0.5, on: true, quoted: "5", list: [a, 1], nothing: ~}
)");
    LoadResult result = load_config(path, nullptr, fake_env({}));
    INFO(result.error_text());
    REQUIRE(result.ok());
    const Json& options = result.config->tenants[0].sources[0].options;
    CHECK(options == Json{{"limit", 5}, {"ratio", 0.5}, {"on", true}, {"quoted", "5"},
                          {"list", Json::array({"a", 1})}, {"nothing", nullptr}});
}

TEST_CASE("a route may deliver notices to a source whose plugin is also a notifier (one bot for customers and staff)") {
    TempDir dir;
    LoadResult result = load_text(dir, R"(version: 1
admin: {enabled: false}
tenants:
  - id: t
    sources:
      - {name: site, plugin: webform, options: {token: "s3cret-token-123"}}
      - {name: bot, plugin: telegram, options: {bot_token: "123:abc"}}
    routes:
      - {from: "*", to: [bot]}
)");
    INFO(result.error_text());
    REQUIRE(result.ok());
    const auto& tenant = result.config->tenants[0];
    CHECK(tenant.sources[1].notifies);
    CHECK_FALSE(tenant.sources[0].notifies);
    CHECK(tenant.routes[0].to == std::vector<std::string>{"bot"});

    LoadResult refused = load_text(dir, R"(version: 1
admin: {enabled: false}
tenants:
  - id: t
    sources:
      - {name: site, plugin: webform, options: {token: "s3cret-token-123"}}
    routes:
      - {from: "*", to: [site]}
)");
    CHECK(has_error(refused, 8, 26, "'site' is a source: routes deliver only to sinks and notifiers"));
}
