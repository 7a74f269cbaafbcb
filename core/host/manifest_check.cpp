#include "host/manifest_check.hpp"

#include <leadhub/sdk/options.hpp>

#include <set>

namespace leadhub::host {
namespace {

using nlohmann::json;

bool is_known_kind(const std::string& kind) {
    for (const char* known : kPluginKinds)
        if (kind == known) return true;
    return false;
}

bool is_known_option_type(const std::string& type) {
    for (const char* known : {"string", "integer", "number", "boolean", "string_list", "string_map"})
        if (type == known) return true;
    return false;
}

std::string non_empty_string(const json& manifest, const char* key) {
    auto it = manifest.find(key);
    if (it == manifest.end()) return std::string("manifest has no '") + key + "'";
    if (!it->is_string() || it->get<std::string>().empty())
        return std::string("manifest '") + key + "' must be a non-empty string, got " + it->dump();
    return "";
}

std::string check_kinds(const json& manifest) {
    auto it = manifest.find("kinds");
    if (it == manifest.end()) return "manifest has no 'kinds'";
    if (!it->is_array() || it->empty()) return "manifest 'kinds' must be a non-empty list, got " + it->dump();
    for (const auto& kind : *it) {
        if (!kind.is_string() || !is_known_kind(kind.get<std::string>()))
            return "manifest kind " + kind.dump() + " is not one of source, sink, notifier, processor";
    }
    return "";
}

// One entry of the options schema, as leadhub::sdk::to_json(OptionSpec) writes it.
std::string check_option(const json& option, const std::string& where) {
    if (!option.is_object()) return where + " must be an object, got " + option.dump();
    auto name = option.find("name");
    if (name == option.end() || !name->is_string() || name->get<std::string>().empty())
        return where + " has no name";
    const std::string label = where + " ('" + name->get<std::string>() + "')";
    auto type = option.find("type");
    if (type == option.end() || !type->is_string()) return label + " has no type";
    const std::string type_name = type->get<std::string>();
    if (!is_known_option_type(type_name)) return label + ": unknown type '" + type_name + "'";
    for (const char* flag : {"required", "secret"})
        if (option.contains(flag) && !option.at(flag).is_boolean()) return label + ": '" + flag + "' must be true or false";
    if (option.contains("help") && !option.at("help").is_string()) return label + ": 'help' must be a string";
    if (auto choices = option.find("choices"); choices != option.end()) {
        if (type_name != "string") return label + ": only string options may have choices";
        if (!choices->is_array()) return label + ": 'choices' must be a list of strings";
        for (const auto& c : *choices)
            if (!c.is_string()) return label + ": 'choices' must be a list of strings";
    }
    for (const char* bound : {"min", "max"}) {
        if (!option.contains(bound)) continue;
        if (type_name != "integer" && type_name != "number") return label + ": only numeric options may have '" + bound + "'";
        if (!option.at(bound).is_number()) return label + ": '" + bound + "' must be a number";
    }
    if (option.contains("min") && option.contains("max") && option.at("min").get<double>() > option.at("max").get<double>())
        return label + ": 'min' is greater than 'max'";
    if (auto def = option.find("default"); def != option.end() && !def->is_null()) {
        if (!sdk::detail::type_matches(type_name, *def))
            return label + ": default " + def->dump() + " is not of type " + type_name;
    }
    return "";
}

std::string check_options(const json& manifest) {
    auto it = manifest.find("options");
    if (it == manifest.end()) return "manifest has no 'options' list";
    if (!it->is_array()) return "manifest 'options' must be a list, got " + it->dump();
    std::set<std::string> seen;
    std::size_t index = 0;
    for (const auto& option : *it) {
        ++index;
        std::string error = check_option(option, "option " + std::to_string(index));
        if (!error.empty()) return "manifest " + error;
        if (!seen.insert(option.at("name").get<std::string>()).second)
            return "manifest declares option '" + option.at("name").get<std::string>() + "' twice";
    }
    return "";
}

}  // namespace

std::string check_manifest(const json& manifest) {
    if (!manifest.is_object()) return "manifest must be a JSON object, got " + manifest.dump();
    if (auto error = manifest.find("error"); error != manifest.end())
        return "the plugin could not build its manifest: " + (error->is_string() ? error->get<std::string>() : error->dump());
    for (const char* key : {"name", "version"}) {
        std::string problem = non_empty_string(manifest, key);
        if (!problem.empty()) return problem;
    }
    if (std::string problem = check_kinds(manifest); !problem.empty()) return problem;
    return check_options(manifest);
}

}  // namespace leadhub::host
