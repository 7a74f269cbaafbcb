// Which sinks and notifiers a message goes to: the tenant's routes, evaluated in file order.
// A sink named by several matching routes gets one job, not several.
#pragma once

#include "config/config.hpp"
#include "store/store.hpp"

#include <string>
#include <vector>

namespace leadhub::pipeline {

// What the routes may look at. Understanding fields (intent, services, score) are empty until a
// processor fills them; a route that asks for them then does not match.
struct RouteFacts {
    std::string source;
    std::string channel;
    std::string intent;
    std::vector<std::string> services;
    std::optional<double> score;
};

bool route_matches(const config::RouteConfig& route, const RouteFacts& facts);

// One JobSpec per distinct target of every matching route; disabled targets are skipped. With
// `understanding.processor` set, the first job asks that processor for its reading of the lead
// (see understanding_update.hpp): it goes through the outbox like a delivery, so timeouts,
// retries, rate limits and dead letters apply to it, and the lead is created with the built-in
// reading without waiting for it.
std::vector<store::JobSpec> plan_jobs(const config::TenantConfig& tenant, const RouteFacts& facts);

// The job that asks the tenant's understanding processor for a reading; nullopt when none is set.
std::optional<store::JobSpec> understanding_job(const config::TenantConfig& tenant);

}  // namespace leadhub::pipeline
