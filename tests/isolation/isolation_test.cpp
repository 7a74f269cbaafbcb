// The isolation test: the real leadhub binary with a webform source, a healthy in-process http
// sink to a fake receiver, and three misbehaving sinks run with `isolation: process` — one that
// segfaults on a poison lead, one that hangs on another, one that exits on every delivery. The hub
// stays up, the healthy deliveries go on (also after the exiting sink is given up on), the poison
// jobs are dead-lettered with the reason, the sink that keeps exiting is marked failed (in
// /readyz and /metrics) with its jobs kept, and every acknowledged lead is accounted for at every
// sink: delivered, dead-lettered or still waiting in the store.
#include <leadhub/sdk/testing/eventually.hpp>
#include <catch2/catch.hpp>

#include "e2e/e2e_support.hpp"
#include "support/fake_receiver.hpp"
#include "support/hub_config.hpp"

#include <csignal>
#include <dirent.h>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

using namespace leadhub::testing;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

std::string config_yaml(int port, int receiver_port) {
    std::ostringstream y;
    y << HubConfigHead(port)
             .log_level("warn")
             .plugin_dir(std::string(LEADHUB_BINARY_DIR) + "/lib/leadhub/isolation-test-plugins")
             .dispatch("{initial: 50ms, max: 300ms}", 8)
             .yaml()
      << site_webform_source() << "    sinks:\n"
      << CrmHttpSink(receiver_port).timeout_ms(2000).concurrency(2).yaml()
      << "      - {name: crashy, plugin: test-segfault-sink, isolation: process, options: {trigger: poison}}\n"
      << "      - {name: stuck, plugin: test-hang-sink, isolation: process, options: {trigger: hang}, timeout: 500ms}\n"
      << "      - {name: quits, plugin: test-exit-sink, isolation: process}\n"
      << "    routes:\n"
      << "      - {from: [site], to: [crm, crashy, stuck, quits]}\n";
    return y.str();
}

// The value of one series in Prometheus text, or -1 when it is not there.
double metric(const std::string& text, const std::string& series) {
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line))
        if (line.compare(0, series.size() + 1, series + " ") == 0) return std::stod(line.substr(series.size() + 1));
    return -1;
}

std::string labels(const std::string& sink) { return "{tenant=\"t1\",sink=\"" + sink + "\"}"; }
std::string instance_labels(const std::string& sink) { return "{tenant=\"t1\",instance=\"" + sink + "\"}"; }

