// The hub's services for one plugin instance: logs labelled with the instance and masked, the
// store's durable state, metrics labelled with tenant and instance, webhook routes, and submit
// into the pipeline.
//
// A plugin may call them after the runtime stopped (from a delivery that was stuck at the stop,
// or from its own stop and destroy when the last owner of the instance lets go). Then the
// runtime's lifeline is closed and they touch nothing of it: a log line is dropped, state_get
// finds nothing, state_put and submit fail, a metric is not counted.
#pragma once

#include "runtime/deployment.hpp"
#include "host/instance_services.hpp"
#include "metrics/metrics.hpp"

#include <shared_mutex>
#include <unordered_map>

namespace leadhub::app {

class AppServices : public host::DefaultServices {
public:
    AppServices(DeploymentContext ctx, std::string tenant, std::string instance,
                std::shared_ptr<std::vector<std::pair<std::string, std::string>>> routes)
        : ctx_(std::move(ctx)), tenant_(std::move(tenant)), instance_(std::move(instance)), routes_(std::move(routes)) {}

    void log(lh_log_level level, const std::string& message) override;
    std::optional<std::string> state_get(const std::string& key) override;
    bool state_put(const std::string& key, const std::string& value) override;
    void metric_add(const std::string& name, double value) override;
    bool register_route(const std::string& method, const std::string& path) override;
    host::SubmitResult submit(const nlohmann::json& message) override;

private:
    std::string scope() const { return tenant_ + "/" + instance_; }
    DeploymentContext ctx_;
    std::string tenant_, instance_;
    std::shared_ptr<std::vector<std::pair<std::string, std::string>>> routes_;
    // A plugin counts on every call (the web form: each request): the name is checked and the
    // counter found in the registry once, then looked up here.
    std::shared_mutex counters_mutex_;
    std::unordered_map<std::string, metrics::Counter*> counters_;  // nullptr: an invalid name
};

}  // namespace leadhub::app
