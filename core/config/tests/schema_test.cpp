#include "test_support.hpp"
#include "config/sections.hpp"

#include <catch2/catch.hpp>

#include <leadhub/sdk/options.hpp>

using namespace leadhub::config;
using namespace leadhub::config::testing;

namespace {
// The if/then entry of `definition` that applies to `plugin`, or null.
Json condition_for(const Json& definition, const std::string& plugin) {
    if (!definition.contains("allOf")) return nullptr;
    for (const auto& entry : definition["allOf"])
        if (entry["if"]["properties"]["plugin"]["const"] == plugin) return entry;
    return nullptr;
}
}  // namespace

TEST_CASE("the schema attaches each plugin's options to the kinds it provides") {
    const auto manifests = fake_manifests();
    Json schema = config_json_schema(manifests);
    CHECK(schema["$schema"] == "http://json-schema.org/draft-07/schema#");
    CHECK(schema["required"] == Json::array({"version"}));
    const Json& defs = schema["definitions"];

    Json http_sink = condition_for(defs["sink"], "http");
    REQUIRE_FALSE(http_sink.is_null());
    CHECK(http_sink["then"]["properties"]["options"] == leadhub::sdk::options_json_schema(manifests[1]["options"]));
    CHECK(http_sink["then"]["properties"]["options"]["required"] == Json::array({"url"}));
    CHECK(http_sink["then"]["required"] == Json::array({"options"}));

    CHECK(condition_for(defs["source"], "http").is_null());  // http is only a sink
    CHECK_FALSE(condition_for(defs["source"], "telegram").is_null());
    CHECK_FALSE(condition_for(defs["notifier"], "telegram").is_null());
    CHECK(defs["sink"]["properties"]["plugin"]["enum"] == Json::array({"http"}));
    CHECK(defs["notifier"]["properties"]["plugin"]["enum"] == Json::array({"telegram"}));
}

TEST_CASE("the schema covers every top-level and tenant key the loader reads") {
    Json schema = config_json_schema({});
    for (const char* key : {"version", "listen", "admin", "storage", "http", "plugins", "dispatch", "logging", "tenants",
                            "tenants_dir"})
        CHECK(schema["properties"].contains(key));
    CHECK(schema["additionalProperties"] == false);
    const Json& tenant = schema["definitions"]["tenant"];
    for (const std::string& key : tenant_keys()) {  // every key the tenant reader accepts
        INFO(key);
        CHECK(tenant["properties"].contains(key));
    }
    CHECK(schema["definitions"]["sink"]["properties"].contains("rate"));
    CHECK_FALSE(schema["definitions"]["source"]["properties"].contains("rate"));
    CHECK_FALSE(schema["definitions"]["sink"].contains("allOf"));  // no manifests, no conditions
    CHECK(schema["definitions"]["duration"]["pattern"] == "^[0-9]+(ms|s|m|h|d)$");
}
