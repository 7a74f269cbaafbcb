// Hot reload of a plugin library under load: while leads are posted without pause to a webform
// source routed to an http sink, the sink's library file is replaced 20 times by other builds of
// it; three of those are bad (a file that is no library, a library of the wrong ABI, a build that
// rejects the configured options). Every good one must be serving within seconds, every bad one
// must leave the previous build running and say why, and in the end every acknowledged lead has
// reached the receiver exactly once by idempotency key (each lead under one key).
#include <catch2/catch.hpp>

#include "reload/reload_support.hpp"
#include "support/lead_poster.hpp"
#include "support/fake_receiver.hpp"
#include "support/hub_config.hpp"

#include <atomic>
#include <csignal>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <sstream>

using namespace leadhub::testing;
using nlohmann::json;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

std::string config_yaml(int port, int receiver_port, const fs::path& plugin_dir) {
    return HubConfigHead(port)
               .log_level("info")
               .plugin_dir(plugin_dir.string())
               .watch_plugins()
               .dispatch("{initial: 50ms, max: 400ms}", 1000)
               .yaml() +
           site_webform_source() + "    sinks:\n" +
           CrmHttpSink(receiver_port).timeout_ms(2000).unlimited_rate().concurrency(4).timeout("3s").yaml() +
           "    routes:\n"
           "      - {from: [site], to: [crm]}\n";
}

struct Step {
    fs::path file;
    std::string expect;  // the version then serving, or "load_failed" / "rejected"
};

}  // namespace

