#include "kit/checks.hpp"

#include <leadhub/sdk/options.hpp>

namespace leadhub::kit {

using nlohmann::json;

namespace {

// The host refuses invalid options with "<label>: invalid options: ..." before it calls the
// plugin's create; a refusal from create itself reads "create failed".
bool refused_before_create(const host::CreateResult& created) {
    return !created && created.error.find(": invalid options: ") != std::string::npos;
}

std::string refusal_problem(const host::CreateResult& created, const std::string& what) {
    if (created) return what + " was accepted";
    return what + " reached the plugin instead of being refused by the host: " + created.error;
}

Verdict check_defaults(const PluginUnderTest& plugin) {
    json defaults = json::object();
    for (const auto& option : plugin.option_schema())
        if (option.contains("default")) defaults[option.value("name", std::string())] = option.at("default");
    json normalized;
    std::string problems;
    for (const auto& e : sdk::validate_options(plugin.option_schema(), defaults, normalized))
        if (defaults.contains(e.option)) problems += (problems.empty() ? "" : "; ") + e.message;
    if (!problems.empty()) return fail("a declared default does not pass its own schema: " + problems);
    return pass(std::to_string(defaults.size()) + (defaults.size() == 1 ? " default" : " defaults"));
}

Verdict check_required_values(const PluginUnderTest& plugin) {
    if (!plugin.uninvented.empty()) {
        std::string list, example;
        for (const auto& name : plugin.uninvented) {
            list += (list.empty() ? "'" : ", '") + name + "'";
            example += (example.empty() ? "" : ", ") + ("\"" + name + "\": \"...\"");
        }
        return fail("required option " + list + " needs a value the suite cannot invent: pass --options '{" + example + "}'");
    }
    std::string given;
    for (const auto& [name, value] : plugin.options.items())
        given += (given.empty() ? "" : ", ") + name + (plugin.given_options.contains(name) ? "" : " (invented)");
    return pass(given.empty() ? "none needed" : given);
}

Verdict check_wrong_types(const PluginUnderTest& plugin) {
    auto library = load_plugin(plugin);
    std::size_t tried = 0;
    for (const auto& option : plugin.option_schema()) {
        const std::string name = option.value("name", std::string());
        json options = plugin.options;
        options[name] = wrong_typed_value(option.value("type", std::string()));
        auto created = make_instance(library, options);
        if (!refused_before_create(created))
            return fail(refusal_problem(created, "option '" + name + "' set to " + options[name].dump()));
        ++tried;
    }
    return pass(tried == 0 ? "no options declared" : std::to_string(tried) + " refused");
}

Verdict check_unknown_option(const PluginUnderTest& plugin) {
    auto library = load_plugin(plugin);
    json options = plugin.options;
    options["leadhub_check_no_such_option"] = "x";
    auto created = make_instance(library, options);
    if (!refused_before_create(created)) return fail(refusal_problem(created, "an unknown option"));
    return pass();
}

Verdict check_missing_required(const PluginUnderTest& plugin) {
    auto library = load_plugin(plugin);
    std::size_t tried = 0;
    for (const auto& option : plugin.option_schema()) {
        if (!option.value("required", false) || option.contains("default")) continue;
        const std::string name = option.value("name", std::string());
        json options = plugin.options;
        options.erase(name);
        auto created = make_instance(library, options);
        if (!refused_before_create(created))
            return fail(refusal_problem(created, "a config without the required option '" + name + "'"));
        ++tried;
    }
    return pass(tried == 0 ? "no required options" : std::to_string(tried) + " refused");
}

}  // namespace

std::vector<Check> option_checks(const PluginUnderTest&) {
    return {
        {"options: the declared defaults validate", false, &check_defaults},
        {"options: every required option has a value for the checks", false, &check_required_values},
        {"options: a wrong-typed value is refused before create", true, &check_wrong_types},
        {"options: an unknown option is refused before create", true, &check_unknown_option},
        {"options: a missing required option is refused before create", true, &check_missing_required},
    };
}

}  // namespace leadhub::kit
