#include <catch2/catch.hpp>

#include "pipeline/sink_routing.hpp"

using namespace leadhub;

namespace {
config::InstanceConfig instance(std::string name, config::InstanceKind kind, bool enabled = true) {
    config::InstanceConfig i;
    i.name = std::move(name);
    i.kind = kind;
    i.enabled = enabled;
    return i;
}

config::TenantConfig tenant() {
    config::TenantConfig t;
    t.id = "t1";
    t.sources = {instance("site", config::InstanceKind::source), instance("tg", config::InstanceKind::source)};
    t.sinks = {instance("crm", config::InstanceKind::sink), instance("sheet", config::InstanceKind::sink),
               instance("old", config::InstanceKind::sink, false)};
    t.notifiers = {instance("staff", config::InstanceKind::notifier)};
    config::RouteConfig all;
    all.from_any = true;
    all.to = {"crm", "staff"};
    config::RouteConfig forms;
    forms.from = {"site"};
    forms.to = {"sheet", "crm", "old"};
    forms.when.channels = {"webform"};
    config::RouteConfig booking;
    booking.from_any = true;
    booking.to = {"sheet"};
    booking.when.intents = {"book"};
    t.routes = {all, forms, booking};
    return t;
}

std::vector<std::string> sinks_of(const std::vector<store::JobSpec>& jobs) {
    std::vector<std::string> out;
    for (const auto& j : jobs) out.push_back(j.sink + ":" + j.kind);
    return out;
}
}  // namespace

TEST_CASE("matching routes give one job per distinct target, in route order") {
    auto t = tenant();
    auto jobs = pipeline::plan_jobs(t, {"site", "webform", {}, {}, {}});
    CHECK(sinks_of(jobs) == std::vector<std::string>{"crm:lead", "staff:notice", "sheet:lead"});
}

TEST_CASE("conditions on source, channel and intent filter routes") {
    auto t = tenant();
    CHECK(sinks_of(pipeline::plan_jobs(t, {"tg", "telegram", {}, {}, {}})) ==
          std::vector<std::string>{"crm:lead", "staff:notice"});
    CHECK(sinks_of(pipeline::plan_jobs(t, {"site", "telegram", {}, {}, {}})) ==
          std::vector<std::string>{"crm:lead", "staff:notice"});
    CHECK(sinks_of(pipeline::plan_jobs(t, {"tg", "telegram", "book", {}, {}})) ==
          std::vector<std::string>{"crm:lead", "staff:notice", "sheet:lead"});
}

TEST_CASE("service and score conditions need the facts to be present") {
    config::RouteConfig r;
    r.from_any = true;
    r.to = {"crm"};
    r.when.services = {"manicure"};
    r.when.min_score = 50;
    CHECK_FALSE(pipeline::route_matches(r, {"s", "vk", "book", {}, {}}));
    CHECK_FALSE(pipeline::route_matches(r, {"s", "vk", "book", {"manicure"}, 40.0}));
    CHECK(pipeline::route_matches(r, {"s", "vk", "book", {"haircut", "manicure"}, 70.0}));
}

TEST_CASE("no matching route means no jobs") {
    auto t = tenant();
    t.routes.erase(t.routes.begin());
    CHECK(pipeline::plan_jobs(t, {"tg", "telegram", {}, {}, {}}).empty());
}
