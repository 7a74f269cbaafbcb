// A running set of plugin instances built from one validated Config: every tenant's sources,
// sinks and notifiers created, started and ready to be called. The runtime swaps whole
// deployments on a config reload; whoever still holds the old one (a request in progress, a
// delivery in flight) keeps it alive until done.
//
// An instance that fails to create or start does not stop the others (invariant 4): it is kept
// with its error, /readyz reports it, and its jobs wait in the store until it runs.
#pragma once

#include "app/logger.hpp"
#include "config/config.hpp"
#include "dispatch/dispatcher.hpp"
#include "host/instance.hpp"
#include "host/plugin_instance.hpp"
#include "host/plugin_registry.hpp"
#include "metrics/metrics.hpp"
#include "store/store.hpp"

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace leadhub::app {

// What a source may submit outside a webhook; the runtime routes it into the pipeline.
using SubmitFunction = std::function<lh_status(const std::string& tenant, const std::string& source,
                                               const nlohmann::json& message, std::string& error)>;

struct RunningInstance {
    const config::TenantConfig* tenant = nullptr;
    const config::InstanceConfig* config = nullptr;
    std::shared_ptr<host::Instance> plugin;  // null when it failed; in-process or isolation: process
    std::string error;                             // why it is not running
    std::string plugin_version;
    dispatch::SinkPolicy policy;
    std::shared_ptr<std::vector<std::pair<std::string, std::string>>> routes;  // (method, path) registered

    // False also once a process-isolated plugin crashed too often (its failure() says why).
    bool running() const { return plugin != nullptr && error.empty() && plugin->failure().empty(); }
    // Does a webhook (method, path below the prefix) belong to this source?
    bool accepts(const std::string& method, const std::string& path) const;
};

struct DeploymentContext {
    store::Store& store;
    host::PluginRegistry& registry;
    metrics::Registry& metrics;
    Logger& logger;
    SubmitFunction submit;
};

class Deployment {
public:
    // Creates and starts every enabled instance of `config`. Never throws for plugin failures.
    static std::shared_ptr<Deployment> build(std::shared_ptr<const config::Config> config, DeploymentContext ctx);
    ~Deployment();

    const config::Config& config() const { return *config_; }
    const RunningInstance* find(const std::string& tenant, const std::string& name) const;
    std::vector<const RunningInstance*> all() const;
    std::vector<std::string> failures() const;  // "tenant/instance: error"

    // Stops every instance (called once the deployment is replaced or the hub stops).
    void stop();

private:
    Deployment() = default;
    std::shared_ptr<const config::Config> config_;
    std::map<std::string, std::unique_ptr<RunningInstance>> instances_;  // "tenant/name"
    std::mutex stop_mutex_;
    bool stopped_ = false;
};

// The dispatcher's view of a sink instance.
class InstanceSink : public dispatch::SinkTarget {
public:
    InstanceSink(std::shared_ptr<const Deployment> keep, const RunningInstance& instance)
        : keep_(std::move(keep)), instance_(instance) {}
    dispatch::SinkPolicy policy() const override { return instance_.policy; }
    sdk::Outcome deliver(const nlohmann::json& delivery) override;

private:
    std::shared_ptr<const Deployment> keep_;  // the deployment (and the plugin) outlive the call
    const RunningInstance& instance_;
};

dispatch::SinkPolicy sink_policy(const config::InstanceConfig& instance);

}  // namespace leadhub::app
