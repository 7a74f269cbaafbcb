// The running hub: plugins, store, deployment, dispatcher and HTTP server, started in that order
// and stopped in reverse. `leadhub run` is a Runtime plus signal handling.
#pragma once

#include "runtime/deployment.hpp"
#include "runtime/logger.hpp"
#include "runtime/reload_history.hpp"
#include "runtime/retirer.hpp"
#include "config/config.hpp"
#include "config/secret_mask.hpp"
#include "dispatch/dispatcher.hpp"
#include "host/file_watcher.hpp"
#include "host/plugin_registry.hpp"
#include "host/shadow_dir.hpp"
#include "http/server.hpp"
#include "metrics/metrics.hpp"
#include "pipeline/inbox_processor.hpp"
#include "timers/timer_runner.hpp"
#include "store/store.hpp"

#include <filesystem>
#include <functional>
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

// Loads the config in two passes: first to learn plugins.dirs, then in full (options validated
// against each manifest), opening only the plugin libraries its instances name (see
// PluginRegistry::resolve). Errors of libraries that were opened and refused are appended to
// `plugin_errors`.
config::LoadResult load_with_plugins(const std::string& path, host::PluginRegistry& registry,
                                     std::vector<std::string>& plugin_errors);

// Every plugin name the config's instances use, each once, in config order.
std::vector<std::string> plugin_names(const config::Config& config);

struct RunOptions {
    // `leadhub run --watch`: reload rebuilt plugin libraries and the edited config file by
    // themselves. The config's plugins.watch: true turns on the first only.
    bool watch = false;
    host::WatchOptions watch_timing;
};

class Runtime;

// Builds the HTTP server's handler once the runtime has its store and deployment. The endpoints
// (core/api) are given to the runtime by whoever composes the hub (core/cli's `run`), so the
// runtime does not depend on them.
using HttpHandlerFactory = std::function<http::AsyncHandler(Runtime&)>;

class Runtime {
public:
    Runtime(Logger& logger, HttpHandlerFactory make_http_handler);
    ~Runtime();

    // Throws StartError with every reason (config errors, store, listen address), secrets masked.
    void start(const std::string& config_path, RunOptions options = {});
    // Validates the config file again and applies it; a bad one is refused and the running one
    // stays. Only instances whose plugin, options or library changed are restarted; the rest
    // keep running. Returns false (after logging every error) when refused.
    bool reload();
    // Loads `file` (a plugin library that changed on disk) from a fresh copy and switches every
    // instance of its plugin to it, all or nothing. Returns "" when switched (or when nothing runs
    // the file), otherwise why the old library stays.
    std::string reload_library(const std::filesystem::path& file);

    // What runs: versions, instances, reload counts and last errors (GET /api/status).
    nlohmann::json status() const;
    // An operator's action on one running instance (abi.h `control`: "status", "connect"): the
    // plugin's answer, or {"error": ...} when there is no such running instance.
    nlohmann::json control(const std::string& tenant, const std::string& instance, const nlohmann::json& request) const;
    // Drains: stops accepting requests, lets deliveries in flight finish (up to drain_ms), stops
    // plugins. Returns false when some deliveries were still inside their plugins after drain_ms:
    // those are abandoned (their late answers are dropped, their jobs stay in the store for the
    // next start), their plugin instances are left running on their threads, and from here on no
    // plugin thread touches the runtime's store, metrics or logger. The store closes with the
    // Runtime.
    bool stop(int64_t drain_ms = 10000);

    std::shared_ptr<Deployment> deployment() const;
    uint16_t port() const;
    store::Store& store() { return *store_; }
    metrics::Registry& metrics() { return metrics_; }
    dispatch::Dispatcher& dispatcher() { return *dispatcher_; }
    // The background stage that turns acknowledged inbox rows into leads (wake it after an accept).
    pipeline::InboxProcessor& inbox() { return *inbox_; }
    timers::TimerRunner& timers() { return *timers_; }
    Logger& logger() { return logger_; }

private:
    // `incoming`: the config of the deployment being built with it. Its sources may submit from
    // start(), before that deployment is swapped in: their tenant is looked up there too.
    DeploymentContext context(std::shared_ptr<const config::Config> incoming = nullptr);
    // Makes `next` the running deployment and retires the instances `previous` had and it has not.
    void swap_in(const std::shared_ptr<Deployment>& previous, std::shared_ptr<Deployment> next);
    void start_watching(const config::Config& config, const RunOptions& options);
    void on_file_changed(const std::filesystem::path& file);
    void create_inbox();
    // The timer runner (SLA steps, automatic replies, reminders), started after the dispatcher.
    void create_timers();
    // Removes the plugin copy folders of hubs that are gone, and claims this one's.
    void claim_shadow_dir();
    dispatch::DispatcherOptions dispatch_options() const;
    lh_status submit(const std::string& tenant, const std::string& source, const nlohmann::json& message,
                     std::string& error,
                     const config::Config* incoming = nullptr);

    Logger& logger_;
    HttpHandlerFactory make_http_handler_;
    // The secrets of every config loaded (refused ones too): the one mask of everything that
    // leaves the process (log lines, instance errors, reload errors, delivery reasons).
    std::shared_ptr<config::SecretMask> secrets_ = std::make_shared<config::SecretMask>();
    std::string config_path_;
    metrics::Registry metrics_;
    // Before the registry, so it is removed after the registry has unloaded the copies in it.
    std::unique_ptr<host::ShadowDir> shadow_dir_;
    host::PluginRegistry registry_;
    std::unique_ptr<store::Store> store_;
    std::unique_ptr<dispatch::Dispatcher> dispatcher_;
    std::unique_ptr<pipeline::InboxProcessor> inbox_;
    std::unique_ptr<timers::TimerRunner> timers_;
    std::unique_ptr<http::Server> server_;
    mutable std::mutex mutex_;
    std::shared_ptr<Deployment> deployment_;
    std::mutex reload_mutex_;  // one reload (config or library) at a time
    ReloadHistory history_{metrics_, config::mask_function(secrets_)};
    Retirer retirer_{logger_};
    std::vector<std::filesystem::path> plugin_dirs_;  // the existing search dirs, for the watcher
    std::unique_ptr<host::FileWatcher> watcher_;
    bool watch_plugins_ = false;
    bool watch_config_ = false;
    int64_t started_at_ms_ = 0;
    // Open until stop() has ended; guards what plugin threads reach of this object (see
    // DeploymentContext).
    std::shared_ptr<dispatch::Lifeline> alive_ = std::make_shared<dispatch::Lifeline>();
};

}  // namespace leadhub::app
