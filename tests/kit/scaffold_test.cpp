// Writing a plugin folder from the embedded templates: which files, placeholders filled in, and
// the refusals that protect an existing folder.
#include <catch2/catch.hpp>

#include "kit/scaffold.hpp"
#include "kit/templates.hpp"
#include "support/child_process.hpp"

#include <filesystem>
#include <set>

using namespace leadhub::kit;
using leadhub::testing::read_file;
using leadhub::testing::TempDir;
using leadhub::testing::write_file;
namespace fs = std::filesystem;

TEST_CASE("render_template fills the four placeholders and leaves C++ braces alone") {
    PluginName n = derive_plugin_name("my-crm");
    CHECK(render_template("{{name}} {{identifier}} {{class}}Sink {{kind}}", n, "sink") == "my-crm my_crm MyCrmSink sink");
    CHECK(render_template(R"(Json{{"id", 5}} {{unknown}} {{name})", n, "sink") == R"(Json{{"id", 5}} {{unknown}} {{name})");
    CHECK(render_template("", n, "sink").empty());
}

TEST_CASE("the embedded templates cover every kind with the common files") {
    std::set<std::string> groups;
    for (const auto& f : template_files()) groups.insert(std::string(f.group));
    CHECK(groups == std::set<std::string>{"common", "notifier", "processor", "sink", "source"});
}

TEST_CASE("every kind writes a complete folder with no placeholder left") {
    for (const auto& kind : scaffold_kinds()) {
        INFO(kind);
        TempDir dir("leadhub-kit-scaffold");
        const fs::path target = fs::path(dir.path()) / "out" / "demo";
        auto result = write_plugin(kind, derive_plugin_name("demo-x"), target);
        REQUIRE(result.ok());
        std::set<std::string> files;
        for (const auto& p : result.written) files.insert(p.lexically_relative(target).string());
        const std::set<std::string> expected = {"CMakeLists.txt", "README.md", "plugin.cpp", "options.hpp", "options.cpp",
                                                "demo_x_" + kind + ".hpp", "demo_x_" + kind + ".cpp",
                                                "tests/readme_test.cpp", "tests/demo_x_" + kind + "_test.cpp"};
        CHECK(files == expected);
        for (const auto& p : result.written) {
            const std::string text = read_file(p.string());
            INFO(p.string());
            CHECK_FALSE(text.empty());
            for (const char* placeholder : {"{{name}}", "{{identifier}}", "{{class}}", "{{kind}}"})
                CHECK(text.find(placeholder) == std::string::npos);
        }
        CHECK(read_file((target / "plugin.cpp").string()).find("\"demo-x\"") != std::string::npos);
        CHECK(read_file((target / "CMakeLists.txt").string()).find("find_package(leadhub-sdk REQUIRED)") != std::string::npos);
    }
}

TEST_CASE("an existing non-empty folder, a file in the way and an unknown kind are refused, writing nothing") {
    TempDir dir("leadhub-kit-scaffold");
    write_file(dir / "keep.txt", "mine");
    auto busy = write_plugin("sink", derive_plugin_name("demo"), dir.path());
    CHECK_THAT(busy.error, Catch::Contains("exists and is not empty"));
    CHECK(busy.written.empty());
    CHECK_FALSE(fs::exists(dir / "CMakeLists.txt"));

    auto file = write_plugin("sink", derive_plugin_name("demo"), dir / "keep.txt");
    CHECK_THAT(file.error, Catch::Contains("is not a directory"));
    CHECK(read_file(dir / "keep.txt") == "mine");

    auto kind = write_plugin("crm", derive_plugin_name("demo"), dir / "new");
    CHECK_THAT(kind.error, Catch::Contains("unknown plugin kind 'crm'"));
    CHECK_FALSE(fs::exists(dir / "new"));

    fs::create_directory(dir / "empty");
    CHECK(write_plugin("source", derive_plugin_name("demo"), dir / "empty").ok());
}
