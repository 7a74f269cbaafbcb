#include <yaml-cpp/yaml.h>

#include <fstream>
#include <set>
#include <sstream>

#include "understand/understand.hpp"

namespace leadhub::understand {
namespace {

[[noreturn]] void fail(const std::string& origin, const YAML::Node& node, const std::string& what) {
    std::ostringstream message;
    message << origin;
    if (node.IsDefined() && node.Mark().line >= 0)
        message << ":" << node.Mark().line + 1 << ":" << node.Mark().column + 1;
    message << ": " << what;
    throw CatalogError(message.str());
}

std::string scalar(const std::string& origin, const YAML::Node& node, const std::string& what) {
    if (!node.IsDefined() || !node.IsScalar()) fail(origin, node, what + " must be a text value");
    return node.as<std::string>();
}

Catalog parse_one(const std::string& origin, const std::string& key, const YAML::Node& node) {
    if (!node.IsMap()) fail(origin, node, "business '" + key + "' must be a mapping with services");
    Catalog catalog;
    if (node["title"]) catalog.title = scalar(origin, node["title"], "title");
    if (node["timezone"]) catalog.timezone = scalar(origin, node["timezone"], "timezone");
    if (node["country"]) catalog.country = scalar(origin, node["country"], "country");
    const YAML::Node services = node["services"];
    if (!services || !services.IsSequence())
        fail(origin, services ? services : node, "business '" + key + "' needs a list of services");
    std::set<std::string> seen;
    for (const YAML::Node& item : services) {
        if (!item.IsMap()) fail(origin, item, "a service must be a mapping with id, name and keywords");
        Service service;
        service.id = scalar(origin, item["id"], "service id");
        if (service.id.empty()) fail(origin, item, "service id must not be empty");
        if (!seen.insert(service.id).second) fail(origin, item["id"], "service id '" + service.id + "' is repeated");
        if (item["name"]) service.name = scalar(origin, item["name"], "service name");
        if (const YAML::Node keywords = item["keywords"]) {
            if (!keywords.IsSequence()) fail(origin, keywords, "keywords of '" + service.id + "' must be a list");
            for (const YAML::Node& keyword : keywords)
                service.keywords.push_back(scalar(origin, keyword, "a keyword of '" + service.id + "'"));
        }
        catalog.services.push_back(std::move(service));
    }
    return catalog;
}

std::map<std::string, Catalog> parse_root(const YAML::Node& root, const std::string& origin) {
    const YAML::Node businesses = root["businesses"];
    if (!businesses || !businesses.IsMap()) fail(origin, root, "expected a 'businesses' mapping at the top");
    std::map<std::string, Catalog> out;
    for (const auto& entry : businesses) {
        std::string key = entry.first.as<std::string>();
        out.emplace(key, parse_one(origin, key, entry.second));
    }
    return out;
}

}  // namespace

std::map<std::string, Catalog> parse_catalogs(std::string_view yaml_text, const std::string& origin) {
    try {
        return parse_root(YAML::Load(std::string(yaml_text)), origin);
    } catch (const YAML::Exception& e) {
        throw CatalogError(origin + ":" + std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1) +
                           ": " + e.msg);
    }
}

std::map<std::string, Catalog> load_catalogs(const std::string& path) {
    std::ifstream file(path);
    if (!file) throw CatalogError(path + ": cannot open the catalog file");
    std::ostringstream text;
    text << file.rdbuf();
    return parse_catalogs(text.str(), path);
}

}  // namespace leadhub::understand
