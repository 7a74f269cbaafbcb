// What the hub's reloads did, for `leadhub status`, /api/status and /metrics: per plugin, how many
// library reloads were applied or refused and the last refusal; for the config, the same.
#pragma once

#include "config/secret_mask.hpp"
#include "metrics/metrics.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <mutex>
#include <string>

namespace leadhub::app {

enum class ReloadResult {
    ok,           // switched to the new library or config
    load_failed,  // the file did not load: not a library, wrong ABI, bad manifest, another plugin's name
    rejected,     // loaded, but an instance refused its options or failed to start; or an invalid config
};
const char* to_string(ReloadResult result);

class ReloadHistory {
public:
    // Every error is kept masked with `mask`: it is shown by /api/status and `leadhub status`, and
    // a refused config's error may quote a secret of that config.
    ReloadHistory(metrics::Registry& metrics, config::MaskFunction mask)
        : metrics_(metrics), mask_(std::move(mask)) {}

    // Counts one library reload of `plugin` in leadhub_plugin_reloads_total{plugin,result}.
    void plugin(const std::string& plugin, ReloadResult result, const std::string& error, int64_t at_ms);
    void config(ReloadResult result, const std::string& error, int64_t at_ms);

    // {"reloads": n, "refused": n, "last_error": "..."|null, "last_reload_at": "..."|null}
    nlohmann::json plugin_json(const std::string& plugin) const;
    nlohmann::json config_json() const;
    int config_reloads() const;

private:
    struct Entry {
        int applied = 0;
        int refused = 0;
        std::string last_error;
        int64_t last_at_ms = 0;
        int64_t last_error_at_ms = 0;
    };
    void record(Entry& e, ReloadResult result, const std::string& error, int64_t at_ms) const;
    static nlohmann::json to_json(const Entry& e);

    metrics::Registry& metrics_;
    config::MaskFunction mask_;
    mutable std::mutex mutex_;
    std::map<std::string, Entry> plugins_;
    Entry config_;
};

}  // namespace leadhub::app
