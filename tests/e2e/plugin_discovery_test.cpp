// Which plugin libraries `leadhub validate` and `leadhub run` open: only those their config names,
// found by the file name leadhub-<name>.so and, failing that, by scanning the plugin directories.
// An installed library the config does not use is never opened, so a broken one cannot disturb a
// start; `leadhub plugins` still opens and reports every library.
#include <catch2/catch.hpp>

#include "e2e_support.hpp"

#include <csignal>
#include <filesystem>
#include <sstream>

using namespace leadhub::testing;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

Run run_leadhub(const TempDir& dir, std::vector<std::string> args) {
    static int n = 0;
    args.insert(args.begin(), leadhub_binary());
    std::string log = dir / ("discovery-" + std::to_string(++n) + ".log");
    ChildProcess p(args, {{"LEADHUB_ADMIN_TOKEN", kAdminToken}}, log);
    return {p.wait(std::chrono::seconds(30)).value_or(-1), read_file(log)};
}

fs::path test_plugin(const std::string& name) {
    return fs::path(LEADHUB_BINARY_DIR) / "lib" / "leadhub" / "test-plugins" / ("leadhub-test-" + name + ".so");
}

// A plugin directory holding a library that every loader refuses (it speaks another ABI).
fs::path plugin_dir_with_broken_library(const TempDir& dir) {
    fs::path plugins = fs::path(dir.path()) / "plugins";
    fs::create_directories(plugins);
    fs::copy_file(test_plugin("wrong_abi"), plugins / "leadhub-broken.so");
    return plugins;
}

std::string config_yaml(int port, const fs::path& plugins, const std::string& sink = "") {
    std::ostringstream y;
    y << "version: 1\nlisten: 127.0.0.1:" << port << "\nadmin:\n  token: ${LEADHUB_ADMIN_TOKEN}\n"
      << "storage:\n  path: leadhub.db\n"
      << "plugins:\n  dirs: ['" << plugins.string() << "']\n"
      << "tenants:\n  - id: t1\n    sources:\n      - {name: site, plugin: webform}\n"
      << sink;
    return y.str();
}

}  // namespace

TEST_CASE("validate and run leave an unused broken library alone; plugins still reports it") {
    TempDir dir("leadhub-discovery");
    fs::path plugins = plugin_dir_with_broken_library(dir);
    int port = free_port();
    write_file(dir / "leadhub.yaml", config_yaml(port, plugins));

    auto valid = run_leadhub(dir, {"validate", "-c", dir / "leadhub.yaml"});
    INFO(valid.output);
    CHECK(valid.code == 0);
    CHECK_THAT(valid.output, !Catch::Contains("leadhub-broken.so"));
    CHECK_THAT(valid.output, !Catch::Contains("refused"));

    auto listed = run_leadhub(dir, {"plugins", "-c", dir / "leadhub.yaml"});
    INFO(listed.output);
    CHECK(listed.code == 0);
    CHECK_THAT(listed.output, Catch::Contains("refused: leadhub-broken.so: ABI version"));
    CHECK_THAT(listed.output, Catch::Contains("webform"));
    CHECK_THAT(listed.output, Catch::Contains("file"));  // installed, unused: still listed

    Hub hub(dir, port, config_yaml(port, plugins));
    hub.start();
    REQUIRE(hub.wait_ready(20000));
    auto status = nlohmann::json::parse(hub.api("/api/status").body);
    std::vector<std::string> loaded;
    for (const auto& p : status["plugins"]) loaded.push_back(p["name"]);
    CHECK(loaded == std::vector<std::string>{"webform"});  // the file sink, installed but unused, was not opened
    // Nor is OpenSSL mapped: HTTPS is a module opened on the first https:// request.
    std::string maps = read_file("/proc/" + std::to_string(hub.process().pid()) + "/maps");
    CHECK_THAT(maps, Catch::Contains("leadhub-webform"));
    CHECK_THAT(maps, !Catch::Contains("leadhub-file"));
    CHECK_THAT(maps, !Catch::Contains("libssl"));
    CHECK_THAT(maps, !Catch::Contains("leadhub-https.so"));
    // Nor libphonenumber (with protobuf and ICU): opened on the first phone number.
    CHECK_THAT(maps, !Catch::Contains("libphonenumber"));
    CHECK_THAT(maps, !Catch::Contains("libprotobuf"));

    // A reload that names another installed plugin loads it then, by its file name.
    write_file(dir / "leadhub.yaml",
               config_yaml(port, plugins, "    sinks:\n      - {name: archive, plugin: file, options: {path: archive.jsonl}}\n"));
    hub.process().signal(SIGHUP);
    CHECK(eventually(
        [&] {
            auto s = nlohmann::json::parse(hub.api("/api/status").body, nullptr, false);
            if (s.is_discarded()) return false;
            for (const auto& p : s["plugins"])
                if (p["name"] == "file") return true;
            return false;
        },
        10000ms));
    hub.process().signal(SIGTERM);
    CHECK(hub.process().wait(std::chrono::seconds(20)) == std::optional<int>(0));
    INFO(hub.log());
    CHECK_THAT(hub.log(), !Catch::Contains("leadhub-broken.so"));
}

