// A config reload touches only what changed: one sink's options change, a route is added and a
// source is removed, while a web form keeps posting to a source that did not change. That source
// must answer every post, its instance must not be restarted, and the reload must do exactly
// those three things. An invalid config is refused and everything keeps running.
#include <catch2/catch.hpp>

#include "reload/reload_support.hpp"
#include "support/fake_receiver.hpp"
#include "support/hub_config.hpp"

#include <atomic>
#include <csignal>
#include <filesystem>
#include <map>
#include <mutex>
#include <sstream>

using namespace leadhub::testing;
using nlohmann::json;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

struct Layout {
    int receiver_port = 0;
    bool second_form = true;    // the source "old-form" exists
    bool route_to_file = false;  // site -> archive
    std::string extra;           // appended verbatim (to break the config)
};

std::string config_yaml(int port, const std::string& dir, const Layout& l) {
    std::ostringstream y;
    y << HubConfigHead(port).log_level("info").dispatch("{initial: 50ms, max: 400ms}").yaml() << site_webform_source();
    if (l.second_form) y << "      - {name: old-form, plugin: webform}\n";
    y << "    sinks:\n"
      << CrmHttpSink(l.receiver_port).yaml()
      << "      - name: archive\n"
      << "        plugin: file\n"
      << "        options: {path: '" << dir << "/archive.jsonl'}\n"
      << "    routes:\n"
      << "      - {from: [" << (l.second_form ? "site, old-form" : "site") << "], to: [crm]}\n";
    if (l.route_to_file) y << "      - {from: [site], to: [archive]}\n";
    return y.str() + l.extra;
}

json post(int port, const std::string& source, const std::string& marker, int n) {
    json body = {{"name", "Олег"}, {"phone", "8913" + std::to_string(2000000 + n)}, {"message", marker}};
    auto r = http_call(port, "POST", "/hooks/t1/" + source, body.dump(), {{"Content-Type", "application/json"}}, 3000);
    return {{"status", r.status}};
}

bool received(const FakeReceiver& receiver, const std::string& marker) {
    for (const auto& call : receiver.accepted())
        if (call.body.is_object() && call.body["lead"].value("text", std::string()) == marker) return true;
    return false;
}

std::size_t count(const std::string& text, const std::string& fragment) {
    std::size_t n = 0;
    for (auto at = text.find(fragment); at != std::string::npos; at = text.find(fragment, at + 1)) ++n;
    return n;
}

}  // namespace

