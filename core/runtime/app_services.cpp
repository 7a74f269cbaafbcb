#include "runtime/app_services.hpp"

#include <regex>

namespace leadhub::app {

void AppServices::log(lh_log_level level, const std::string& message) {
    if (auto hold = ctx_.alive->hold()) ctx_.logger.log(level, scope(), message);
}

std::optional<std::string> AppServices::state_get(const std::string& key) {
    auto hold = ctx_.alive->hold();
    if (!hold) return std::nullopt;
    try {
        return ctx_.store.state_get(scope(), key);
    } catch (const std::exception& e) {
        ctx_.logger.error(scope(), std::string("state_get failed: ") + e.what());
        return std::nullopt;
    }
}

bool AppServices::state_put(const std::string& key, const std::string& value) {
    auto hold = ctx_.alive->hold();
    if (!hold) return false;
    try {
        ctx_.store.state_put(scope(), key, value);
        return true;
    } catch (const std::exception& e) {
        ctx_.logger.error(scope(), std::string("state_put failed: ") + e.what());
        return false;
    }
}

void AppServices::metric_add(const std::string& name, double value) {
    auto hold = ctx_.alive->hold();  // the cached counters live in the runtime's registry
    if (!hold) return;
    {
        std::shared_lock lock(counters_mutex_);
        if (auto it = counters_.find(name); it != counters_.end()) {
            if (it->second) it->second->add(value);
            return;
        }
    }
    // Plugin metrics share one family, labelled, so a plugin cannot clobber the hub's own names.
    static const std::regex valid("[a-zA-Z_][a-zA-Z0-9_]*");
    metrics::Counter* counter = nullptr;
    if (std::regex_match(name, valid))
        counter = &ctx_.metrics.counter("leadhub_plugin_" + name, {{"tenant", tenant_}, {"instance", instance_}});
    {
        std::unique_lock lock(counters_mutex_);
        // A plugin that makes up names without end would grow this map: past a bound, counters
        // still count, through the registry, without being remembered here.
        if (counters_.size() < 256) counters_.emplace(name, counter);
    }
    if (counter) counter->add(value);
}

bool AppServices::register_route(const std::string& method, const std::string& path) {
    if (path.empty() || (path != "*" && path.front() != '/')) return false;
    std::lock_guard lock(mutex_);
    for (const auto& [m, p] : *routes_)
        if (m == method && p == path) return true;
    routes_->emplace_back(method, path);
    return true;
}

host::SubmitResult AppServices::submit(const nlohmann::json& message) {
    if (!ctx_.submit) return {LH_ERROR, "this hub does not accept submitted messages"};
    auto hold = ctx_.alive->hold();
    if (!hold) return {LH_ERROR, "the hub has stopped; the message was not stored"};
    std::string error;
    lh_status s = ctx_.submit(tenant_, instance_, message, error);
    return {s, error};
}

}  // namespace leadhub::app
