// The loader against the deliberately broken libraries: every refusal names the file and the reason,
// and the version is checked before any other export runs.
#include "host/plugin_library.hpp"
#include "test_plugins.hpp"

#include <boost/dll/shared_library.hpp>
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>

using namespace leadhub::host;
using namespace leadhub::host::testing;
namespace fs = std::filesystem;

namespace {

std::string refusal(const std::string& plugin, const fs::path& shadow_dir) {
    LoadResult loaded = PluginLibrary::load(test_plugin(plugin), shadow_dir);
    CHECK_FALSE(loaded);
    CHECK(loaded.library == nullptr);
    return loaded.error;
}

bool dir_is_empty(const fs::path& dir) { return fs::is_empty(dir); }

}  // namespace

TEST_CASE("a good plugin loads with its manifest and table", "[library]") {
    TempDir shadow;
    auto library = load_good("good", shadow.path());
    CHECK(library->name() == "test-good");
    CHECK(library->version() == "1.0.0");
    CHECK(library->kinds() == std::vector<std::string>{"source", "sink"});
    CHECK(library->has_kind("sink"));
    CHECK(library->has_kind("source"));
    CHECK_FALSE(library->has_kind("processor"));
    CHECK(library->source_path() == test_plugin("good"));
    CHECK(library->display_name() == "leadhub-test-good.so");
    CHECK(library->manifest().at("options").at(0).at("name") == "fail");
    CHECK(library->api().create != nullptr);
    CHECK(library->api().deliver != nullptr);
    CHECK(library->api().size == sizeof(lh_plugin_api));
}

TEST_CASE("the shadow copy has a unique name and goes away with the library", "[library]") {
    TempDir shadow;
    fs::path first_copy, second_copy;
    {
        auto first = load_good("good", shadow.path());
        auto second = load_good("good", shadow.path());
        first_copy = first->shadow_path();
        second_copy = second->shadow_path();
        CHECK(first_copy != second_copy);
        CHECK(first_copy.parent_path() == shadow.path());
        CHECK(first_copy.filename().string().rfind("leadhub-test-good-", 0) == 0);
        CHECK(first_copy.extension() == ".so");
        CHECK(fs::exists(first_copy));
        CHECK(fs::exists(second_copy));
    }
    CHECK_FALSE(fs::exists(first_copy));
    CHECK_FALSE(fs::exists(second_copy));
}

TEST_CASE("a missing shadow directory is created", "[library]") {
    TempDir scratch;
    auto library = load_good("good", scratch.path() / "deeper" / "shadow");
    CHECK(fs::exists(library->shadow_path()));
}

TEST_CASE("a wrong ABI version is refused naming both versions", "[library][broken]") {
    TempDir shadow;
    unsetenv("LEADHUB_TEST_WRONG_ABI_TOUCHED");
    std::string error = refusal("wrong_abi", shadow.path());
    CHECK(error == "leadhub-test-wrong_abi.so: ABI version " + std::to_string(LEADHUB_ABI_VERSION + 6) +
                       ", this leadhub speaks version " + std::to_string(LEADHUB_ABI_VERSION) +
                       ": rebuild the plugin against the current SDK");
    CHECK(dir_is_empty(shadow.path()));
}

TEST_CASE("a wrong ABI version is refused before any other export runs", "[library][broken]") {
    TempDir shadow;
    unsetenv("LEADHUB_TEST_WRONG_ABI_TOUCHED");
    REQUIRE_FALSE(PluginLibrary::load(test_plugin("wrong_abi"), shadow.path()));
    CHECK(std::getenv("LEADHUB_TEST_WRONG_ABI_TOUCHED") == nullptr);

    // The mark really is left when the manifest is read: the check above can fail.
    boost::dll::shared_library direct(boost::dll::fs::path(test_plugin("wrong_abi").string()),
                                      boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
    direct.get<const char*()>("leadhub_manifest")();
    const char* mark = std::getenv("LEADHUB_TEST_WRONG_ABI_TOUCHED");
    REQUIRE(mark != nullptr);
    CHECK(std::string(mark) == "leadhub_manifest");
    unsetenv("LEADHUB_TEST_WRONG_ABI_TOUCHED");
}

TEST_CASE("a library without the manifest export is refused", "[library][broken]") {
    TempDir shadow;
    CHECK(refusal("missing_export", shadow.path()) ==
          "leadhub-test-missing_export.so: missing export 'leadhub_manifest' (did the plugin use LEADHUB_PLUGIN?)");
    CHECK(dir_is_empty(shadow.path()));
}

TEST_CASE("a manifest that is not JSON is refused with the parse error", "[library][broken]") {
    TempDir shadow;
    std::string error = refusal("manifest_not_json", shadow.path());
    CHECK(error.rfind("leadhub-test-manifest_not_json.so: manifest is not JSON: ", 0) == 0);
    CHECK_THAT(error, Catch::Contains("parse error"));
}

TEST_CASE("a manifest without a name is refused", "[library][broken]") {
    TempDir shadow;
    CHECK(refusal("manifest_missing_name", shadow.path()) == "leadhub-test-manifest_missing_name.so: manifest has no 'name'");
}

TEST_CASE("a file that is not a shared library is refused with the loader's reason", "[library][broken]") {
    TempDir scratch;
    fs::path fake = scratch.path() / "leadhub-fake.so";
    std::ofstream(fake) << "not an ELF file";
    std::string error = PluginLibrary::load(fake, scratch.path() / "shadow").error;
    CHECK(error.rfind("leadhub-fake.so: cannot be loaded: ", 0) == 0);
    CHECK(dir_is_empty(scratch.path() / "shadow"));
}

TEST_CASE("a file that does not exist is refused", "[library][broken]") {
    TempDir scratch;
    std::string error = PluginLibrary::load(scratch.path() / "leadhub-nowhere.so", scratch.path()).error;
    CHECK(error.rfind("leadhub-nowhere.so: no such plugin file", 0) == 0);
}

TEST_CASE("a shadow directory that cannot be created is reported", "[library][broken]") {
    TempDir scratch;
    fs::path blocker = scratch.path() / "file";
    std::ofstream(blocker) << "x";
    std::string error = PluginLibrary::load(test_plugin("good"), blocker / "shadow").error;
    CHECK(error.rfind("leadhub-test-good.so: cannot create the shadow directory ", 0) == 0);
}
