// Scanning a directory of good and broken libraries, duplicates, and replacing a library.
#include "host/plugin_registry.hpp"
#include "test_plugins.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace leadhub::host;
using namespace leadhub::host::testing;
namespace fs = std::filesystem;

namespace {

bool has_error_starting(const std::vector<std::string>& errors, const std::string& prefix) {
    return std::any_of(errors.begin(), errors.end(), [&](const std::string& e) { return e.rfind(prefix, 0) == 0; });
}

}  // namespace

TEST_CASE("a scan keeps every good library and reports every broken one", "[registry]") {
    TempDir shadow;
    PluginRegistry registry(shadow.path());
    auto errors = registry.scan({test_plugin_dir()});

    CHECK(errors.size() == 4);
    CHECK(has_error_starting(errors, "leadhub-test-wrong_abi.so: ABI version " +
                                          std::to_string(LEADHUB_ABI_VERSION + 6) + ", this leadhub speaks"));
    CHECK(has_error_starting(errors, "leadhub-test-missing_export.so: missing export 'leadhub_manifest'"));
    CHECK(has_error_starting(errors, "leadhub-test-manifest_not_json.so: manifest is not JSON"));
    CHECK(has_error_starting(errors, "leadhub-test-manifest_missing_name.so: manifest has no 'name'"));

    std::vector<std::string> names;
    for (const auto& library : registry.all()) names.push_back(library->name());
    CHECK(names == std::vector<std::string>{"test-bad-results", "test-deliver-throws", "test-factory-throws", "test-good", "test-plain-c",
                                            "test-requires-option", "test-start-throws"});
    REQUIRE(registry.find("test-good"));
    CHECK(registry.find("test-good")->source_path() == test_plugin("good"));
    CHECK(registry.find("test-wrong-abi") == nullptr);
    REQUIRE(registry.manifest("test-plain-c"));
    CHECK(registry.manifest("test-plain-c")->at("description") == "written in C");
    CHECK_FALSE(registry.manifest("nope"));
}

TEST_CASE("scanning again only picks up new files", "[registry]") {
    TempDir shadow;
    PluginRegistry registry(shadow.path());
    registry.scan({test_plugin_dir()});
    auto first = registry.find("test-good");
    auto errors = registry.scan({test_plugin_dir()});
    CHECK(errors.size() == 4);  // the broken ones, again; the good ones are not reloaded
    CHECK(registry.find("test-good") == first);
    CHECK(registry.all().size() == 7);
}

TEST_CASE("two files with one plugin name: the first wins, the second is named with it", "[registry]") {
    TempDir scratch;
    fs::create_directories(scratch.path() / "a");
    fs::create_directories(scratch.path() / "b");
    fs::copy_file(test_plugin("good"), scratch.path() / "a" / "leadhub-good.so");
    fs::copy_file(test_plugin("good"), scratch.path() / "b" / "leadhub-good-again.so");
    PluginRegistry registry(scratch.path() / "shadow");
    auto errors = registry.scan({scratch.path() / "a", scratch.path() / "b"});
    REQUIRE(errors.size() == 1);
    CHECK(errors[0] == (scratch.path() / "b" / "leadhub-good-again.so").string() +
                           ": plugin 'test-good' is already loaded from " +
                           (scratch.path() / "a" / "leadhub-good.so").string() + "; this file is ignored");
    CHECK(registry.find("test-good")->source_path() == scratch.path() / "a" / "leadhub-good.so");
    CHECK(registry.all().size() == 1);
}

TEST_CASE("a missing directory is reported and the others are still scanned", "[registry]") {
    TempDir scratch;
    PluginRegistry registry(scratch.path() / "shadow");
    auto errors = registry.scan({scratch.path() / "missing", test_plugin_dir()});
    CHECK(errors.size() == 5);
    CHECK(errors.front() == (scratch.path() / "missing").string() + ": plugin directory does not exist or is not a directory");
    CHECK(registry.find("test-good"));
}

TEST_CASE("only *.so files are loaded and subdirectories are not entered", "[registry]") {
    TempDir scratch;
    fs::create_directories(scratch.path() / "plugins" / "nested");
    fs::copy_file(test_plugin("good"), scratch.path() / "plugins" / "nested" / "leadhub-good.so");
    fs::copy_file(test_plugin("plain_c"), scratch.path() / "plugins" / "leadhub-c.so.bak");
    PluginRegistry registry(scratch.path() / "shadow");
    CHECK(registry.scan({scratch.path() / "plugins"}).empty());
    CHECK(registry.all().empty());
}

TEST_CASE("replace swaps a library and hands back the old one", "[registry]") {
    TempDir shadow;
    PluginRegistry registry(shadow.path());
    CHECK(registry.replace(nullptr) == nullptr);
    auto first = load_good("good", shadow.path());
    CHECK(registry.replace(first) == nullptr);
    auto second = load_good("good", shadow.path());
    CHECK(registry.replace(second) == first);
    CHECK(registry.find("test-good") == second);
    CHECK(registry.all().size() == 1);
    CHECK(registry.remove("test-good"));
    CHECK_FALSE(registry.remove("test-good"));
    CHECK(registry.find("test-good") == nullptr);
}

