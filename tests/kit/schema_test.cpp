// `leadhub schema`: the config's JSON Schema with the installed plugins' options, and the plugins
// of a config's plugins.dirs when -c names one.
#include <catch2/catch.hpp>

#include "kit_support.hpp"

#include <nlohmann/json.hpp>

using namespace leadhub::testing;

namespace {

// The JSON document in the output; stdout and stderr share one log, so warnings may surround it.
nlohmann::json schema_of(const Ran& r) {
    const std::size_t start = r.output.find("{\n"), end = r.output.rfind("\n}");
    REQUIRE(start != std::string::npos);
    REQUIRE(end != std::string::npos);
    nlohmann::json schema = nlohmann::json::parse(r.output.substr(start, end + 2 - start), nullptr, false);
    INFO(r.output.substr(0, 2000));
    REQUIRE(schema.is_object());
    return schema;
}

}  // namespace

TEST_CASE("schema prints a JSON Schema with every installed plugin's options") {
    TempDir dir("leadhub-kit-schema");
    Ran r = run_leadhub(dir, {"schema"});
    CHECK(r.code == 0);
    nlohmann::json schema = schema_of(r);
    CHECK(schema.contains("properties"));
    CHECK(schema["properties"].contains("tenants"));
    const std::string text = schema.dump();
    for (const char* option : {"phone_country", "idempotency_header", "fsync"}) {
        INFO(option);
        CHECK(text.find(option) != std::string::npos);
    }
    CHECK(text.find("kit-crashes-in-deliver") == std::string::npos);
}

TEST_CASE("schema -c adds the plugins of the config's plugins.dirs") {
    TempDir dir("leadhub-kit-schema");
    write_file(dir / "leadhub.yaml", std::string("version: 1\nlisten: 127.0.0.1:8080\nadmin: {enabled: false}\n"
                                         "plugins:\n  dirs: [") + LEADHUB_KIT_TEST_PLUGIN_DIR + "]\ntenants:\n  - id: t1\n");
    Ran r = run_leadhub(dir, {"schema", "-c", dir / "leadhub.yaml"});
    CHECK(r.code == 0);
    CHECK(r.output.find("has errors") == std::string::npos);
    const std::string text = schema_of(r).dump();
    CHECK(text.find("kit-crashes-in-deliver") != std::string::npos);
    CHECK(text.find("phone_country") != std::string::npos);
}

TEST_CASE("schema refuses extra arguments and a missing config") {
    TempDir dir("leadhub-kit-schema");
    Ran extra = run_leadhub(dir, {"schema", "now"});
    CHECK(extra.code == 2);
    CHECK_THAT(extra.output, Catch::Contains("usage: leadhub schema"));
    Ran missing = run_leadhub(dir, {"schema", "-c", dir / "nope.yaml"});
    CHECK(missing.code == 1);
    CHECK_THAT(missing.output, Catch::Contains("cannot read the config"));
}
