#include "runtime/deployment.hpp"

#include "runtime/app_services.hpp"
#include "runtime/instance_factory.hpp"

namespace leadhub::app {

namespace {

std::string key_of(const config::TenantConfig& tenant, const config::InstanceConfig& instance) {
    return tenant.id + "/" + instance.name;
}

// Calls `fn(tenant, instance)` for every enabled instance of `config`.
template <typename Fn>
void for_each_enabled(const config::Config& config, Fn fn) {
    for (const auto& tenant : config.tenants)
        for (const auto* group : {&tenant.sources, &tenant.sinks, &tenant.notifiers, &tenant.processors})
            for (const auto& instance : *group)
                if (instance.enabled) fn(tenant, instance);
}

// Can `was` keep running for `now`? Rate, concurrency and retry policy are the dispatcher's
// business and change without touching the plugin; anything the plugin itself was given or is
// made of must be the same.
bool can_take_over(const RunningInstance& was, const config::InstanceConfig& now, const host::PluginLibrary* library) {
    return was.running() && was.config->plugin == now.plugin && was.config->kind == now.kind &&
           was.config->options == now.options && was.config->isolation == now.isolation &&
           was.plugin->library().get() == library;
}

std::unique_ptr<RunningInstance> take_over(const RunningInstance& was, const config::TenantConfig& tenant,
                                           const config::InstanceConfig& instance) {
    auto running = std::make_unique<RunningInstance>(was);
    running->tenant = &tenant;
    running->config = &instance;
    running->policy = sink_policy(instance);
    return running;
}

}  // namespace

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
    p.bucket = instance.rate_bucket;
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

std::string DeploymentChanges::summary() const {
    auto list = [](const std::vector<std::string>& keys) {
        std::string out;
        for (const auto& k : keys) out += (out.empty() ? "" : ", ") + k;
        return out.empty() ? std::string("none") : out;
    };
    return "started: " + list(started) + "; restarted: " + list(restarted) + "; stopped: " + list(stopped) +
           "; unchanged: " + std::to_string(unchanged);
}

std::unique_ptr<RunningInstance> make_instance(const config::TenantConfig& tenant, const config::InstanceConfig& instance,
                                               std::shared_ptr<host::PluginLibrary> library, const DeploymentContext& ctx) {
    auto running = std::make_unique<RunningInstance>();
    running->tenant = &tenant;
    running->config = &instance;
    running->policy = sink_policy(instance);
    running->routes = std::make_shared<RouteList>();
    const std::string scope = key_of(tenant, instance);
    if (!library) {
        running->error = "plugin '" + instance.plugin + "' is not installed";
    } else {
        running->plugin_version = library->version();
        auto services = std::make_shared<AppServices>(ctx, tenant.id, instance.name, running->routes);
        auto created = create_plugin_instance(ctx, tenant, instance, library, services);
        if (!created.instance) {
            running->error = created.error;
        } else {
            running->plugin = std::move(created.instance);
            std::string error = running->plugin->start();
            if (!error.empty()) running->error = "start failed: " + error;
        }
    }
    if (ctx.mask) running->error = ctx.mask(running->error);
    if (running->error.empty())
        ctx.logger.info(scope, "started " + instance.plugin + " " + running->plugin_version + " as " +
                                   config::to_string(instance.kind));
    else
        ctx.logger.error(scope, running->error);
    return running;
}

std::shared_ptr<Deployment> Deployment::build(std::shared_ptr<const config::Config> config, const DeploymentContext& ctx,
                                              const Deployment* previous, DeploymentChanges* changes) {
    std::shared_ptr<Deployment> d(new Deployment());
    d->config_ = std::move(config);
    DeploymentChanges local;
    DeploymentChanges& c = changes ? *changes : local;
    for_each_enabled(*d->config_, [&](const config::TenantConfig& tenant, const config::InstanceConfig& instance) {
        const std::string key = key_of(tenant, instance);
        auto library = ctx.registry.find(instance.plugin);
        const RunningInstance* was = previous ? previous->find(tenant.id, instance.name) : nullptr;
        if (was && can_take_over(*was, instance, library.get())) {
            d->instances_[key] = take_over(*was, tenant, instance);
            c.unchanged++;
            return;
        }
        (was ? c.restarted : c.started).push_back(key);
        d->instances_[key] = make_instance(tenant, instance, std::move(library), ctx);
    });
    if (previous)
        for (const auto& [key, instance] : previous->instances_)
            if (!d->instances_.count(key)) c.stopped.push_back(key);
    publish_isolation_gauge(ctx.metrics, d);
    return d;
}

std::shared_ptr<Deployment> Deployment::with_library(const Deployment& current, std::shared_ptr<host::PluginLibrary> library,
                                                     const DeploymentContext& ctx, std::string& error) {
    std::shared_ptr<Deployment> d(new Deployment());
    d->config_ = current.config_;
    std::vector<RunningInstance*> made;
    for_each_enabled(*d->config_, [&](const config::TenantConfig& tenant, const config::InstanceConfig& instance) {
        const std::string key = key_of(tenant, instance);
        const RunningInstance* was = current.find(tenant.id, instance.name);
        if (instance.plugin != library->name()) {
            if (was) d->instances_[key] = take_over(*was, tenant, instance);
            return;
        }
        if (!error.empty()) return;
        auto fresh = make_instance(tenant, instance, library, ctx);
        if (!fresh->running()) error = key + ": " + fresh->error;
        made.push_back(fresh.get());
        d->instances_[key] = std::move(fresh);
    });
    if (error.empty()) return d;
    for (auto* m : made)
        if (m->plugin) m->plugin->stop();
    return nullptr;
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

std::vector<Deployment::Dropped> Deployment::dropped_by(const Deployment& next) const {
    std::set<const host::Instance*> kept;
    for (const auto& [key, instance] : next.instances_)
        if (instance->plugin) kept.insert(instance->plugin.get());
    std::vector<Dropped> out;
    for (const auto& [key, instance] : instances_)
        if (instance->plugin && !kept.count(instance->plugin.get()))
            out.push_back({key, instance->plugin, instance->policy.timeout_ms});
    return out;
}

void Deployment::stop() {
    for (auto& [key, instance] : instances_)
        if (instance->plugin) instance->plugin->stop();
}

sdk::Outcome InstanceSink::deliver(const nlohmann::json& delivery) { return instance_.plugin->deliver(delivery); }

}  // namespace leadhub::app
