// The tenant's routes: which sources feed which sinks and notifiers, on which conditions.
#include "config/sections.hpp"

#include <leadhub/sdk/suggest.hpp>

#include <algorithm>

namespace leadhub::config {

namespace {

std::vector<std::string> names_of(std::initializer_list<const std::vector<InstanceConfig>*> lists) {
    std::vector<std::string> names;
    for (const auto* list : lists)
        for (const auto& instance : *list) names.push_back(instance.name);
    return names;
}

bool contains(const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

void read_from(YamlReader& reader, const YAML::Node& node, const TenantConfig& tenant, RouteConfig& route) {
    if (node.IsScalar() && node.Scalar() == "*") {
        route.from_any = true;
        return;
    }
    auto names = reader.marked_list(node, "a list of source names (or \"*\" for every source)");
    if (!names) return;
    const auto sources = names_of({&tenant.sources});
    for (const auto& name : *names) {
        if (name.text == "*") route.from_any = true;
        else if (contains(sources, name.text)) route.from.push_back(name.text);
        else if (const InstanceConfig* other = tenant.find_instance(name.text))
            reader.error(name.mark, "'" + name.text + "' is a " + to_string(other->kind) + ", not a source");
        else
            reader.error(name.mark, "unknown source '" + name.text + "'" + sdk::suggestion_suffix(name.text, sources));
    }
    if (names->empty()) reader.error(node.Mark(), "a route needs at least one source in 'from' (or \"*\")");
    if (route.from_any) route.from.clear();
}

void read_to(YamlReader& reader, const YAML::Node& node, const TenantConfig& tenant, RouteConfig& route) {
    auto names = reader.marked_list(node, "a list of sink and notifier names");
    if (!names) return;
    if (names->empty()) reader.error(node.Mark(), "a route needs at least one sink or notifier in 'to'");
    const auto targets = names_of({&tenant.sinks, &tenant.notifiers});
    for (const auto& name : *names) {
        const InstanceConfig* other = tenant.find_instance(name.text);
        if (contains(targets, name.text) || (other && other->kind == InstanceKind::source && other->notifies))
            route.to.push_back(name.text);
        else if (other)
            reader.error(name.mark, "'" + name.text + "' is a " + to_string(other->kind) +
                                        ": routes deliver only to sinks and notifiers");
        else
            reader.error(name.mark, "unknown sink or notifier '" + name.text + "'" +
                                        sdk::suggestion_suffix(name.text, targets));
    }
}

void read_when(YamlReader& reader, const YAML::Node& node, const TenantConfig& tenant, RouteConditions& when) {
    if (!present(node) ||
        !reader.expect_map(node, "conditions as a mapping, e.g. {channel: [webform, telegram]}"))
        return;
    reader.check_keys(node, {"channel", "intent", "service", "min_score"}, "route conditions");
    if (auto v = reader.text_list(reader.get(node, "channel"), "a list of channels", true)) when.channels = *v;
    if (auto v = reader.text_list(reader.get(node, "intent"), "a list of intents", true)) when.intents = *v;
    if (auto services = reader.marked_list(reader.get(node, "service"), "a list of service ids", true)) {
        std::vector<std::string> catalog;
        for (const auto& s : tenant.services) catalog.push_back(s.id);
        for (const auto& service : *services) {
            if (contains(catalog, service.text)) when.services.push_back(service.text);
            else reader.error(service.mark, "unknown service '" + service.text + "'" +
                                                sdk::suggestion_suffix(service.text, catalog));
        }
    }
    when.min_score = reader.number(reader.get(node, "min_score"), "min_score as a number", 0, 100);
}

}  // namespace

std::vector<RouteConfig> read_routes(YamlReader& reader, const YAML::Node& list, const TenantConfig& tenant) {
    std::vector<RouteConfig> routes;
    if (!present(list) || !reader.expect_list(list, "a list of routes")) return routes;
    for (const auto& node : list) {
        if (!reader.expect_map(node, "a route mapping, e.g. {from: [site], to: [crm]}")) continue;
        reader.check_keys(node, {"from", "to", "when"}, "a route");
        RouteConfig route;
        route.location = reader.location(node);
        read_from(reader, reader.require(node, "from", "a route"), tenant, route);
        read_to(reader, reader.require(node, "to", "a route"), tenant, route);
        read_when(reader, reader.get(node, "when"), tenant, route.when);
        routes.push_back(std::move(route));
    }
    return routes;
}

}  // namespace leadhub::config
