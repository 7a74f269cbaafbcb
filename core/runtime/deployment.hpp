// A running set of plugin instances built from one validated Config: every tenant's sources,
// sinks and notifiers created, started and ready to be called. The runtime swaps whole
// deployments on a reload; whoever still holds the old one (a request in progress, a delivery in
// flight) keeps it alive until done.
//
// Deployments share plugin instances: a deployment built from a new config takes over every
// instance of the previous one whose plugin, kind, options and library are unchanged, so those
// keep running without a blip; only instances that are new or changed are created. A library
// reload (with_library) makes a copy in which only one plugin's instances are new. Stopping the
// instances a new deployment no longer has is the runtime's job (see Runtime::retire), because it
// must wait for their calls in flight; a Deployment never stops instances on destruction.
//
// An instance that fails to create or start does not stop the others (invariant 4): it is kept
// with its error, /readyz reports it, and its jobs wait in the store until it runs.
#pragma once

#include "runtime/logger.hpp"
#include "config/config.hpp"
#include "config/secret_mask.hpp"
#include "dispatch/dispatcher.hpp"
#include "dispatch/lifeline.hpp"
#include "host/instance.hpp"
#include "host/plugin_instance.hpp"
#include "host/plugin_registry.hpp"
#include "metrics/metrics.hpp"
#include "store/store.hpp"

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace leadhub::app {

// What a source may submit outside a webhook; the runtime routes it into the pipeline.
using SubmitFunction = std::function<lh_status(const std::string& tenant, const std::string& source,
                                               const nlohmann::json& message, std::string& error)>;

using RouteList = std::vector<std::pair<std::string, std::string>>;  // (method, path) a source registered

// One configured instance as one deployment sees it. `tenant` and `config` point into that
// deployment's Config; `plugin` (and its routes) may be shared with other deployments.
struct RunningInstance {
    const config::TenantConfig* tenant = nullptr;
    const config::InstanceConfig* config = nullptr;
    std::shared_ptr<host::Instance> plugin;  // null when it failed; in-process or isolation: process
    std::string error;                             // why it is not running
    std::string plugin_version;
    dispatch::SinkPolicy policy;
    std::shared_ptr<RouteList> routes;

    // False also once a process-isolated plugin crashed too often (its failure() says why).
    bool running() const { return plugin != nullptr && error.empty() && plugin->failure().empty(); }
    // Does a webhook (method, path below the prefix) belong to this source?
    bool accepts(const std::string& method, const std::string& path) const;
};

// The runtime's objects that plugin instances reach through their services. A plugin's threads
// can outlive the runtime (a delivery stuck in a plugin at a stop keeps its instance alive), so
// the references here, and `submit`, which calls into the runtime, are used only under a hold of
// `alive`, which the runtime closes when it stops. `mask` owns what it uses and needs no hold.
struct DeploymentContext {
    store::Store& store;
    host::PluginRegistry& registry;
    metrics::Registry& metrics;
    Logger& logger;
    SubmitFunction submit;
    // Masks secrets in an instance's error before it is kept: /readyz (no token needed),
    // /api/status and `leadhub status` show it, and a plugin's error may quote its options.
    config::MaskFunction mask;
    // Open until the runtime has stopped; see above.
    std::shared_ptr<dispatch::Lifeline> alive;
};

// What a rebuild did, instance keys "tenant/name" in each list.
struct DeploymentChanges {
    std::vector<std::string> started;    // new in the config
    std::vector<std::string> restarted;  // options, plugin or library changed, or it had failed
    std::vector<std::string> stopped;    // gone from the config (or disabled)
    std::size_t unchanged = 0;           // kept running as they were
    std::string summary() const;
};

// Creates and starts one instance of `library` for `instance` of `tenant`. Never throws; a failure
// is the returned instance's error. The single place where the hub makes plugin instances.
std::unique_ptr<RunningInstance> make_instance(const config::TenantConfig& tenant, const config::InstanceConfig& instance,
                                               std::shared_ptr<host::PluginLibrary> library, const DeploymentContext& ctx);

class Deployment {
public:
    // Creates and starts every enabled instance of `config`, taking over from `previous` (when
    // given) every running instance whose plugin, kind, options and library are the same. Never
    // throws for plugin failures. `changes`, when given, receives what differs from `previous`.
    static std::shared_ptr<Deployment> build(std::shared_ptr<const config::Config> config, const DeploymentContext& ctx,
                                             const Deployment* previous = nullptr, DeploymentChanges* changes = nullptr);

    // A copy of `current` in which every enabled instance of `library`'s plugin is created anew
    // from `library`, with its current options. All or nothing: if any of them fails to create or
    // start, those already made are stopped, nullptr is returned and `error` says why.
    static std::shared_ptr<Deployment> with_library(const Deployment& current,
                                                    std::shared_ptr<host::PluginLibrary> library,
                                                    const DeploymentContext& ctx, std::string& error);

    const config::Config& config() const { return *config_; }
    std::shared_ptr<const config::Config> shared_config() const { return config_; }
    const RunningInstance* find(const std::string& tenant, const std::string& name) const;
    std::vector<const RunningInstance*> all() const;
    std::vector<std::string> failures() const;  // "tenant/instance: error"
    // Instances of this deployment that `next` no longer runs: the ones to stop after a swap.
    struct Dropped {
        std::string key;  // "tenant/name"
        std::shared_ptr<host::Instance> plugin;
        int64_t grace_ms = 0;  // how long its calls in flight may take: its delivery timeout
    };
    std::vector<Dropped> dropped_by(const Deployment& next) const;

    // Stops every instance (when the hub stops).
    void stop();

private:
    Deployment() = default;
    std::shared_ptr<const config::Config> config_;
    std::map<std::string, std::unique_ptr<RunningInstance>> instances_;  // "tenant/name"
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