TEST_CASE("a config reload restarts only the changed sink, adds the route, removes the source") {
    FakeReceiver first([](int) { return ScriptedAnswer{}; });
    FakeReceiver second([](int) { return ScriptedAnswer{}; });
    TempDir dir("leadhub-config-reload");
    int port = free_port();
    Layout before{first.port(), true, false, ""};
    Hub hub(dir, port, config_yaml(port, dir.path(), before));
    hub.start();
    REQUIRE(hub_ready(hub));
    REQUIRE(post(port, "old-form", "before-old-form", 1)["status"] == 200);
    REQUIRE(post(port, "site", "before-site", 2)["status"] == 200);
    REQUIRE(eventually([&] { return received(first, "before-site") && received(first, "before-old-form"); }, 10s));

    // The unchanged source is posted to without pause for the whole test.
    std::atomic<bool> posting{true};
    std::atomic<int> sent{0}, failed{0};
    std::mutex mutex;
    std::map<int, int> refusals;
    std::thread poster([&] {
        while (posting) {
            int n = ++sent;
            int status = post(port, "site", "steady-" + std::to_string(n), 100 + n)["status"];
            if (status != 200) {
                failed++;
                std::lock_guard lock(mutex);
                refusals[status]++;
            }
            std::this_thread::sleep_for(5ms);
        }
    });

    REQUIRE(eventually([&] { return sent >= 5; }, 20s));

    // An invalid config is refused; everything keeps running on the old one.
    Layout broken = before;
    broken.extra = "  - id: t2\n    sinks:\n      - {name: crm, plugin: no-such-plugin}\n";
    write_file(dir / "leadhub.yaml", config_yaml(port, dir.path(), broken));
    hub.process().signal(SIGHUP);
    REQUIRE(eventually([&] { return hub_status(hub)["config"].value("refused", 0) == 1; }, 10s));
    CHECK(hub_status(hub)["config"].value("last_error", "").find("no-such-plugin") != std::string::npos);
    CHECK(post(port, "old-form", "still-there", 3)["status"] == 200);

    Layout after{second.port(), false, true, ""};
    write_file(dir / "leadhub.yaml", config_yaml(port, dir.path(), after));
    hub.process().signal(SIGHUP);
    int sent_before_reload = sent;
    REQUIRE(eventually([&] { return hub_status(hub)["config"].value("reloads", 0) == 1; }, 10s));

    CHECK(post(port, "old-form", "after-old-form", 4)["status"] == 404);
    REQUIRE(post(port, "site", "after-site", 5)["status"] == 200);
    CHECK(eventually([&] { return received(second, "after-site"); }, 10s));
    CHECK(eventually([&] { return read_file(dir / "archive.jsonl").find("after-site") != std::string::npos; }, 10s));
    CHECK_FALSE(received(first, "after-site"));

    CHECK(eventually([&] { return sent >= sent_before_reload + 5; }, 20s));
    posting = false;
    poster.join();
    // The poster was at work before, during and after both reloads.
    CHECK(sent_before_reload >= 5);
    for (const auto& [status, n] : refusals) UNSCOPED_INFO(n << " posts to the unchanged source answered " << status);
    CHECK(failed == 0);

    // Exactly the three changes, and the unchanged instances were started once.
    std::string log = hub.log();
    INFO(log);
    CHECK(log.find("started: none; restarted: t1/crm; stopped: t1/old-form; unchanged: 2") != std::string::npos);
    CHECK(count(log, "[t1/site] started webform") == 1);
    CHECK(count(log, "[t1/archive] started file") == 1);
    CHECK(count(log, "[t1/crm] started http") == 2);
    CHECK(eventually([&] { return hub.log().find("[t1/old-form] the retired instance finished its calls and stopped") != std::string::npos; }, 5s));

    auto status = hub_status(hub);
    CHECK(instance_status(status, "old-form").empty());
    CHECK(instance_status(status, "site").value("running", false));

    hub.process().signal(SIGTERM);
    CHECK(hub.process().wait(20s) == std::optional<int>(0));
}

TEST_CASE("with --watch an edited config applies without SIGHUP, and a broken edit is refused") {
    FakeReceiver first([](int) { return ScriptedAnswer{}; });
    FakeReceiver second([](int) { return ScriptedAnswer{}; });
    TempDir dir("leadhub-config-watch");
    int port = free_port();
    Layout before{first.port(), true, false, ""};
    const std::string config = dir / "leadhub.yaml";
    write_file(config, config_yaml(port, dir.path(), before));
    ChildProcess hub({leadhub_binary(), "run", "-c", config, "--watch"}, {{"LEADHUB_ADMIN_TOKEN", kAdminToken}},
                     dir / "leadhub.log");
    REQUIRE(wait_for_status(port, "/readyz", 200, 20000));
    auto status = [&] {
        auto r = http_call(port, "GET", "/api/status", {}, {{"Authorization", "Bearer " + kAdminToken}});
        auto j = json::parse(r.body, nullptr, false);
        return j.is_discarded() ? json::object() : j;
    };
    CHECK(status()["watch"] == json{{"plugins", true}, {"config", true}});

    // Written in two steps, as an editor that truncates and then writes might: acted on once.
    Layout after{second.port(), true, false, ""};
    const std::string text = config_yaml(port, dir.path(), after);
    write_file(config, text.substr(0, text.size() / 2));
    write_file(config, text);
    REQUIRE(eventually([&] { return status()["config"].value("reloads", 0) == 1; }, 10s));
    REQUIRE(post(port, "site", "after-edit", 1)["status"] == 200);
    CHECK(eventually([&] { return received(second, "after-edit"); }, 10s));

    Layout broken = after;
    broken.extra = "  - id: t2\n    sinks:\n      - {name: crm, plugin: no-such-plugin}\n";
    write_file(config, config_yaml(port, dir.path(), broken));
    REQUIRE(eventually([&] { return status()["config"].value("refused", 0) == 1; }, 10s));
    CHECK(status()["config"].value("reloads", 0) == 1);
    CHECK(post(port, "site", "after-broken-edit", 2)["status"] == 200);
    CHECK(eventually([&] { return received(second, "after-broken-edit"); }, 10s));

    hub.signal(SIGTERM);
    CHECK(hub.wait(20s) == std::optional<int>(0));
}
