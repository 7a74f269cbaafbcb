// The one place that decides how a configured instance runs: in the hub's process (the default)
// or, with `isolation: process`, in a leadhub-plugin-host child process (isolation::ProcessInstance)
// whose crashes, restarts and failure show in /metrics.
#pragma once

#include "runtime/deployment.hpp"

#include "host/instance.hpp"

#include <filesystem>
#include <memory>
#include <string>

namespace leadhub::app {

struct MadeInstance {
    std::shared_ptr<host::Instance> instance;  // created, not started; null on failure
    std::string error;
};

MadeInstance create_plugin_instance(const DeploymentContext& ctx, const config::TenantConfig& tenant,
                           const config::InstanceConfig& instance, std::shared_ptr<host::PluginLibrary> library,
                           std::shared_ptr<host::InstanceServices> services);

// $LEADHUB_PLUGIN_HOST when set, else leadhub-plugin-host next to the running binary.
std::filesystem::path plugin_host_program();

// Publishes leadhub_plugin_failed{tenant,instance} (1 when a process-isolated instance gave up
// after crashing too often, else 0) for the instances of `deployment`, the newest deployment built.
void publish_isolation_gauge(metrics::Registry& metrics, const std::shared_ptr<const Deployment>& deployment);

}  // namespace leadhub::app
