#include "kit/checks.hpp"

#include "host/manifest_check.hpp"

#include <regex>

namespace leadhub::kit {

using nlohmann::json;

namespace {

Verdict check_name(const PluginUnderTest& plugin) {
    const std::string name = plugin.manifest.value("name", std::string());
    static const std::regex pattern("[a-z0-9][a-z0-9._-]{0,63}");
    if (!std::regex_match(name, pattern))
        return fail("'" + name + "' is not a plugin name: lowercase a-z, 0-9, '.', '-', '_', at most 64 characters");
    return pass("'" + name + "'");
}

Verdict check_version(const PluginUnderTest& plugin) {
    const std::string version = plugin.manifest.value("version", std::string());
    // MAJOR.MINOR[.PATCH][-prerelease][+build]: what configs and `leadhub plugins` compare.
    static const std::regex semver(R"((0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))?(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?)");
    if (!std::regex_match(version, semver))
        return fail("version '" + version + "' is not MAJOR.MINOR.PATCH (e.g. 1.0.0)");
    return pass(version);
}

Verdict check_kinds(const PluginUnderTest& plugin) {
    for (const char* required : {"create", "destroy"})
        if (!plugin.table.value(required, false)) return fail(std::string("the function table has no ") + required);
    const std::pair<const char*, const char*> needs[] = {
        {"source", "handle_http"}, {"sink", "deliver"}, {"notifier", "deliver"}, {"processor", "process"}};
    std::string kinds;
    for (const auto& [kind, function] : needs) {
        if (!plugin.has_kind(kind)) continue;
        kinds += (kinds.empty() ? "" : ", ") + std::string(kind);
        if (!plugin.table.value(function, false))
            return fail(std::string("declares the kind '") + kind + "' but its function table has no " + function);
    }
    return pass(kinds);
}

Verdict check_schema(const PluginUnderTest& plugin) {
    const std::string problem = host::check_manifest(plugin.manifest);
    if (!problem.empty()) return fail(problem);
    const std::size_t count = plugin.option_schema().size();
    return pass(std::to_string(count) + (count == 1 ? " option" : " options"));
}

Verdict check_help(const PluginUnderTest& plugin) {
    std::string missing;
    for (const auto& option : plugin.option_schema()) {
        const json help = option.value("help", json());
        if (!help.is_string() || help.get<std::string>().find_first_not_of(" \t\n") == std::string::npos)
            missing += (missing.empty() ? "" : ", ") + option.value("name", std::string("?"));
    }
    if (!missing.empty()) return fail("no help text for: " + missing + " (the help is what owners read in `leadhub plugins`)");
    return pass();
}

}  // namespace

std::vector<Check> manifest_checks(const PluginUnderTest&) {
    return {
        {"manifest: the name is a plugin name", false, &check_name},
        {"manifest: the version is semantic (MAJOR.MINOR.PATCH)", false, &check_version},
        {"manifest: the kinds are known and their functions are in the table", false, &check_kinds},
        {"manifest: the options schema is valid", false, &check_schema},
        {"manifest: every option has help text", false, &check_help},
    };
}

}  // namespace leadhub::kit
