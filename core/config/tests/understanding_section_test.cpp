// `processors` and `understanding: {processor: ...}`: a processor instance is read like a sink
// (with delivery limits), and understanding must name one of the tenant's processors.
#include "test_support.hpp"

#include <leadhub/sdk/options.hpp>
#include <leadhub/sdk/plugin.hpp>

#include <catch2/catch.hpp>

using namespace leadhub::config;
using namespace leadhub::config::testing;
using namespace std::chrono_literals;

namespace {

// The fake manifests plus a processor plugin, "llm", with a required model and a secret key.
ManifestLookup lookup_with_processor() {
    using leadhub::sdk::OptionSpec;
    std::vector<Json> manifests = fake_manifests();
    leadhub::sdk::PluginInfo llm{"llm", "1.0.0", "chat model", {"processor"},
                                 {OptionSpec::string("model", "model name").is_required(),
                                  OptionSpec::string("api_key", "key").is_secret()},
                                 {{"rate_per_second", 2}, {"burst", 10}, {"concurrency", 2}, {"timeout_ms", 40000}}};
    manifests.push_back(leadhub::sdk::manifest_json(llm));
    return ManifestLookup(manifests);
}

LoadResult load(const TempDir& dir, const std::string& yaml) {
    return load_config(dir.write("leadhub.yaml", yaml), lookup_with_processor(), fake_env({{"KEY", "sk-secret-key-1"}}));
}

// Lines 1-8; tests append from line 9 on.
const std::string kTenantWithProcessor = R"(version: 1
admin: {enabled: false}
tenants:
  - id: lilia
    sources: [{name: site, plugin: webform, options: {token: t}}]
    sinks: [{name: crm, plugin: http, options: {url: "http://127.0.0.1:1/x"}}]
    processors:
      - {name: llm-main, plugin: llm, options: {model: gpt-4o-mini, api_key: "${KEY}"}, max_attempts: 2}
)";

}  // namespace

TEST_CASE("a processor instance is read with its limits and understanding names it") {
    TempDir dir;
    LoadResult result = load(dir, kTenantWithProcessor + "    understanding: {processor: llm-main}\n");
    INFO(result.error_text());
    REQUIRE(result.ok());
    const TenantConfig& t = result.config->tenants[0];
    REQUIRE(t.processors.size() == 1);
    const InstanceConfig& p = t.processors[0];
    CHECK(p.kind == InstanceKind::processor);
    CHECK(p.dispatch.max_attempts == 2);
    CHECK(p.concurrency == 2);  // from the manifest's defaults
    REQUIRE(p.rate);
    CHECK(p.rate->per_second == 2);
    CHECK(p.dispatch.timeout == 40000ms);
    CHECK(t.understanding.processor == "llm-main");
    CHECK(t.find_instance("llm-main") == &p);
    CHECK(result.config->mask_secrets("key sk-secret-key-1") == "key ***");
}

TEST_CASE("without understanding no processor is asked") {
    TempDir dir;
    LoadResult result = load(dir, kTenantWithProcessor);
    INFO(result.error_text());
    REQUIRE(result.ok());
    CHECK(result.config->tenants[0].understanding.processor.empty());
}

TEST_CASE("a disabled processor switches the second reading off without an error") {
    TempDir dir;
    std::string yaml = R"(version: 1
admin: {enabled: false}
tenants:
  - id: lilia
    processors: [{name: llm-main, plugin: llm, enabled: false, options: {model: m}}]
    understanding: {processor: llm-main}
)";
    LoadResult result = load(dir, yaml);
    INFO(result.error_text());
    REQUIRE(result.ok());
    CHECK(result.config->tenants[0].understanding.processor.empty());
}

TEST_CASE("understanding that does not name a processor is refused at its position") {
    TempDir dir;
    SECTION("a typo gets a suggestion") {
        auto result = load(dir, kTenantWithProcessor + "    understanding: {processor: llm-mian}\n");
        CHECK(has_error(result, 9, 32, "unknown processor 'llm-mian'"));
        CHECK(has_error(result, 9, 32, "llm-main"));
    }
    SECTION("a sink is not a processor") {
        auto result = load(dir, kTenantWithProcessor + "    understanding: {processor: crm}\n");
        CHECK(has_error(result, 9, 32, "'crm' is a sink, not a processor"));
    }
    SECTION("the processor key is required and nothing else is known") {
        auto result = load(dir, kTenantWithProcessor + "    understanding: {model: x}\n");
        CHECK_FALSE(result.ok());
        bool unknown_key = false, missing = false;
        for (const auto& e : result.errors) {
            if (e.message.find("model") != std::string::npos) unknown_key = true;
            if (e.message.find("processor") != std::string::npos) missing = true;
        }
        CHECK(unknown_key);
        CHECK(missing);
    }
    SECTION("a tenant without processors is told to add one") {
        std::string yaml = R"(version: 1
admin: {enabled: false}
tenants:
  - id: lilia
    understanding: {processor: llm}
)";
        auto result = load(dir, yaml);
        CHECK(has_error(result, 5, 32, "the tenant has no processors"));
    }
    SECTION("a processor plugin that is not a processor is refused") {
        auto result = load(dir, R"(version: 1
admin: {enabled: false}
tenants:
  - id: lilia
    processors: [{name: p, plugin: http, options: {url: "http://x/"}}]
)");
        CHECK_FALSE(result.ok());
        CHECK_THAT(result.error_text(), Catch::Contains("processor"));
    }
    SECTION("a processor in a route's 'to' is refused") {
        auto result = load(dir, kTenantWithProcessor + "    routes: [{from: '*', to: [llm-main]}]\n");
        CHECK_THAT(result.error_text(), Catch::Contains("'llm-main' is a processor: routes deliver only to sinks and notifiers"));
    }
    SECTION("a processor's name may not repeat another instance's") {
        auto result = load(dir, R"(version: 1
admin: {enabled: false}
tenants:
  - id: lilia
    sinks: [{name: crm, plugin: http, options: {url: "http://127.0.0.1:1/x"}}]
    processors: [{name: crm, plugin: llm, options: {model: m}}]
)");
        CHECK_THAT(result.error_text(), Catch::Contains("duplicate instance name 'crm'"));
    }
}
