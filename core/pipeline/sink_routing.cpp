#include "pipeline/sink_routing.hpp"

#include <algorithm>

namespace leadhub::pipeline {

namespace {
bool contains(const std::vector<std::string>& list, const std::string& value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}
}  // namespace

bool route_matches(const config::RouteConfig& route, const RouteFacts& facts) {
    if (!route.from_any && !contains(route.from, facts.source)) return false;
    const auto& when = route.when;
    if (!when.channels.empty() && !contains(when.channels, facts.channel)) return false;
    if (!when.intents.empty() && !contains(when.intents, facts.intent)) return false;
    if (!when.services.empty()) {
        bool any = std::any_of(facts.services.begin(), facts.services.end(),
                               [&](const std::string& s) { return contains(when.services, s); });
        if (!any) return false;
    }
    if (when.min_score && (!facts.score || *facts.score < *when.min_score)) return false;
    return true;
}

std::optional<store::JobSpec> understanding_job(const config::TenantConfig& tenant) {
    if (tenant.understanding.processor.empty()) return std::nullopt;
    const auto* instance = tenant.find_instance(tenant.understanding.processor);
    if (!instance || !instance->enabled || instance->kind != config::InstanceKind::processor) return std::nullopt;
    store::JobSpec job;
    job.sink = instance->name;
    job.kind = "lead";  // a job about the lead; its target being a processor is what makes it a reading
    job.payload = {{"task", "understand"}};
    return job;
}

std::vector<store::JobSpec> plan_jobs(const config::TenantConfig& tenant, const RouteFacts& facts) {
    std::vector<store::JobSpec> jobs;
    std::vector<std::string> seen;
    if (auto reading = understanding_job(tenant)) jobs.push_back(std::move(*reading));
    for (const auto& route : tenant.routes) {
        if (!route_matches(route, facts)) continue;
        for (const auto& target : route.to) {
            if (contains(seen, target)) continue;
            const auto* instance = tenant.find_instance(target);
            if (!instance || !instance->enabled || instance->kind == config::InstanceKind::processor ||
                (instance->kind == config::InstanceKind::source && !instance->notifies))
                continue;
            seen.push_back(target);
            store::JobSpec job;
            job.sink = target;
            job.kind = instance->kind == config::InstanceKind::sink ? "lead" : "notice";
            jobs.push_back(std::move(job));
        }
    }
    return jobs;
}

}  // namespace leadhub::pipeline