TEST_CASE("resolve opens only leadhub-<name>.so when that file declares the plugin", "[registry][resolve]") {
    TempDir scratch;
    fs::create_directories(scratch.path() / "plugins");
    fs::copy_file(test_plugin("good"), scratch.path() / "plugins" / "leadhub-test-good.so");
    fs::copy_file(test_plugin("wrong_abi"), scratch.path() / "plugins" / "leadhub-broken.so");
    fs::copy_file(test_plugin("plain_c"), scratch.path() / "plugins" / "leadhub-test-plain-c.so");
    PluginRegistry registry(scratch.path() / "shadow");

    auto resolved = registry.resolve("test-good", {scratch.path() / "plugins"});
    REQUIRE(resolved.library);
    CHECK(resolved.library->source_path() == scratch.path() / "plugins" / "leadhub-test-good.so");
    CHECK(resolved.errors.empty());  // the broken library was never opened
    CHECK_FALSE(resolved.scanned);
    CHECK(registry.all().size() == 1);

    // Asking again finds the loaded one without touching the directory.
    fs::remove(scratch.path() / "plugins" / "leadhub-test-good.so");
    CHECK(registry.resolve("test-good", {scratch.path() / "plugins"}).library == resolved.library);
}

TEST_CASE("resolve takes the first directory that has the conventional file", "[registry][resolve]") {
    TempDir scratch;
    for (const char* dir : {"a", "b"}) {
        fs::create_directories(scratch.path() / dir);
        fs::copy_file(test_plugin("good"), scratch.path() / dir / "leadhub-test-good.so");
    }
    PluginRegistry registry(scratch.path() / "shadow");
    auto resolved = registry.resolve("test-good", {scratch.path() / "missing", scratch.path() / "a", scratch.path() / "b"});
    REQUIRE(resolved.library);
    CHECK(resolved.library->source_path() == scratch.path() / "a" / "leadhub-test-good.so");
    CHECK(resolved.errors.empty());
    CHECK(registry.all().size() == 1);
}

TEST_CASE("resolve falls back to a scan for a library named otherwise", "[registry][resolve]") {
    TempDir scratch;
    fs::create_directories(scratch.path() / "plugins");
    // The conventional name holds another plugin; the wanted one is in a file of a third party's naming.
    fs::copy_file(test_plugin("plain_c"), scratch.path() / "plugins" / "leadhub-test-good.so");
    fs::copy_file(test_plugin("good"), scratch.path() / "plugins" / "vendor_good_plugin.so");
    fs::copy_file(test_plugin("wrong_abi"), scratch.path() / "plugins" / "leadhub-broken.so");
    PluginRegistry registry(scratch.path() / "shadow");

    auto resolved = registry.resolve("test-good", {scratch.path() / "plugins"});
    REQUIRE(resolved.library);
    CHECK(resolved.library->source_path() == scratch.path() / "plugins" / "vendor_good_plugin.so");
    CHECK(resolved.scanned);
    // The scan opened everything, so the broken library's refusal is reported, once.
    REQUIRE(resolved.errors.size() == 1);
    CHECK(has_error_starting(resolved.errors, "leadhub-broken.so: ABI version"));
    CHECK(registry.find("test-plain-c"));
}

TEST_CASE("resolve of a plugin nobody declares scans, finds nothing and says which files it refused", "[registry][resolve]") {
    TempDir scratch;
    fs::create_directories(scratch.path() / "plugins");
    fs::copy_file(test_plugin("good"), scratch.path() / "plugins" / "leadhub-test-good.so");
    fs::copy_file(test_plugin("manifest_not_json"), scratch.path() / "plugins" / "leadhub-nope.so");
    PluginRegistry registry(scratch.path() / "shadow");

    auto resolved = registry.resolve("nope", {scratch.path() / "plugins"});
    CHECK_FALSE(resolved.library);
    CHECK(resolved.scanned);
    CHECK(has_error_starting(resolved.errors, "leadhub-nope.so: manifest is not JSON"));
    CHECK(registry.find("test-good"));  // the scan made every good library known
    CHECK_FALSE(registry.resolve("also-missing", {}).library);
}

TEST_CASE("the conventional file name of a plugin", "[registry][resolve]") {
    CHECK(PluginRegistry::conventional_file_name("bitrix24") == "leadhub-bitrix24.so");
    CHECK(PluginRegistry::conventional_file_name("test-plain-c") == "leadhub-test-plain-c.so");
    CHECK(PluginRegistry::conventional_file_name("").empty());
    CHECK(PluginRegistry::conventional_file_name("../evil").empty());
    CHECK(PluginRegistry::conventional_file_name("a/b").empty());
}
