// Hot reload benchmark: how long from a plugin library's replacement on disk to the new build
// serving, next to the only alternative without hot reload — restarting the hub — measured in
// the same run on the same config.
//
//   hot reload: the http sink's file is replaced (alternating two builds, renamed over it as build
//               tools do) while `leadhub run` watches its plugin directory; the clock stops when
//               GET /api/status reports the new version for the sink's instance, which is the
//               moment new deliveries go to it.
//   restart:    the file is replaced, the hub gets SIGTERM, is started again, and the clock stops
//               when /api/status reports the new version (the same condition).
//
// Usage: leadhub_bench_reload [ROUNDS]   (default 10; each round does both)
#include "reload/reload_support.hpp"
#include "support/fake_receiver.hpp"

#include <algorithm>
#include <atomic>
#include <csignal>
#include <regex>
#include <cstdio>
#include <sstream>

using namespace leadhub::testing;
namespace fs = std::filesystem;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

std::string config_yaml(int port, int receiver_port, const fs::path& plugin_dir) {
    std::ostringstream y;
    y << "version: 1\nlisten: 127.0.0.1:" << port << "\nadmin:\n  token: ${LEADHUB_ADMIN_TOKEN}\n"
      << "storage:\n  path: leadhub.db\nlogging:\n  level: info\n"
      << "plugins:\n  dirs: ['" << plugin_dir.string() << "']\n  watch: true\n"
      << "tenants:\n  - id: t1\n    sources:\n      - {name: site, plugin: webform}\n"
      << "    sinks:\n      - name: crm\n        plugin: http\n"
      << "        options: {url: 'http://127.0.0.1:" << receiver_port << "/leads'}\n"
      << "    routes:\n      - {from: [site], to: [crm]}\n";
    return y.str();
}

std::string crm_version(const Hub& hub) { return instance_status(hub_status(hub), "crm").value("version", ""); }

// Milliseconds until the crm instance reports `version`, polled every millisecond.
double wait_version(const Hub& hub, const std::string& version, Clock::time_point since) {
    if (!eventually([&] { return crm_version(hub) == version; }, 30s, 1ms)) return -1;
    return std::chrono::duration<double, std::milli>(Clock::now() - since).count();
}

struct Summary {
    double median, p90, min, max;
};
Summary summarize(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    auto at = [&](double q) { return v[std::min(v.size() - 1, static_cast<std::size_t>(q * (v.size() - 1) + 0.5))]; };
    return {at(0.5), at(0.9), v.front(), v.back()};
}

}  // namespace

int main(int argc, char** argv) {
    int rounds = argc > 1 ? std::max(1, std::atoi(argv[1])) : 10;
    FakeReceiver receiver([](int) { return ScriptedAnswer{}; });
    TempDir dir("leadhub-bench-reload");
    const fs::path plugins = fs::path(dir.path()) / "plugins";
    fs::create_directories(plugins);
    const fs::path library = plugins / "leadhub-http.so";
    const fs::path builds[2] = {built_plugin("leadhub-http.so"), reload_plugin("leadhub-http-v2.so")};
    const std::string versions[2] = {"1.0.0", "1.0.0-reload2"};
    fs::copy_file(builds[0], library);

    int port = free_port();
    Hub hub(dir, port, config_yaml(port, receiver.port(), plugins));
    hub.start();
    if (!hub.wait_ready(20000)) {
        std::fprintf(stderr, "the hub did not start; see %s/leadhub.log\n", dir.path().c_str());
        return 1;
    }
    // A web form posts without pause through both kinds of change: a restart refuses posts (the
    // platform must retry them), a hot reload must not.
    std::atomic<bool> posting{true};
    std::atomic<int> refused{0}, phase{0};  // phase 1: hot reloads, 2: restarts
    std::atomic<int> refused_in[3] = {0, 0, 0};
    std::thread poster([&] {
        for (int n = 0; posting; ++n) {
            std::string body = "{\"name\": \"Анна\", \"phone\": \"8913" + std::to_string(3000000 + n) + "\", \"message\": \"bench\"}";
            int p = phase;
            if (http_call(port, "POST", "/hooks/t1/site", body, {{"Content-Type", "application/json"}}, 2000).status != 200) {
                refused++;
                refused_in[p]++;
            }
            std::this_thread::sleep_for(2ms);
        }
    });
    std::vector<double> hot, restart, inside;
    static const std::regex switched("loaded, created and switched in ([0-9.]+) ms");
    int current = 0;
    for (int r = 0; r < rounds; ++r) {
        // Hot reload.
        current = 1 - current;
        std::this_thread::sleep_for(300ms);
        phase = 1;
        auto t0 = Clock::now();
        replace_file(builds[current], library, true);
        double ms = wait_version(hub, versions[current], t0);
        std::this_thread::sleep_for(100ms);
        phase = 0;
        if (ms < 0) {
            std::fprintf(stderr, "hot reload %d did not switch; see %s/leadhub.log\n", r, dir.path().c_str());
            return 1;
        }
        hot.push_back(ms);
        // The hub's own part of the reload (load the copy, create and start the instances, switch),
        // as it logs it; the rest is the watcher's settle time.
        std::string log = hub.log();
        std::smatch last;
        for (std::sregex_iterator it(log.begin(), log.end(), switched), end; it != end; ++it) last = *it;
        if (!last.empty()) inside.push_back(std::stod(last[1].str()));

        // Restart.
        current = 1 - current;
        std::this_thread::sleep_for(300ms);
        phase = 2;
        t0 = Clock::now();
        replace_file(builds[current], library, true);
        hub.process().signal(SIGTERM);
        if (!hub.process().wait(30s)) return 1;
        hub.start();
        ms = wait_version(hub, versions[current], t0);
        if (ms < 0) {
            std::fprintf(stderr, "restart %d did not come back; see %s/leadhub.log\n", r, dir.path().c_str());
            return 1;
        }
        restart.push_back(ms);
        std::this_thread::sleep_for(100ms);
        phase = 0;
    }
    posting = false;
    poster.join();
    hub.process().signal(SIGTERM);
    hub.process().wait(30s);

    Summary h = summarize(hot), s = summarize(restart);
    std::printf("rounds: %d (each: one hot reload, one restart)\n\n", rounds);
    std::printf("| replacement to new version serving | median ms | p90 ms | min ms | max ms |\n");
    std::printf("| --- | --- | --- | --- | --- |\n");
    std::printf("| hot reload (--watch, settle 150 ms) | %.1f | %.1f | %.1f | %.1f |\n", h.median, h.p90, h.min, h.max);
    std::printf("| restart (SIGTERM, start, ready) | %.1f | %.1f | %.1f | %.1f |\n", s.median, s.p90, s.min, s.max);
    if (!inside.empty()) {
        Summary i = summarize(inside);
        std::printf("| of it inside the hub: load, create, switch | %.2f | %.2f | %.2f | %.2f |\n", i.median, i.p90, i.min, i.max);
    }
    std::printf("\nhot reload / restart (median): %.2f\n", h.median / s.median);
    std::printf("web form posts refused: %d during the %d hot reloads, %d during the %d restarts\n", refused_in[1].load(),
                rounds, refused_in[2].load(), rounds);
    return 0;
}
