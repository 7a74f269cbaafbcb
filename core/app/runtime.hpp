// The running hub: plugins, store, deployment, dispatcher and HTTP server, started in that order
// and stopped in reverse. `leadhub run` is a Runtime plus signal handling.
#pragma once

#include "app/deployment.hpp"
#include "app/logger.hpp"
#include "config/config.hpp"
#include "dispatch/dispatcher.hpp"
#include "host/plugin_registry.hpp"
#include "http/server.hpp"
#include "metrics/metrics.hpp"
#include "pipeline/inbox_processor.hpp"
#include "store/store.hpp"

#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

namespace leadhub::app {

class StartError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Where plugins are looked for: the config's plugins.dirs first, then $LEADHUB_PLUGIN_PATH
// (colon-separated), then <dir of the leadhub binary>/../lib/leadhub/plugins.
std::vector<std::string> plugin_search_dirs(const std::vector<std::string>& config_dirs);

// Loads the config in two passes: first to learn plugins.dirs, then, with the plugins found
// there, in full (options validated against each manifest). Scan errors of broken libraries are
// appended to `plugin_errors`.
config::LoadResult load_with_plugins(const std::string& path, host::PluginRegistry& registry,
                                     std::vector<std::string>& plugin_errors);

class Runtime {
public:
    explicit Runtime(Logger& logger);
    ~Runtime();

    // Throws StartError with every reason (config errors, store, listen address).
    void start(const std::string& config_path);
    // Validates the config file again and applies it; a bad one is refused and the running one
    // stays. Returns false (after logging every error) when refused.
    bool reload();
    // Drains: stops accepting requests, lets deliveries in flight finish (up to drain_ms), stops
    // plugins, closes the store.
    void stop(int64_t drain_ms = 10000);

    std::shared_ptr<Deployment> deployment() const;
    uint16_t port() const;
    store::Store& store() { return *store_; }
    metrics::Registry& metrics() { return metrics_; }
    dispatch::Dispatcher& dispatcher() { return *dispatcher_; }
    // The background stage that turns acknowledged inbox rows into leads (wake it after an accept).
    pipeline::InboxProcessor& inbox() { return *inbox_; }
    Logger& logger() { return logger_; }

private:
    std::shared_ptr<Deployment> build_deployment(std::shared_ptr<const config::Config> config);
    void create_inbox();
    lh_status submit(const std::string& tenant, const std::string& source, const nlohmann::json& message,
                     std::string& error);

    Logger& logger_;
    std::string config_path_;
    metrics::Registry metrics_;
    host::PluginRegistry registry_;
    std::unique_ptr<store::Store> store_;
    std::unique_ptr<dispatch::Dispatcher> dispatcher_;
    std::unique_ptr<pipeline::InboxProcessor> inbox_;
    std::unique_ptr<http::Server> server_;
    mutable std::mutex mutex_;
    std::shared_ptr<Deployment> deployment_;
    std::atomic<int> reloads_{0};
};

}  // namespace leadhub::app
