// Shared by the hot reload tests and the reload benchmark: the build's http sink variants, reading
// /api/status and /metrics of a running hub, and replacing a library file the way builds do.
#pragma once

#include "e2e/e2e_support.hpp"

#include <leadhub/sdk/testing/eventually.hpp>
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <thread>

namespace leadhub::testing {

inline std::filesystem::path built_plugin(const std::string& file) {
    return std::filesystem::path(LEADHUB_BINARY_DIR) / "lib/leadhub/plugins" / file;
}
inline std::filesystem::path reload_plugin(const std::string& file) {
    return std::filesystem::path(LEADHUB_BINARY_DIR) / "lib/leadhub/reload-test-plugins" / file;
}
inline std::filesystem::path test_plugin(const std::string& file) {
    return std::filesystem::path(LEADHUB_BINARY_DIR) / "lib/leadhub/test-plugins" / file;
}

// Puts `from` in place of `to`: either written in place (truncate and copy, as `cp` does) or
// copied next to it and renamed over it (as `install` and most build tools do).
inline void replace_file(const std::filesystem::path& from, const std::filesystem::path& to, bool atomic) {
    namespace fs = std::filesystem;
    if (atomic) {
        fs::path tmp = to.parent_path() / (to.filename().string() + ".tmp");
        fs::copy_file(from, tmp, fs::copy_options::overwrite_existing);
        fs::rename(tmp, to);
    } else {
        fs::copy_file(from, to, fs::copy_options::overwrite_existing);
    }
}

inline nlohmann::json hub_status(const Hub& hub) {
    auto r = hub.api("/api/status");
    if (r.status != 200) return nlohmann::json::object();
    auto j = nlohmann::json::parse(r.body, nullptr, false);
    return j.is_discarded() ? nlohmann::json::object() : j;
}

// The status entry of plugin `name`, or an empty object.
inline nlohmann::json plugin_status(const nlohmann::json& status, const std::string& name) {
    for (const auto& p : status.value("plugins", nlohmann::json::array()))
        if (p.value("name", std::string()) == name) return p;
    return nlohmann::json::object();
}

inline nlohmann::json instance_status(const nlohmann::json& status, const std::string& name) {
    for (const auto& i : status.value("instances", nlohmann::json::array()))
        if (i.value("name", std::string()) == name) return i;
    return nlohmann::json::object();
}

// Waits for /readyz; fails the test with the end of the hub's log when it does not come.
inline bool hub_ready(Hub& hub, int timeout_ms = 20000) {
    if (hub.wait_ready(timeout_ms)) return true;
    std::string log = hub.log();
    FAIL_CHECK("the hub did not become ready; its log ends:\n" << log.substr(log.size() > 3000 ? log.size() - 3000 : 0));
    return false;
}

// Polls until `done()` or `timeout` passes; returns whether it became true.
using leadhub::sdk::testing::eventually;  // the test kit's polling, the one of every test

// The value of one series in Prometheus text, e.g. metric_value(text, "leadhub_x_total{a=\"b\"}").
inline double metric_value(const std::string& text, const std::string& series) {
    auto at = text.find("\n" + series + " ");
    if (at == std::string::npos) return 0;
    return std::stod(text.substr(at + series.size() + 2));
}

}  // namespace leadhub::testing