TEST_CASE("a plugin in a file named otherwise is still found, by scanning") {
    TempDir dir("leadhub-discovery");
    fs::path plugins = fs::path(dir.path()) / "plugins";
    fs::create_directories(plugins);
    fs::copy_file(test_plugin("good"), plugins / "vendor_good_plugin.so");  // declares 'test-good'
    write_file(dir / "leadhub.yaml", config_yaml(free_port(), plugins,
                                                 "    sinks:\n      - {name: crm, plugin: test-good}\n"));
    auto r = run_leadhub(dir, {"validate", "-c", dir / "leadhub.yaml"});
    INFO(r.output);
    CHECK(r.code == 0);
    CHECK_THAT(r.output, Catch::Contains("valid (1 tenant, 2 plugin instances)"));
}

TEST_CASE("an unknown plugin is a clear error that lists what is installed") {
    TempDir dir("leadhub-discovery");
    fs::path plugins = plugin_dir_with_broken_library(dir);
    write_file(dir / "leadhub.yaml", config_yaml(free_port(), plugins,
                                                 "    sinks:\n      - {name: crm, plugin: zzqx}\n"));
    auto r = run_leadhub(dir, {"validate", "-c", dir / "leadhub.yaml"});
    INFO(r.output);
    CHECK(r.code == 1);
    CHECK_THAT(r.output, Catch::Contains("plugin 'zzqx' is not installed (installed: "));
    // Every plugin of the build, sorted by name (CRMs, notifiers and channels among them).
    CHECK_THAT(r.output, Catch::Contains("(installed: amocrm, bitrix24, email, file, google_sheets, http, "));
    CHECK_THAT(r.output, Catch::Contains(", llm, "));
    CHECK_THAT(r.output, Catch::Contains(", webform, "));
    // Listing meant opening every library, so the broken one is reported, once.
    CHECK_THAT(r.output, Catch::Contains("warning: plugin library refused: leadhub-broken.so: ABI version"));
    CHECK(r.output.find("leadhub-broken.so") == r.output.rfind("leadhub-broken.so"));

    auto started = run_leadhub(dir, {"run", "-c", dir / "leadhub.yaml"});
    CHECK(started.code == 1);
    CHECK_THAT(started.output, Catch::Contains("plugin 'zzqx' is not installed"));
}

TEST_CASE("a hub installed without leadhub-phone.so refuses to start and says why") {
    TempDir dir("leadhub-discovery");
    // A copy of the binary in a prefix of its own: <prefix>/bin/leadhub, no <prefix>/lib/leadhub.
    fs::path prefix = fs::path(dir.path()) / "prefix";
    fs::create_directories(prefix / "bin");
    fs::copy_file(leadhub_binary(), prefix / "bin" / "leadhub");
    fs::path plugins = fs::path(LEADHUB_BINARY_DIR) / "lib" / "leadhub" / "plugins";
    write_file(dir / "leadhub.yaml", config_yaml(free_port(), plugins));

    std::string log = dir / "no-phone.log";
    ChildProcess p({(prefix / "bin" / "leadhub").string(), "run", "-c", dir / "leadhub.yaml"},
                   {{"LEADHUB_ADMIN_TOKEN", kAdminToken}}, log);
    CHECK(p.wait(std::chrono::seconds(30)) == std::optional<int>(1));
    INFO(read_file(log));
    CHECK_THAT(read_file(log), Catch::Contains((prefix / "lib" / "leadhub" / "leadhub-phone.so").string() + " is missing"));
}

TEST_CASE("with plugins.watch, a library the config does not use stays unopened; a used one still reloads") {
    TempDir dir("leadhub-discovery");
    fs::path plugins = fs::path(dir.path()) / "plugins";
    fs::create_directories(plugins);
    const fs::path webform = fs::path(LEADHUB_BINARY_DIR) / "lib" / "leadhub" / "plugins" / "leadhub-webform.so";
    fs::copy_file(webform, plugins / "leadhub-webform.so");  // the config's dirs come first
    int port = free_port();
    std::string yaml = config_yaml(port, plugins);
    yaml.replace(yaml.find("plugins:\n"), 9, "plugins:\n  watch: true\n");
    Hub hub(dir, port, yaml);
    hub.start();
    REQUIRE(hub.wait_ready(20000));
    auto webform_status = [&] {
        auto s = nlohmann::json::parse(hub.api("/api/status").body, nullptr, false);
        for (const auto& p : s.value("plugins", nlohmann::json::array()))
            if (p.value("name", "") == "webform") return p;
        return nlohmann::json::object();
    };
    REQUIRE(webform_status().value("file", "") == (plugins / "leadhub-webform.so").string());

    // A broken library appears: the config names no plugin that is missing, so it is not opened.
    fs::copy_file(test_plugin("wrong_abi"), plugins / "leadhub-other.tmp");
    fs::rename(plugins / "leadhub-other.tmp", plugins / "leadhub-other.so");
    // A rebuilt web form library: reloaded as before (the control that the watcher saw the directory).
    fs::copy_file(webform, plugins / "leadhub-webform.tmp");
    fs::rename(plugins / "leadhub-webform.tmp", plugins / "leadhub-webform.so");
    CHECK(eventually([&] { return webform_status().value("reloads", 0) == 1; }, 10000ms));
    std::this_thread::sleep_for(std::chrono::milliseconds(500));  // both files were settled together
    INFO(hub.log());
    CHECK_THAT(hub.log(), Catch::Contains("reloaded webform"));
    CHECK_THAT(hub.log(), !Catch::Contains("leadhub-other.so"));
    auto s = nlohmann::json::parse(hub.api("/api/status").body);
    CHECK(s["plugins"].size() == 1);
}
