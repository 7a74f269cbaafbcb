// `leadhub check-plugin` as a plugin author runs it: every shipped plugin passes, every broken
// one fails with the reason, and a plugin that crashes or hangs never takes the suite down.
#include <catch2/catch.hpp>

#include "kit_support.hpp"

using namespace leadhub::testing;

namespace {

Ran check(const TempDir& dir, const std::string& library, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"check-plugin", library};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_leadhub(dir, args);
}

// The check's report line, which must exist and start with `verdict` ("PASS" or "FAIL").
std::string line_of(const Ran& r, const std::string& check_name, const std::string& verdict) {
    std::string line = report_line(r.output, check_name);
    INFO(r.output);
    REQUIRE_FALSE(line.empty());
    CHECK(line.rfind(verdict + "  ", 0) == 0);
    return line;
}

void all_pass(const Ran& r) {
    INFO(r.output);
    CHECK(r.code == 0);
    CHECK(r.output.find("FAIL") == std::string::npos);
    CHECK_THAT(r.output, Catch::Contains(" checks passed"));
}

}  // namespace

TEST_CASE("the shipped plugins pass the conformance suite") {
    TempDir dir("leadhub-kit-check");
    SECTION("webform, a source: every malformed body gets a 4xx") {
        Ran r = check(dir, built_plugin("webform"));
        all_pass(r);
        CHECK_THAT(line_of(r, "source: binary garbage is answered 4xx", "PASS"), Catch::Contains("HTTP 4"));
        line_of(r, "source: a huge body (3 MiB) is answered 4xx", "PASS");
        line_of(r, "source: a webhook after stop is refused by the host", "PASS");
    }
    SECTION("http, a sink: an unreachable endpoint is a classified retry") {
        Ran r = check(dir, built_plugin("http"), {"--options", R"({"url": "http://127.0.0.1:9/"})"});
        all_pass(r);
        CHECK_THAT(line_of(r, "sink: a complete lead gets a classified outcome", "PASS"), Catch::Contains("retry: "));
        line_of(r, "sink: a deliver after stop is refused by the host, not passed to the plugin", "PASS");
        CHECK_THAT(line_of(r, "options: every required option has a value", "PASS"), Catch::Contains("url"));
    }
    SECTION("file, a sink that writes a ledger") {
        Ran r = check(dir, built_plugin("file"), {"--options", "{\"path\": \"" + (dir / "ledger.jsonl") + "\"}"});
        all_pass(r);
        CHECK_THAT(line_of(r, "sink: a complete lead gets a classified outcome", "PASS"), Catch::Contains("ok"));
    }
    SECTION("a plugin with a required token passes once the token is given, and says so when it is not") {
        all_pass(check(dir, broken_plugin("requires_option"), {"-o", R"({"token": "t"})"}));
        Ran without = check(dir, broken_plugin("requires_option"));
        CHECK(without.code == 1);
        CHECK_THAT(line_of(without, "options: every required option has a value", "FAIL"),
                   Catch::Contains("pass --options '{\"token\": \"...\"}'"));
        CHECK_THAT(line_of(without, "lifecycle: create and destroy", "FAIL"), Catch::Contains("option 'token' is required"));
    }
}

TEST_CASE("libraries that do not load fail the first check with the host's reason") {
    TempDir dir("leadhub-kit-check");
    const std::pair<std::string, std::string> cases[] = {
        {"wrong_abi", "ABI"},
        {"missing_export", "leadhub_manifest"},
        {"manifest_not_json", "JSON"},
        {"manifest_missing_name", "manifest has no 'name'"},
    };
    for (const auto& [name, reason] : cases) {
        INFO(name);
        Ran r = check(dir, broken_plugin(name));
        INFO(r.output);
        CHECK(r.code == 1);
        CHECK_THAT(line_of(r, "load: the library loads", "FAIL"), Catch::Contains(reason));
        CHECK_THAT(r.output, Catch::Contains("nothing else can be checked"));
    }
    Ran missing = check(dir, dir / "no-such-plugin.so");
    CHECK(missing.code == 1);
    CHECK_THAT(line_of(missing, "load: the library loads", "FAIL"), Catch::Contains("no-such-plugin.so"));
}

TEST_CASE("misbehaving plugins fail the checks they break, each with the reason") {
    TempDir dir("leadhub-kit-check");
    SECTION("a factory that throws") {
        Ran r = check(dir, broken_plugin("factory_throws"));
        CHECK(r.code == 1);
        CHECK_THAT(line_of(r, "lifecycle: create and destroy", "FAIL"), Catch::Contains("factory exploded on purpose"));
        line_of(r, "manifest: the options schema is valid", "PASS");
    }
    SECTION("a start that throws") {
        Ran r = check(dir, broken_plugin("start_throws"));
        CHECK(r.code == 1);
        line_of(r, "lifecycle: create and destroy", "PASS");
        CHECK_THAT(line_of(r, "lifecycle: start, then stop", "FAIL"), Catch::Contains("start exploded on purpose"));
        line_of(r, "lifecycle: stop without start is harmless", "PASS");
    }
    SECTION("an exception thrown across the C boundary") {
        Ran r = check(dir, broken_plugin("deliver_throws"));
        CHECK(r.code == 1);
        CHECK_THAT(line_of(r, "sink: a complete lead gets a classified outcome", "FAIL"),
                   Catch::Contains("exception escaped the plugin's deliver across the C boundary: deliver exploded on purpose"));
    }
    SECTION("results that are not what the ABI says") {
        Ran r = check(dir, broken_plugin("bad_results"));
        CHECK(r.code == 1);
        CHECK_THAT(line_of(r, "source: an empty body is answered 4xx", "FAIL"), Catch::Contains("answered HTTP 202"));
        CHECK_THAT(line_of(r, "sink: a lead with nothing but an id gets a classified outcome", "FAIL"),
                   Catch::Contains("not JSON: 'ok, delivered!'"));
        CHECK_THAT(line_of(r, "processor: an empty object gets a JSON object back", "FAIL"), Catch::Contains("not JSON"));
    }
    SECTION("a careless manifest") {
        Ran r = check(dir, kit_plugin("sloppy_manifest"));
        CHECK(r.code == 1);
        CHECK_THAT(line_of(r, "manifest: the version is semantic", "FAIL"), Catch::Contains("'v1'"));
        CHECK_THAT(line_of(r, "manifest: every option has help text", "FAIL"), Catch::Contains("level"));
        line_of(r, "processor: a customer's text gets a JSON object back", "PASS");
    }
}

TEST_CASE("a plugin that crashes or hangs fails its checks and the suite goes on") {
    TempDir dir("leadhub-kit-check");
    Ran crash = check(dir, kit_plugin("crashes_in_deliver"));
    CHECK(crash.code == 1);
    CHECK_THAT(line_of(crash, "sink: a complete lead gets a classified outcome", "FAIL"),
               Catch::Contains("crashed with signal 11"));
    line_of(crash, "sink: a deliver after stop is refused by the host", "PASS");
    CHECK_THAT(crash.output, Catch::Contains(" checks passed"));

    Ran hang = check(dir, kit_plugin("hangs_in_start"), {"--timeout", "1"});
    CHECK(hang.code == 1);
    line_of(hang, "lifecycle: create and destroy", "PASS");
    CHECK_THAT(line_of(hang, "lifecycle: start, then stop", "FAIL"), Catch::Contains("did not finish within 1000 ms"));
}

TEST_CASE("check-plugin usage errors exit 2 with the usage") {
    TempDir dir("leadhub-kit-check");
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"check-plugin"},
             {"check-plugin", "a.so", "b.so"},
             {"check-plugin", built_plugin("http"), "--options", "[1]"},
             {"check-plugin", built_plugin("http"), "--options", "{url"},
             {"check-plugin", built_plugin("http"), "--timeout", "0"},
             {"check-plugin", built_plugin("http"), "--timeout", "5s"},
             {"check-plugin", "--frobnicate"}}) {
        Ran r = run_leadhub(dir, args);
        INFO(r.output);
        CHECK(r.code == 2);
        CHECK_THAT(r.output, Catch::Contains("usage: leadhub check-plugin"));
    }
    Ran help = run_leadhub(dir, {"check-plugin", "--help"});
    CHECK(help.code == 0);
    CHECK_THAT(help.output, Catch::Contains("--options"));
}
