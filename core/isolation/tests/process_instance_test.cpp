// ProcessInstance against the real leadhub-plugin-host program and test plugins that crash, hang
// and exit: the hub side survives, in-flight calls come back retryable with how the child ended,
// the child is restarted, a poison delivery ends as permanent, and a plugin that keeps crashing is
// marked failed with the reason.
#include <catch2/catch.hpp>

#include "host/tests/test_plugins.hpp"
#include "isolation/plugin_host_protocol.hpp"
#include "isolation/process_instance.hpp"

#include <atomic>
#include <chrono>
#include <csignal>
#include <thread>

using namespace leadhub;
using namespace leadhub::host::testing;
using isolation::ProcessEvent;
using nlohmann::json;

namespace {

struct Events {
    std::atomic<int> crashed{0}, restarted{0}, failed{0};
};

isolation::ProcessSettings settings(Events& events) {
    isolation::ProcessSettings s;
    s.program = std::filesystem::path(LEADHUB_BINARY_DIR) / "bin" / isolation::kPluginHostProgram;
    s.call_timeout_ms = 2000;
    s.lifecycle_timeout_ms = 5000;
    s.restart_initial_ms = 20;
    s.restart_max_ms = 100;
    s.on_event = [&events](ProcessEvent e, const std::string&) {
        if (e == ProcessEvent::crashed) ++events.crashed;
        if (e == ProcessEvent::restarted) ++events.restarted;
        if (e == ProcessEvent::failed) ++events.failed;
    };
    return s;
}

json delivery(const std::string& key, const std::string& text) {
    return {{"job_id", 7}, {"idempotency_key", key}, {"attempt", 1}, {"kind", "lead"}, {"tenant", "t"},
            {"sink", "s"}, {"lead", {{"id", 1}, {"text", text}}}};
}

// Waits until the instance runs a live child other than `old` (after a restart).
bool wait_new_child(const isolation::ProcessInstance& i, pid_t old, int timeout_ms = 5000) {
    auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (std::chrono::steady_clock::now() < until) {
        if (i.pid() > 0 && i.pid() != old) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
}

// "good" is one of the loader tests' plugins; the misbehaving sinks have a directory of their own.
std::shared_ptr<host::PluginLibrary> load_plugin(const std::string& name, const TempDir& dir) {
    if (name == "good") return load_good(name, dir.path());
    auto file = std::filesystem::path(LEADHUB_BINARY_DIR) / "lib" / "leadhub" / "isolation-test-plugins" /
                ("leadhub-test-" + name + ".so");
    auto loaded = host::PluginLibrary::load(file, dir.path() / "shadow");
    INFO(loaded.error);
    REQUIRE(loaded.library);
    return loaded.library;
}

std::shared_ptr<isolation::ProcessInstance> start(const std::string& plugin, const json& options,
                                                  std::shared_ptr<host::InstanceServices> services,
                                                  isolation::ProcessSettings s, const TempDir& dir) {
    auto library = load_plugin(plugin, dir);
    auto created = isolation::ProcessInstance::create(library, "t", "s", options, std::move(services), std::move(s));
    INFO(created.error);
    REQUIRE(created.instance);
    REQUIRE(created.instance->start().empty());
    return created.instance;
}

}  // namespace

TEST_CASE("a well-behaved plugin works through the process boundary, host services included") {
    TempDir dir;
    Events events;
    auto services = std::make_shared<RecordingServices>();
    auto instance = start("good", json::object(), services, settings(events), dir);
    CHECK(instance->running());
    CHECK(instance->pid() > 0);
    CHECK(instance->pid() != ::getpid());

    auto outcome = instance->deliver(delivery("k1", "hello"));
    CHECK(outcome.kind == sdk::Outcome::Kind::ok);
    CHECK(outcome.external_id.rfind("good-7-", 0) == 0);
    CHECK(services->metric("good.delivered") == 1);  // metric forwarded to the hub
    CHECK(services->logged("good started as s"));    // log forwarded to the hub
    CHECK(services->routes().size() == 1);           // route registered in the hub

    sdk::HttpRequest put;
    put.method = "POST";
    put.target = "/state";
    put.body = "cursor=42";
    CHECK(instance->handle_http(put).body == "put");
    CHECK(services->state_get("cursor") == std::optional<std::string>("42"));  // stored in the hub
    sdk::HttpRequest get = put;
    get.body = "cursor";
    CHECK(instance->handle_http(get).body == "42");

    sdk::HttpRequest submit = put;
    submit.target = "/submit";
    submit.body = "m-1";
    CHECK(instance->handle_http(submit).body == "stored");
    CHECK(instance->handle_http(submit).body == "duplicate");
    CHECK(services->submitted().size() == 1);

    sdk::HttpRequest webhook = put;
    webhook.target = "/";
    webhook.body = "Хочу записаться";
    auto result = instance->handle_http(webhook);
    CHECK(result.status == 200);
    REQUIRE(result.messages.size() == 1);
    CHECK(result.messages[0].message().text == std::optional<std::string>("Хочу записаться"));
    CHECK(events.crashed == 0);
}

TEST_CASE("a segfault in the plugin is a retryable outcome; the child restarts; a poison delivery ends permanent") {
    TempDir dir;
    Events events;
    auto instance = start("segfault_sink", {{"trigger", "poison"}}, std::make_shared<RecordingServices>(),
                          settings(events), dir);
    CHECK(instance->deliver(delivery("fine-1", "hello")).kind == sdk::Outcome::Kind::ok);
    const pid_t first = instance->pid();

    auto crashed = instance->deliver(delivery("bad", "poison pill"));
    CHECK(crashed.kind == sdk::Outcome::Kind::retry);
    CHECK_THAT(crashed.reason, Catch::Contains("signal 11"));
    CHECK_THAT(crashed.reason, Catch::Contains("instance 's' of tenant 't'"));

    REQUIRE(wait_new_child(*instance, first));
    CHECK(instance->deliver(delivery("fine-2", "hello")).kind == sdk::Outcome::Kind::ok);
    CHECK(instance->running());
    CHECK(instance->failure().empty());

    // The second crash with the same job in flight makes it poison: the next try is refused
    // without reaching the plugin, as permanent, so the job is dead-lettered with the reason.
    const pid_t second = instance->pid();
    CHECK(instance->deliver(delivery("bad", "poison pill")).kind == sdk::Outcome::Kind::retry);
    REQUIRE(wait_new_child(*instance, second));
    const pid_t third = instance->pid();
    auto refused = instance->deliver(delivery("bad", "poison pill"));
    CHECK(refused.kind == sdk::Outcome::Kind::permanent);
    CHECK_THAT(refused.reason, Catch::Contains("failed 2 times while delivering this job"));
    CHECK_THAT(refused.reason, Catch::Contains("signal 11"));
    CHECK(instance->pid() == third);  // not crashed again
    CHECK(instance->deliver(delivery("fine-3", "hello")).kind == sdk::Outcome::Kind::ok);
    CHECK(events.crashed == 2);
    CHECK(events.restarted == 2);
    CHECK(events.failed == 0);
}

TEST_CASE("a hanging call is cut at the call timeout, the child killed and restarted") {
    TempDir dir;
    Events events;
    auto s = settings(events);
    s.call_timeout_ms = 300;
    auto instance = start("hang_sink", {{"trigger", "stuck"}}, std::make_shared<RecordingServices>(), s, dir);
    const pid_t first = instance->pid();
    const auto before = std::chrono::steady_clock::now();
    auto outcome = instance->deliver(delivery("h", "stuck forever"));
    const auto took = std::chrono::steady_clock::now() - before;
    CHECK(outcome.kind == sdk::Outcome::Kind::retry);
    CHECK_THAT(outcome.reason, Catch::Contains("did not answer within 300 ms"));
    CHECK(took < std::chrono::seconds(3));
    REQUIRE(wait_new_child(*instance, first));
    CHECK(::kill(first, 0) != 0);  // the hung child is gone, not left behind
    CHECK(instance->deliver(delivery("ok", "fine")).kind == sdk::Outcome::Kind::ok);
}

TEST_CASE("calls in flight on other threads fail retryable when the child dies; none hangs") {
    TempDir dir;
    Events events;
    auto s = settings(events);
    s.call_timeout_ms = 10000;
    auto instance = start("hang_sink", {{"trigger", "stuck"}}, std::make_shared<RecordingServices>(), s, dir);
    std::vector<std::thread> callers;
    std::atomic<int> retried{0};
    for (int i = 0; i < 3; ++i)
        callers.emplace_back([&, i] {
            auto o = instance->deliver(delivery("k" + std::to_string(i), "stuck"));
            if (o.kind == sdk::Outcome::Kind::retry && o.reason.find("signal 9") != std::string::npos) ++retried;
        });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    const pid_t pid = instance->pid();
    REQUIRE(pid > 0);
    ::kill(pid, SIGKILL);  // the test's own child of a child: the plugin host started for this test
    for (auto& t : callers) t.join();
    CHECK(retried == 3);
    REQUIRE(wait_new_child(*instance, pid));
    CHECK(instance->deliver(delivery("after", "fine")).kind == sdk::Outcome::Kind::ok);
}

TEST_CASE("a webhook to an isolated source whose process died gets 503, so the platform retries") {
    TempDir dir;
    Events events;
    auto s = settings(events);
    s.restart_initial_ms = 300;  // long enough to call while it restarts
    auto instance = start("good", json::object(), std::make_shared<RecordingServices>(), s, dir);
    sdk::HttpRequest webhook;
    webhook.method = "POST";
    webhook.target = "/";
    webhook.body = "Хочу записаться";
    CHECK(instance->handle_http(webhook).status == 200);

    const pid_t pid = instance->pid();
    ::kill(pid, SIGKILL);  // the plugin host this test started
    auto during = instance->handle_http(webhook);
    CHECK(during.status == 503);
    CHECK(during.messages.empty());
    CHECK_THAT(during.body, Catch::Contains("signal 9"));

    REQUIRE(wait_new_child(*instance, pid));
    auto after = instance->handle_http(webhook);
    CHECK(after.status == 200);
    CHECK(after.messages.size() == 1);
}

TEST_CASE("a plugin that keeps exiting is marked failed with the reason and not restarted") {
    TempDir dir;
    Events events;
    auto s = settings(events);
    s.max_crashes = 3;
    auto instance = start("exit_sink", json::object(), std::make_shared<RecordingServices>(), s, dir);
    for (int i = 0; i < 3; ++i) {
        const pid_t before = instance->pid();
        auto o = instance->deliver(delivery("e" + std::to_string(i), "anything"));
        CHECK(o.kind == sdk::Outcome::Kind::retry);
        CHECK_THAT(o.reason, Catch::Contains("exited with code 3"));
        if (i < 2) REQUIRE(wait_new_child(*instance, before));
    }
    auto until = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (instance->failure().empty() && std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    CHECK_THAT(instance->failure(), Catch::Contains("failed 3 times within 60 s"));
    CHECK_THAT(instance->failure(), Catch::Contains("exited with code 3"));
    CHECK(events.failed == 1);
    CHECK(events.restarted == 2);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    CHECK(instance->pid() == -1);  // no restart after giving up
    auto refused = instance->deliver(delivery("later", "anything"));
    CHECK(refused.kind == sdk::Outcome::Kind::retry);
    CHECK_THAT(refused.reason, Catch::Contains("not restarted again"));
}

TEST_CASE("the failure is masked when it is made, so every place that shows it shows it masked") {
    TempDir dir;
    Events events;
    auto s = settings(events);
    s.max_crashes = 2;
    // Stands for the hub's secret mask; "code 3" stands for a secret the plugin's error quoted.
    s.mask = [](const std::string& text) {
        std::string out = text;
        for (auto at = out.find("code 3"); at != std::string::npos; at = out.find("code 3")) out.replace(at, 6, "code ***");
        return out;
    };
    auto instance = start("exit_sink", json::object(), std::make_shared<RecordingServices>(), s, dir);
    const pid_t first = instance->pid();
    instance->deliver(delivery("m0", "anything"));
    REQUIRE(wait_new_child(*instance, first));
    instance->deliver(delivery("m1", "anything"));
    auto until = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (instance->failure().empty() && std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    CHECK_THAT(instance->failure(), Catch::Contains("exited with code ***"));
    CHECK_THAT(instance->failure(), !Catch::Contains("code 3"));
    // A webhook's 503 and a delivery's reason quote the failure as it was kept.
    auto refused = instance->deliver(delivery("later", "anything"));
    CHECK_THAT(refused.reason, Catch::Contains("exited with code ***"));
    const auto answer = instance->handle_http(sdk::HttpRequest{});
    CHECK(answer.status == 503);
    CHECK_THAT(answer.body, Catch::Contains("exited with code ***"));
}

TEST_CASE("bad options and a missing plugin host are clear errors before any plugin code runs") {
    TempDir dir;
    Events events;
    auto library = load_good("good", dir.path());
    auto bad = isolation::ProcessInstance::create(library, "t", "s", {{"fail", "sometimes"}},
                                                  std::make_shared<RecordingServices>(), settings(events));
    CHECK_FALSE(bad.instance);
    CHECK_THAT(bad.error, Catch::Contains("invalid options"));

    auto s = settings(events);
    s.program = dir.path() / "no-such-plugin-host";
    auto missing = isolation::ProcessInstance::create(library, "t", "s", json::object(),
                                                      std::make_shared<RecordingServices>(), s);
    CHECK_FALSE(missing.instance);
    CHECK_THAT(missing.error, Catch::Contains("no-such-plugin-host"));
}