// PIDs of the running processes whose parent is `parent` (the hub's plugin hosts).
std::set<int> children_of(int parent) {
    std::set<int> out;
    DIR* proc = ::opendir("/proc");
    if (!proc) return out;
    while (auto* entry = ::readdir(proc)) {
        const std::string name = entry->d_name;
        if (name.find_first_not_of("0123456789") != std::string::npos) continue;
        std::ifstream stat("/proc/" + name + "/stat");
        std::string s((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
        auto close = s.rfind(')');
        if (close == std::string::npos) continue;
        std::istringstream rest(s.substr(close + 2));
        char state = 0;
        int ppid = 0;
        rest >> state >> ppid;
        if (ppid == parent && state != 'Z') out.insert(std::stoi(name));
    }
    ::closedir(proc);
    return out;
}

class Poster {
public:
    explicit Poster(int port) : port_(port) {}
    // Posts one lead; remembers its marker when the hub acknowledged it.
    bool post(const std::string& marker) {
        const std::string phone = "8913" + std::to_string(2000000 + ++count_);
        json body = {{"name", "Анна"}, {"phone", phone}, {"message", marker}};
        auto r = http_call(port_, "POST", "/hooks/t1/site", body.dump(), {{"Content-Type", "application/json"}});
        if (r.status == 200) acknowledged.insert(marker);
        return r.status == 200;
    }
    std::set<std::string> acknowledged;

private:
    int port_;
    int count_ = 0;
};

using leadhub::sdk::testing::eventually;  // the test kit's polling, the one of every test

}  // namespace

TEST_CASE("plugins that segfault, hang and exit in their own processes do not stop the hub or lose a lead") {
    FakeReceiver receiver([](int) { return ScriptedAnswer{}; });
    TempDir dir("leadhub-isolation");
    int port = free_port();
    Hub hub(dir, port, config_yaml(port, receiver.port()));
    hub.start();
    REQUIRE(hub.wait_ready());
    // Three plugin hosts, one per isolated sink; the in-process crm has none.
    CHECK(children_of(hub.process().pid()).size() == 3);

    Poster poster(port);
    for (int i = 0; i < 10; ++i) REQUIRE(poster.post("lead-" + std::to_string(i)));
    REQUIRE(poster.post("poison lead"));  // crashes the segfault sink
    REQUIRE(poster.post("hang lead"));    // hangs the hang sink
    for (int i = 10; i < 20; ++i) REQUIRE(poster.post("lead-" + std::to_string(i)));

    // The exiting sink crashes on every delivery and is given up on; /readyz names it and why.
    REQUIRE(eventually([&] { return hub.api("/readyz").status == 503; }, 30000ms, std::chrono::milliseconds(100)));
    json ready = json::parse(hub.api("/readyz").body);
    REQUIRE(ready["failed"].size() == 1);
    const std::string failure = ready["failed"][0].get<std::string>();
    CHECK_THAT(failure, Catch::StartsWith("t1/quits: "));
    CHECK_THAT(failure, Catch::Contains("exited with code 3"));
    CHECK_THAT(failure, Catch::Contains("not restarted again"));
    CHECK(http_call(port, "GET", "/healthz").status == 200);  // the hub itself is up
    // `leadhub status` (GET /api/status) shows the same, with each instance's isolation.
    json status = json::parse(hub.api("/api/status").body);
    bool saw_quits = false;
    for (const auto& i : status["instances"]) {
        if (i["name"] == "quits") {
            saw_quits = true;
            CHECK(i["isolation"] == "process");
            CHECK(i["running"] == false);
            CHECK_THAT(i["error"].get<std::string>(), Catch::Contains("exited with code 3"));
        } else if (i["name"] == "crm") {
            CHECK(i["isolation"] == "in_process");
            CHECK(i["running"] == true);
        }
    }
    CHECK(saw_quits);

    // Healthy deliveries go on after that.
    for (int i = 20; i < 30; ++i) REQUIRE(poster.post("lead-" + std::to_string(i)));
    REQUIRE(poster.acknowledged.size() == 32);
    const double total = 32;

    auto received = [&] {
        std::set<std::string> markers;
        for (const auto& call : receiver.accepted())
            if (call.body.is_object()) markers.insert(call.body["lead"].value("text", std::string()));
        return markers;
    };
    CHECK(eventually([&] { return received() == poster.acknowledged; }, 30000ms, std::chrono::milliseconds(100)));

    // The poison jobs end as dead letters with the reason; nothing else of theirs does.
    auto dead = [&] { return json::parse(hub.api("/api/deadletters?limit=1000").body)["deadletters"]; };
    auto dead_of = [&](const std::string& sink) {
        json out = json::array();
        for (const auto& d : dead())
            if (d["sink"] == sink) out.push_back(d);
        return out;
    };
    REQUIRE(eventually([&] { return dead_of("crashy").size() == 1 && dead_of("stuck").size() == 1; }, 30000ms, std::chrono::milliseconds(100)));
    CHECK_THAT(dead_of("crashy")[0]["reason"].get<std::string>(), Catch::Contains("signal 11"));
    CHECK_THAT(dead_of("crashy")[0]["reason"].get<std::string>(), Catch::Contains("while delivering this job"));
    CHECK_THAT(dead_of("stuck")[0]["reason"].get<std::string>(), Catch::Contains("did not answer within 500 ms"));
    CHECK(dead_of("crm").empty());

    // Every acknowledged lead is accounted for at every sink: delivered, dead, or waiting.
    std::string metrics;
    auto accounted = [&](const std::string& sink) {
        metrics = http_call(port, "GET", "/metrics").body;
        double delivered = std::max(0.0, metric(metrics, "leadhub_delivered_total" + labels(sink)));
        double waiting = std::max(0.0, metric(metrics, "leadhub_queue_depth" + labels(sink)));
        return delivered + waiting + static_cast<double>(dead_of(sink).size());
    };
    for (const std::string sink : {"crm", "crashy", "stuck", "quits"}) {
        INFO(sink);
        CHECK(eventually([&] { return accounted(sink) == total; }, 20000ms, std::chrono::milliseconds(100)));
    }
    CHECK(eventually([&] { return accounted("crashy") == total && metric(metrics, "leadhub_delivered_total" + labels("crashy")) == total - 1; }, 20000ms, std::chrono::milliseconds(100)));
    CHECK(eventually([&] { return accounted("stuck") == total && metric(metrics, "leadhub_delivered_total" + labels("stuck")) == total - 1; }, 20000ms, std::chrono::milliseconds(100)));
    CHECK(metric(metrics, "leadhub_plugin_failed" + instance_labels("quits")) == 1);
    CHECK(metric(metrics, "leadhub_plugin_failed" + instance_labels("crashy")) == 0);
    CHECK(metric(metrics, "leadhub_plugin_process_restarts_total" + instance_labels("crashy")) >= 2);
    CHECK(metric(metrics, "leadhub_plugin_process_crashes_total" + instance_labels("quits")) == 5);
    // The given-up sink's jobs are kept in the store, not dropped (a reload or restart retries them).
    CHECK(metric(metrics, "leadhub_queue_depth" + labels("quits")) > 0);

    // A clean stop takes the plugin hosts with it.
    const std::set<int> hosts = children_of(hub.process().pid());
    CHECK(hosts.size() == 2);  // quits' host is gone for good
    hub.process().signal(SIGTERM);
    CHECK(hub.process().wait(std::chrono::seconds(20)) == std::optional<int>(0));
    for (int pid : hosts) CHECK(::kill(pid, 0) != 0);
}
