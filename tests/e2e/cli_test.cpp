// The `leadhub` commands as a user types them: exit codes, messages, --help.
#include <catch2/catch.hpp>

#include "e2e_support.hpp"

#include <filesystem>

using namespace leadhub::testing;

namespace {
Run run(const TempDir& dir, std::vector<std::string> args, std::map<std::string, std::string> env = {}) {
    args.insert(args.begin(), leadhub_binary());
    std::string log = dir / ("cli-" + std::to_string(std::rand()) + ".log");
    ChildProcess p(args, env, log);
    auto code = p.wait(std::chrono::seconds(30));
    return {code.value_or(-1), read_file(log)};
}
}  // namespace

TEST_CASE("validate accepts the shipped demo config") {
    TempDir dir("leadhub-cli");
    auto r = run(dir, {"validate", "-c", source_dir() + "/configs/demo.yaml"}, {{"LEADHUB_ADMIN_TOKEN", kAdminToken}});
    INFO(r.output);
    CHECK(r.code == 0);
    CHECK_THAT(r.output, Catch::Contains("valid"));
}

TEST_CASE("validate accepts the shipped salon config with every channel, and names a missing secret") {
    TempDir dir("leadhub-cli");
    std::map<std::string, std::string> env = {{"LEADHUB_ADMIN_TOKEN", kAdminToken},
                                              {"TG_BOT_TOKEN", "123456789:AAEabcdefghijklmnopqrstuvwxyz012345"},
                                              {"WA_ACCESS_TOKEN", "wa"}, {"META_APP_SECRET", "app-secret"},
                                              {"META_VERIFY_TOKEN", "verify"}, {"IG_ACCESS_TOKEN", "ig"},
                                              {"VK_TOKEN", "vk"}, {"ZADARMA_SECRET", "zd"}, {"SITE_FORM_TOKEN", "form"}};
    auto r = run(dir, {"validate", "-c", source_dir() + "/configs/salon.yaml"}, env);
    INFO(r.output);
    CHECK(r.code == 0);
    CHECK_THAT(r.output, Catch::Contains("valid (1 tenant, 7 plugin instances)"));

    env.erase("META_APP_SECRET");
    auto missing = run(dir, {"validate", "-c", source_dir() + "/configs/salon.yaml"}, env);
    INFO(missing.output);
    CHECK(missing.code == 1);
    CHECK_THAT(missing.output, Catch::Contains("META_APP_SECRET"));
}

TEST_CASE("validate creates each instance, so a secret one mode requires is a config error, and starts nothing") {
    TempDir dir("leadhub-cli");
    write_file(dir / "modes.yaml",
               "version: 1\n"
               "listen: 127.0.0.1:8099\n"
               "admin: {token: a-token-of-sixteen-chars}\n"
               "storage: {path: never.db}\n"
               "tenants:\n"
               "  - id: salon\n"
               "    sources:\n"
               "      - {name: tg, plugin: telegram, options: {bot_token: \"123456789:AAEabcdefghijklmnopqrstuvwxyz012345\"}}\n"
               "      - {name: tg-poll, plugin: telegram, options: {bot_token: \"123456789:AAEabcdefghijklmnopqrstuvwxyz012345\", mode: polling}}\n"
               "    sinks:\n"
               "      - {name: crm, plugin: file, options: {path: never.jsonl}}\n"
               "    routes:\n"
               "      - {from: '*', to: [crm]}\n");
    auto r = run(dir, {"validate", "-c", dir / "modes.yaml"});
    INFO(r.output);
    CHECK(r.code == 1);
    CHECK_THAT(r.output, Catch::Contains("salon/tg: "));
    CHECK_THAT(r.output, Catch::Contains("option 'secret_token' is required in webhook mode"));
    CHECK_THAT(r.output, !Catch::Contains("salon/tg-poll"));  // polling needs no secret token
    CHECK_THAT(r.output, Catch::Contains("1 instance refused by its plugin"));
    CHECK_FALSE(std::filesystem::exists(dir / "never.db"));
    CHECK_FALSE(std::filesystem::exists(dir / "never.jsonl"));
}

TEST_CASE("validate prints every error with file:line:column and exits 1") {
    TempDir dir("leadhub-cli");
    write_file(dir / "bad.yaml",
               "version: 1\n"
               "listen: 127.0.0.1:8080\n"
               "admin: {token: \"${NO_SUCH_VARIABLE_XYZ}\"}\n"
               "tenats: []\n"
               "tenants:\n"
               "  - id: t1\n"
               "    sources:\n"
               "      - {name: site, plugin: webfrom}\n"
               "    sinks:\n"
               "      - {name: crm, plugin: file, options: {pathh: x}}\n"
               "    routes:\n"
               "      - {from: [site], to: [crn]}\n");
    auto r = run(dir, {"validate", "-c", dir / "bad.yaml"});
    INFO(r.output);
    CHECK(r.code == 1);
    CHECK_THAT(r.output, Catch::Contains("bad.yaml:3:"));
    CHECK_THAT(r.output, Catch::Contains("NO_SUCH_VARIABLE_XYZ"));
    CHECK_THAT(r.output, Catch::Contains("bad.yaml:4:1:"));
    CHECK_THAT(r.output, Catch::Contains("did you mean 'tenants'?"));
    CHECK_THAT(r.output, Catch::Contains("did you mean 'webform'?"));
    CHECK_THAT(r.output, Catch::Contains("did you mean 'path'?"));
    CHECK_THAT(r.output, Catch::Contains("did you mean 'crm'?"));
}

TEST_CASE("a missing config file is a clear error, not a crash") {
    TempDir dir("leadhub-cli");
    auto r = run(dir, {"validate", "-c", dir / "nope.yaml"});
    CHECK(r.code == 1);
    CHECK_THAT(r.output, Catch::Contains("nope.yaml"));
    auto started = run(dir, {"run", "-c", dir / "nope.yaml"});
    CHECK(started.code == 1);
}

TEST_CASE("usage errors exit 2 and every command has --help") {
    TempDir dir("leadhub-cli");
    CHECK(run(dir, {}).code == 2);
    CHECK(run(dir, {"frobnicate"}).code == 2);
    CHECK(run(dir, {"validate"}).code == 2);
    CHECK(run(dir, {"validate", "--bogus"}).code == 2);
    for (std::string cmd : {"run", "validate", "plugins", "deadletters"}) {
        auto r = run(dir, {cmd, "--help"});
        INFO(cmd);
        CHECK(r.code == 0);
        CHECK_THAT(r.output, Catch::Contains("usage: leadhub " + cmd));
    }
}

TEST_CASE("plugins lists the installed plugins with their options") {
    TempDir dir("leadhub-cli");
    auto r = run(dir, {"plugins"});
    INFO(r.output);
    CHECK(r.code == 0);
    CHECK_THAT(r.output, Catch::Contains("webform"));
    CHECK_THAT(r.output, Catch::Contains("file"));
    CHECK_THAT(r.output, Catch::Contains("http"));
    CHECK_THAT(r.output, Catch::Contains("token"));
}
