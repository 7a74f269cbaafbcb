#include "app/deployment.hpp"

#include "app/app_services.hpp"
#include "app/instance_factory.hpp"

namespace leadhub::app {

bool RunningInstance::accepts(const std::string& method, const std::string& path) const {
    if (!routes || routes->empty()) return true;  // registered nothing: everything under the prefix
    for (const auto& [m, p] : *routes)
        if ((m == "*" || m == method) && (p == "*" || p == path)) return true;
    return false;
}

dispatch::SinkPolicy sink_policy(const config::InstanceConfig& instance) {
    dispatch::SinkPolicy p;
    if (instance.rate) {
        p.rate_per_second = instance.rate->per_second;
        p.burst = instance.rate->burst;
    } else {
        p.rate_per_second = 1e9;  // no limit declared anywhere
        p.burst = 1e9;
    }
    p.concurrency = std::max(1, instance.concurrency);
    p.timeout_ms = instance.dispatch.timeout.count();
    p.max_attempts = instance.dispatch.max_attempts;
    p.max_age_ms = instance.dispatch.max_age.count();
    p.backoff.initial_ms = instance.dispatch.backoff.initial.count();
    p.backoff.max_ms = instance.dispatch.backoff.max.count();
    p.backoff.multiplier = instance.dispatch.backoff.multiplier;
    p.backoff.jitter = instance.dispatch.backoff.jitter;
    return p;
}

std::shared_ptr<Deployment> Deployment::build(std::shared_ptr<const config::Config> config, DeploymentContext ctx) {
    std::shared_ptr<Deployment> d(new Deployment());
    d->config_ = std::move(config);
    for (const auto& tenant : d->config_->tenants) {
        for (const auto* group : {&tenant.sources, &tenant.sinks, &tenant.notifiers}) {
            for (const auto& instance : *group) {
                if (!instance.enabled) continue;
                auto running = std::make_unique<RunningInstance>();
                running->tenant = &tenant;
                running->config = &instance;
                running->policy = sink_policy(instance);
                running->routes = std::make_shared<std::vector<std::pair<std::string, std::string>>>();
                const std::string scope = tenant.id + "/" + instance.name;
                auto library = ctx.registry.find(instance.plugin);
                if (!library) {
                    running->error = "plugin '" + instance.plugin + "' is not installed";
                } else {
                    running->plugin_version = library->version();
                    auto services = std::make_shared<AppServices>(ctx, tenant.id, instance.name, running->routes);
                    auto created = make_instance(ctx, tenant, instance, library, services);
                    if (!created.instance) {
                        running->error = created.error;
                    } else {
                        running->plugin = std::move(created.instance);
                        std::string error = running->plugin->start();
                        if (!error.empty()) running->error = "start failed: " + error;
                    }
                }
                if (running->error.empty())
                    ctx.logger.info(scope, "started " + instance.plugin + " " + running->plugin_version + " as " +
                                               config::to_string(instance.kind));
                else
                    ctx.logger.error(scope, running->error);
                d->instances_[scope] = std::move(running);
            }
        }
    }
    publish_isolation_gauge(ctx.metrics, d);
    return d;
}

Deployment::~Deployment() { stop(); }

void Deployment::stop() {
    std::lock_guard lock(stop_mutex_);
    if (stopped_) return;
    stopped_ = true;
    for (auto& [key, instance] : instances_)
        if (instance->plugin && instance->error.empty()) instance->plugin->stop();
}

const RunningInstance* Deployment::find(const std::string& tenant, const std::string& name) const {
    auto it = instances_.find(tenant + "/" + name);
    return it == instances_.end() ? nullptr : it->second.get();
}

std::vector<const RunningInstance*> Deployment::all() const {
    std::vector<const RunningInstance*> out;
    for (const auto& [key, instance] : instances_) out.push_back(instance.get());
    return out;
}

std::vector<std::string> Deployment::failures() const {
    std::vector<std::string> out;
    for (const auto& [key, instance] : instances_)
        if (!instance->running())
            out.push_back(key + ": " + (instance->error.empty() && instance->plugin ? instance->plugin->failure() : instance->error));
    return out;
}

sdk::Outcome InstanceSink::deliver(const nlohmann::json& delivery) { return instance_.plugin->deliver(delivery); }

}  // namespace leadhub::app
