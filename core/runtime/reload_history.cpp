#include "runtime/reload_history.hpp"

#include "runtime/logger.hpp"

#include <leadhub/sdk/iso8601.hpp>

namespace leadhub::app {

const char* to_string(ReloadResult result) {
    switch (result) {
        case ReloadResult::ok: return "ok";
        case ReloadResult::load_failed: return "load_failed";
        case ReloadResult::rejected: return "rejected";
    }
    return "?";
}

void ReloadHistory::record(Entry& e, ReloadResult result, const std::string& error, int64_t at_ms) const {
    e.last_at_ms = at_ms;
    if (result == ReloadResult::ok) {
        e.applied++;
    } else {
        e.refused++;
        e.last_error = mask_ ? mask_(error) : error;
        e.last_error_at_ms = at_ms;
    }
}

void ReloadHistory::plugin(const std::string& plugin, ReloadResult result, const std::string& error, int64_t at_ms) {
    metrics_.counter("leadhub_plugin_reloads_total", {{"plugin", plugin}, {"result", to_string(result)}},
                     "Plugin library reloads, by result (ok, load_failed, rejected)").add();
    std::lock_guard lock(mutex_);
    record(plugins_[plugin], result, error, at_ms);
}

void ReloadHistory::config(ReloadResult result, const std::string& error, int64_t at_ms) {
    metrics_.counter("leadhub_config_reloads_total", {{"result", to_string(result)}},
                     "Config reloads, by result (ok, rejected)").add();
    std::lock_guard lock(mutex_);
    record(config_, result, error, at_ms);
}

nlohmann::json ReloadHistory::to_json(const Entry& e) {
    auto time = [](int64_t ms) { return ms ? nlohmann::json(sdk::iso8601_utc(ms)) : nlohmann::json(nullptr); };
    return {{"reloads", e.applied},
            {"refused", e.refused},
            {"last_reload_at", time(e.last_at_ms)},
            {"last_error", e.last_error.empty() ? nlohmann::json(nullptr) : nlohmann::json(e.last_error)},
            {"last_error_at", time(e.last_error_at_ms)}};
}

nlohmann::json ReloadHistory::plugin_json(const std::string& plugin) const {
    std::lock_guard lock(mutex_);
    auto it = plugins_.find(plugin);
    return to_json(it == plugins_.end() ? Entry{} : it->second);
}

nlohmann::json ReloadHistory::config_json() const {
    std::lock_guard lock(mutex_);
    return to_json(config_);
}

int ReloadHistory::config_reloads() const {
    std::lock_guard lock(mutex_);
    return config_.applied;
}

}  // namespace leadhub::app
