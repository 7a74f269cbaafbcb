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

// One JobSpec per distinct target of every matching route; disabled targets are skipped.
std::vector<store::JobSpec> plan_jobs(const config::TenantConfig& tenant, const RouteFacts& facts);

}  // namespace leadhub::pipeline