TEST_CASE("the http sink's library is replaced 20 times under load; nothing is lost or doubled") {
    // The receiver answers a little slowly, so replacements find deliveries in flight.
    FakeReceiver receiver([](int) { return ScriptedAnswer{200, {}, 5}; });
    TempDir dir("leadhub-reload");
    const fs::path plugins = fs::path(dir.path()) / "plugins";
    fs::create_directories(plugins);
    const fs::path library = plugins / "leadhub-http.so";
    fs::copy_file(built_plugin("leadhub-http.so"), library);
    const fs::path garbage = fs::path(dir.path()) / "garbage.so";
    write_file(garbage.string(), "#!/bin/sh\necho this is not a shared library\n");

    int port = free_port();
    Hub hub(dir, port, config_yaml(port, receiver.port(), plugins));
    hub.start();
    REQUIRE(hub_ready(hub));
    REQUIRE(plugin_status(hub_status(hub), "http").value("version", "") == "1.0.0");

    LeadPoster poster(port, {.threads = 3, .timeout_ms = 3000, .pause = 2ms});

    const fs::path v1 = built_plugin("leadhub-http.so"), v2 = reload_plugin("leadhub-http-v2.so");
    std::vector<Step> steps;
    for (int i = 0; i < 20; ++i) {
        if (i == 4 || i == 13)
            steps.push_back({i == 4 ? garbage : test_plugin("leadhub-test-wrong_abi.so"), "load_failed"});
        else if (i == 9)
            steps.push_back({reload_plugin("leadhub-http-needs-key.so"), "rejected"});
        else
            steps.push_back({i % 2 ? v1 : v2, i % 2 ? "1.0.0" : "1.0.0-reload2"});
    }

    int ok = 0, failed = 0, rejected = 0;
    std::string serving = "1.0.0";
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const Step& step = steps[i];
        INFO("replacement " << i + 1 << " with " << step.file.filename().string() << ", expecting " << step.expect);
        std::this_thread::sleep_for(150ms);  // let deliveries run on the current build for a moment
        replace_file(step.file, library, i % 3 == 0);
        if (step.expect == "load_failed") {
            ++failed;
        } else if (step.expect == "rejected") {
            ++rejected;
        } else {
            ++ok;
            serving = step.expect;
        }
        json http;
        bool settled = eventually(
            [&] {
                http = plugin_status(hub_status(hub), "http");
                return http.value("reloads", -1) == ok && http.value("refused", -1) == failed + rejected;
            },
            15s);
        INFO("http plugin status: " << http.dump());
        REQUIRE(settled);
        CHECK(http.value("version", "") == serving);
        auto crm = instance_status(hub_status(hub), "crm");
        CHECK(crm.value("running", false));
        CHECK(crm.value("version", "") == serving);
        if (step.expect == "load_failed")
            CHECK(http.value("last_error", "").find("leadhub-http.so") != std::string::npos);
        if (step.expect == "rejected") CHECK(http.value("last_error", "").find("api_key") != std::string::npos);
    }
    std::this_thread::sleep_for(300ms);
    poster.stop();
    const std::set<std::string> acknowledged = poster.acknowledged();
    for (const auto& [status, n] : poster.refusals()) UNSCOPED_INFO(n << " posts answered " << status);
    CHECK(poster.refused() == 0);
    REQUIRE(acknowledged.size() > 100);

    // Every acknowledged lead reaches the receiver, each under one idempotency key. A lead may be
    // sent twice under its key (at least once: a call that outlived the sink's 2 s timeout on a
    // loaded machine is retried, and a receiver that dedupes by key sees it once), never under two.
    auto by_marker = [&] {
        std::map<std::string, std::vector<std::string>> keys;
        for (const auto& call : receiver.accepted())
            if (call.body.is_object()) keys[call.body["lead"].value("text", std::string())].push_back(call.idempotency_key);
        return keys;
    };
    std::size_t missing = acknowledged.size();
    eventually(
        [&] {
            auto delivered = by_marker();
            missing = 0;
            for (const auto& m : acknowledged) missing += delivered.count(m) ? 0 : 1;
            return missing == 0;
        },
        60s, 200ms);
    std::fprintf(stderr, "library reload test: %zu acknowledged, %zu missing, %d receiver requests\n",
                 acknowledged.size(), missing, receiver.requests());
    CHECK(missing == 0);
    std::size_t under_two_keys = 0, resent = 0;
    for (const auto& [marker, keys] : by_marker()) {
        const std::set<std::string> distinct(keys.begin(), keys.end());
        under_two_keys += distinct.size() == 1 ? 0 : 1;
        resent += keys.size() - distinct.size();
    }
    std::fprintf(stderr, "library reload test: %zu deliveries resent under their key\n", resent);
    CHECK(under_two_keys == 0);

    std::string metrics = http_call(port, "GET", "/metrics").body;
    CHECK(metric_value(metrics, "leadhub_plugin_reloads_total{plugin=\"http\",result=\"ok\"}") == 17);
    CHECK(metric_value(metrics, "leadhub_plugin_reloads_total{plugin=\"http\",result=\"load_failed\"}") == 2);
    CHECK(metric_value(metrics, "leadhub_plugin_reloads_total{plugin=\"http\",result=\"rejected\"}") == 1);
    CHECK(metric_value(metrics, "leadhub_plugin_info{plugin=\"http\",version=\"" + serving + "\"}") == 1);

    // The replaced copies are unloaded: one shadow copy of the http sink is left.
    const fs::path shadow = fs::temp_directory_path() / ("leadhub-plugins-" + std::to_string(hub.process().pid()));
    auto http_copies = [&] {
        int n = 0;
        std::error_code ec;
        for (fs::directory_iterator it(shadow, ec), end; !ec && it != end; it.increment(ec))
            n += it->path().filename().string().rfind("leadhub-http-", 0) == 0 ? 1 : 0;
        return n;
    };
    CHECK(eventually([&] { return http_copies() == 1; }, 10s));

    // `leadhub status` tells the same story.
    {
        ChildProcess status({leadhub_binary(), "status", "-c", dir / "leadhub.yaml"}, {{"LEADHUB_ADMIN_TOKEN", kAdminToken}},
                            dir / "status.out");
        CHECK(status.wait(10s) == std::optional<int>(0));
        std::string out = read_file(dir / "status.out");
        INFO(out);
        CHECK(out.find("http " + serving) != std::string::npos);
        CHECK(out.find("17 reloads, 3 refused") != std::string::npos);
        CHECK(out.find("t1/crm  sink  http " + serving + "  running") != std::string::npos);
    }

    hub.process().signal(SIGTERM);
    CHECK(hub.process().wait(20s) == std::optional<int>(0));
}
