// `leadhub new-plugin` output is a working plugin: for every kind, the folder it writes configures
// against an SDK installed into a temp prefix, builds without a warning, passes its own tests,
// and passes `leadhub check-plugin`. Slow on purpose (four real builds); the SDK is installed once,
// and the four folders are configured, then built, side by side (each a build of its own, as a
// plugin author runs it) so that the builds keep every core busy.
#include <catch2/catch.hpp>

#include "kit_support.hpp"

#include <filesystem>

using namespace leadhub::testing;

namespace {

const std::chrono::seconds kBuildTimeout(600);

Ran must_run(const TempDir& dir, const std::vector<std::string>& argv) {
    Ran r = run_program(dir, argv, kBuildTimeout);
    INFO(r.output);
    REQUIRE(r.code == 0);
    return r;
}

}  // namespace

TEST_CASE("new-plugin usage: bad names, kinds and busy folders are refused with the right exit code") {
    TempDir dir("leadhub-kit-new");
    const std::vector<std::pair<std::vector<std::string>, int>> cases = {
        {{"new-plugin", "demo"}, 2},                                 // no --kind
        {{"new-plugin", "--kind", "crm", "demo", dir / "a"}, 2},      // unknown kind
        {{"new-plugin", "--kind", "sink", "Demo", dir / "b"}, 2},     // bad name
        {{"new-plugin", "--kind", "sink", "../x", dir / "c"}, 2},     // a path is no name
        {{"new-plugin", "--kind", "sink"}, 2},                       // no name
        {{"new-plugin", "--kind", "sink", "a", "b", "c"}, 2},        // too many
    };
    for (const auto& [args, code] : cases) {
        Ran r = run_leadhub(dir, args);
        INFO(r.output);
        CHECK(r.code == code);
        CHECK_THAT(r.output, Catch::Contains("usage: leadhub new-plugin"));
    }
    for (const char* never : {"a", "b", "c"}) CHECK_FALSE(std::filesystem::exists(dir / never));

    std::filesystem::create_directories(dir / "busy");
    write_file(dir / "busy/keep.txt", "mine");
    Ran busy = run_leadhub(dir, {"new-plugin", "--kind", "sink", "demo", dir / "busy"});
    CHECK(busy.code == 1);
    CHECK_THAT(busy.output, Catch::Contains("exists and is not empty"));
    CHECK(read_file(dir / "busy/keep.txt") == "mine");
}

TEST_CASE("new-plugin writes ./NAME by default") {
    TempDir dir("leadhub-kit-new");
    const auto previous = std::filesystem::current_path();
    std::filesystem::current_path(dir.path());  // the child inherits the working directory
    Ran r = run_leadhub(dir, {"new-plugin", "-k", "processor", "my-proc"});
    std::filesystem::current_path(previous);
    INFO(r.output);
    CHECK(r.code == 0);
    CHECK(std::filesystem::is_regular_file(dir / "my-proc/my_proc_processor.cpp"));
    CHECK_THAT(r.output, Catch::Contains("wrote the processor plugin 'my-proc'"));
}

TEST_CASE("every kind of generated plugin builds against the installed SDK, passes its tests and check-plugin") {
    TempDir dir("leadhub-kit-build");
    const std::string prefix = dir / "prefix";
    must_run(dir, {LEADHUB_CMAKE_COMMAND, "--install", LEADHUB_BINARY_DIR, "--prefix", prefix, "--component", "leadhub-sdk"});
    REQUIRE(std::filesystem::exists(prefix + "/include/leadhub/sdk/testing.hpp"));

    const std::vector<std::pair<std::string, std::string>> kinds = {
        {"source", R"({"token": "kit-token"})"},
        {"sink", R"({"url": "http://127.0.0.1:9/"})"},
        {"notifier", R"({"url": "http://127.0.0.1:9/", "chat": "-100"})"},
        {"processor", "{}"},
    };
    const auto src = [&](const std::string& kind) { return dir / ("src/demo-" + kind); };
    const auto build = [&](const std::string& kind) { return dir / ("build/demo-" + kind); };
    std::vector<std::vector<std::string>> configures, builds;
    for (const auto& [kind, options] : kinds) {
        INFO("kind: " << kind);
        Ran wrote = run_leadhub(dir, {"new-plugin", "--kind", kind, "demo-" + kind, src(kind)});
        INFO(wrote.output);
        REQUIRE(wrote.code == 0);
        configures.push_back({LEADHUB_CMAKE_COMMAND, "-S", src(kind), "-B", build(kind), "-G", "Ninja",
                              "-DCMAKE_PREFIX_PATH=" + prefix, "-DCMAKE_CXX_FLAGS=-Wall -Wextra -Wpedantic -Werror"});
        builds.push_back({LEADHUB_CMAKE_COMMAND, "--build", build(kind), "-j1"});
    }
    for (const auto& step : {configures, builds}) {
        const std::vector<Ran> ran = run_programs(dir, step, kBuildTimeout);
        for (std::size_t i = 0; i < ran.size(); ++i) {
            INFO("kind: " << kinds[i].first << "\n" << ran[i].output);
            REQUIRE(ran[i].code == 0);
        }
    }

    for (const auto& [kind, options] : kinds) {
        INFO("kind: " << kind);
        const std::string name = "demo-" + kind;
        Ran tests = must_run(dir, {LEADHUB_CTEST_COMMAND, "--test-dir", build(kind), "--output-on-failure"});
        CHECK_THAT(tests.output, Catch::Contains("100% tests passed"));

        const std::string library = build(kind) + "/plugins/leadhub-" + name + ".so";
        Ran checked = run_leadhub(dir, {"check-plugin", library, "--options", options});
        INFO(checked.output);
        CHECK(checked.code == 0);
        CHECK(checked.output.find("FAIL") == std::string::npos);
    }
}
