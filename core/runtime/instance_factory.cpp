#include "runtime/instance_factory.hpp"

#include "install_layout.hpp"
#include "isolation/plugin_host_protocol.hpp"
#include "isolation/process_instance.hpp"

#include <cstdlib>

namespace leadhub::app {

namespace fs = std::filesystem;

fs::path plugin_host_program() {
    if (const char* env = std::getenv("LEADHUB_PLUGIN_HOST"); env && *env) return env;
    fs::path dir = program_dir();
    return (dir.empty() ? fs::path(".") : dir) / isolation::kPluginHostProgram;
}

MadeInstance create_plugin_instance(const DeploymentContext& ctx, const config::TenantConfig& tenant,
                           const config::InstanceConfig& instance, std::shared_ptr<host::PluginLibrary> library,
                           std::shared_ptr<host::InstanceServices> services) {
    if (instance.isolation == config::Isolation::in_process) {
        auto created = host::PluginInstance::create(std::move(library), tenant.id, instance.name, instance.options,
                                                    std::move(services));
        return {std::move(created.instance), std::move(created.error)};
    }
    isolation::ProcessSettings settings;
    settings.program = plugin_host_program();
    std::error_code ec;
    if (!fs::is_regular_file(settings.program, ec))
        return {nullptr, "isolation: process needs the " + std::string(isolation::kPluginHostProgram) +
                             " program, which is not at " + settings.program.string() +
                             " (install it next to leadhub or set LEADHUB_PLUGIN_HOST)"};
    // The hub kills a call's child when the dispatcher gives up on the call, not later: a hung
    // plugin holds its concurrency slot until then.
    settings.call_timeout_ms = std::max<int64_t>(1, instance.dispatch.timeout.count());
    const metrics::Labels labels = {{"tenant", tenant.id}, {"instance", instance.name}};
    metrics::Registry& metrics = ctx.metrics;
    settings.mask = ctx.mask;
    // Called on the instance's supervisor thread, which lives as long as the instance: possibly
    // past the runtime (see DeploymentContext).
    settings.on_event = [&metrics, alive = ctx.alive, labels](isolation::ProcessEvent event, const std::string&) {
        auto hold = alive->hold();
        if (!hold) return;
        switch (event) {
            case isolation::ProcessEvent::crashed:
                metrics.counter("leadhub_plugin_process_crashes_total", labels,
                                "Plugin processes (isolation: process) that crashed, exited or were killed after a timeout").add();
                break;
            case isolation::ProcessEvent::restarted:
                metrics.counter("leadhub_plugin_process_restarts_total", labels,
                                "Plugin processes (isolation: process) restarted after a crash").add();
                break;
            case isolation::ProcessEvent::failed: break;  // leadhub_plugin_failed reads failure()
        }
    };
    auto created = isolation::ProcessInstance::create(std::move(library), tenant.id, instance.name, instance.options,
                                                      std::move(services), std::move(settings));
    return {std::move(created.instance), std::move(created.error)};
}

void publish_isolation_gauge(metrics::Registry& metrics, const std::shared_ptr<const Deployment>& deployment) {
    std::weak_ptr<const Deployment> watched = deployment;
    metrics.gauge("leadhub_plugin_failed",
                  "1 when a plugin instance run with isolation: process crashed too often and is no longer restarted",
                  [watched] {
                      std::vector<std::pair<metrics::Labels, double>> out;
                      auto d = watched.lock();
                      if (!d) return out;
                      for (const auto* i : d->all()) {
                          if (i->config->isolation != config::Isolation::process) continue;
                          const bool failed = i->plugin && !i->plugin->failure().empty();
                          out.push_back({{{"tenant", i->tenant->id}, {"instance", i->config->name}}, failed ? 1.0 : 0.0});
                      }
                      return out;
                  });
}

}  // namespace leadhub::app
