#include "kit/check_context.hpp"

#include <stdexcept>

namespace leadhub::kit {

using nlohmann::json;

bool PluginUnderTest::has_kind(const std::string& kind) const {
    for (const auto& k : manifest.value("kinds", json::array()))
        if (k.is_string() && k.get<std::string>() == kind) return true;
    return false;
}

std::shared_ptr<host::PluginLibrary> load_plugin(const PluginUnderTest& plugin) {
    auto loaded = host::PluginLibrary::load(plugin.file, plugin.shadow_dir);
    if (!loaded) throw std::runtime_error("the library did not load: " + loaded.error);
    return loaded.library;
}

std::shared_ptr<host::DefaultServices> quiet_services() {
    return std::make_shared<host::DefaultServices>([](lh_log_level, const std::string&) {});
}

host::CreateResult make_instance(const std::shared_ptr<host::PluginLibrary>& library, const json& options,
                                 std::shared_ptr<host::InstanceServices> services) {
    return host::PluginInstance::create(library, "check", "check", options, std::move(services));
}

namespace {

// A value for a required option, or null when the suite cannot make one up.
json invent(const json& option) {
    const std::string type = option.value("type", std::string());
    if (type == "string") {
        auto choices = option.find("choices");
        if (choices != option.end() && choices->is_array() && !choices->empty()) return choices->front();
        return nullptr;
    }
    if (type == "integer" || type == "number") {
        double value = option.contains("min") ? option.at("min").get<double>() : 1;
        if (option.contains("max") && value > option.at("max").get<double>()) value = option.at("max").get<double>();
        return type == "integer" ? json(static_cast<long long>(value)) : json(value);
    }
    if (type == "boolean") return false;
    if (type == "string_list") return json::array();
    if (type == "string_map") return json::object();
    return nullptr;
}

}  // namespace

json complete_options(const json& schema, const json& given, std::vector<std::string>& uninvented) {
    json out = given.is_object() ? given : json::object();
    for (const auto& option : schema) {
        const std::string name = option.value("name", std::string());
        if (!option.value("required", false) || option.contains("default")) continue;
        if (out.contains(name) && !out.at(name).is_null()) continue;
        json value = invent(option);
        if (value.is_null()) uninvented.push_back(name);
        else out[name] = value;
    }
    return out;
}

json wrong_typed_value(const std::string& type) {
    if (type == "string") return 12345;
    if (type == "boolean") return "yes";
    if (type == "string_list") return "not a list";
    if (type == "string_map") return json::array({"not", "a", "map"});
    return "not a number";  // integer, number
}

}  // namespace leadhub::kit
