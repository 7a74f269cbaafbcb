// `isolation:` on an instance: in_process by default, process when asked, anything else an error
// at its position.
#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace leadhub::config;
using namespace leadhub::config::testing;

namespace {
std::string config_with(const std::string& sink_isolation) {
    return "version: 1\nadmin: {enabled: false}\ntenants:\n"
           "  - id: t\n"
           "    sources:\n"
           "      - {name: site, plugin: webform, isolation: process, options: {token: secret-token-1}}\n"
           "    sinks:\n"
           "      - {name: crm, plugin: http, options: {url: \"https://x\"}" +
           sink_isolation +
           "}\n"
           "      - {name: file, plugin: http, options: {url: \"https://y\"}}\n"
           "    routes:\n"
           "      - {from: [site], to: [crm, file]}\n";
}
}  // namespace

TEST_CASE("isolation is in_process unless an instance asks for process") {
    TempDir dir;
    LoadResult result = load_text(dir, config_with(", isolation: in_process"));
    INFO((result.errors.empty() ? std::string() : result.errors[0].to_string()));
    REQUIRE(result.ok());
    const auto& tenant = result.config->tenants.at(0);
    CHECK(tenant.sources.at(0).isolation == Isolation::process);
    CHECK(tenant.sinks.at(0).isolation == Isolation::in_process);
    CHECK(tenant.sinks.at(1).isolation == Isolation::in_process);  // not written: the default
}

TEST_CASE("an unknown isolation mode is an error at its position") {
    TempDir dir;
    LoadResult result = load_text(dir, config_with(", isolation: container"));
    REQUIRE_FALSE(result.ok());
    REQUIRE(result.errors.size() == 1);
    CHECK(result.errors[0].line == 8);
    CHECK(result.errors[0].message == "isolation must be in_process or process, got 'container'");
}
