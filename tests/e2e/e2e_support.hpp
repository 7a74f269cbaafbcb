// Shared set-up for tests that run the real `leadhub` binary on a generated config.
#pragma once

#include "support/child_process.hpp"
#include "support/http_call.hpp"

#include <leadhub/sdk/testing/eventually.hpp>
#include <leadhub/sdk/json.hpp>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace leadhub::testing {

// Polls `done` every 20 ms until it holds or `timeout_ms` pass; returns its last answer.
using leadhub::sdk::testing::eventually;  // the test kit's polling, the one of every test

inline const std::string kAdminToken = "e2e-admin-token-0123456789";

inline std::string leadhub_binary() { return std::string(LEADHUB_BINARY_DIR) + "/bin/leadhub"; }
inline std::string source_dir() { return LEADHUB_SOURCE_DIR; }

// A finished `leadhub` command: its exit code and everything it printed.
struct Run {
    int code;
    std::string output;
};

// A leadhub process on a config written to `dir`/leadhub.yaml, listening on `port`.
class Hub {
public:
    Hub(const TempDir& dir, int port, const std::string& config_yaml)
        : dir_(dir), port_(port), config_(dir / "leadhub.yaml") {
        write_file(config_, config_yaml);
    }
    // `env` is added to the admin token's variable (secrets the config references, TMPDIR);
    // `extra_args` follow `run -c FILE`, e.g. {"--drain-seconds", "1"}.
    void start(std::map<std::string, std::string> env = {}, const std::vector<std::string>& extra_args = {}) {
        env.emplace("LEADHUB_ADMIN_TOKEN", kAdminToken);
        std::vector<std::string> argv{leadhub_binary(), "run", "-c", config_};
        argv.insert(argv.end(), extra_args.begin(), extra_args.end());
        process_ = std::make_unique<ChildProcess>(argv, env,
                                                  dir_ / "leadhub.log");
    }
    bool wait_ready(int timeout_ms = 10000) { return wait_for_status(port_, "/readyz", 200, timeout_ms); }
    ChildProcess& process() { return *process_; }
    void stop_process() { process_.reset(); }
    int port() const { return port_; }
    std::string log() const { return read_file(dir_ / "leadhub.log"); }

    HttpReply api(const std::string& uri) const {
        return http_call(port_, "GET", uri, {}, {{"Authorization", "Bearer " + kAdminToken}});
    }
    nlohmann::json leads(int limit = 100) const {
        auto r = api("/api/leads?limit=" + std::to_string(limit));
        return r.status == 200 ? nlohmann::json::parse(r.body)["leads"] : nlohmann::json::array();
    }
    // The leads once there are at least `count` of them: a lead is made by the background stage a
    // little after its webhook was acknowledged (docs/operations.md, "Two stages").
    nlohmann::json wait_for_leads(std::size_t count, int timeout_ms = 10000) const {
        eventually([&] { return leads().size() >= count; }, std::chrono::milliseconds(timeout_ms));
        return leads();
    }

private:
    const TempDir& dir_;
    int port_;
    std::string config_;
    std::unique_ptr<ChildProcess> process_;
};

// The lead of that id as /api/leads shows it, or null.
inline nlohmann::json lead_by_id(const Hub& hub, int64_t id) {
    for (const auto& lead : hub.leads())
        if (lead["id"] == id) return lead;
    return nullptr;
}

}  // namespace leadhub::testing
