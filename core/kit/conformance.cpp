#include "kit/conformance.hpp"

#include "kit/checks.hpp"
#include "kit/isolated_run.hpp"

#include <leadhub/sdk/abi.h>

#include <unistd.h>

namespace leadhub::kit {

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

json verdict_json(const Verdict& v) { return {{"passed", v.passed}, {"reason", v.reason}}; }

// Runs one check body, in a child when it runs plugin code.
CheckResult run_check(const Check& check, const PluginUnderTest& plugin, std::chrono::milliseconds timeout) {
    if (!check.isolated) {
        Verdict v = check.run(plugin);
        return {check.name, v.passed, v.reason};
    }
    IsolatedResult r = run_isolated([&] { return verdict_json(check.run(plugin)); }, timeout);
    if (r.ended != IsolatedResult::Ended::finished) return {check.name, false, r.problem};
    return {check.name, r.value.value("passed", false), r.value.value("reason", std::string())};
}

// The first check: loads the library in a child and brings back what the others need.
CheckResult load_check(PluginUnderTest& plugin, std::chrono::milliseconds timeout) {
    const std::string name = "load: the library loads, its ABI version matches and its manifest parses";
    IsolatedResult r = run_isolated(
        [&] {
            auto loaded = host::PluginLibrary::load(plugin.file, plugin.shadow_dir);
            if (!loaded) return json{{"passed", false}, {"reason", loaded.error}};
            const lh_plugin_api& api = loaded.library->api();
            json table = {{"create", api.create != nullptr},           {"destroy", api.destroy != nullptr},
                          {"start", api.start != nullptr},             {"stop", api.stop != nullptr},
                          {"handle_http", api.handle_http != nullptr}, {"deliver", api.deliver != nullptr},
                          {"process", api.process != nullptr}};
            return json{{"passed", true}, {"manifest", loaded.library->manifest()}, {"table", table}};
        },
        timeout);
    if (r.ended != IsolatedResult::Ended::finished) return {name, false, "loading the library " + r.problem};
    if (!r.value.value("passed", false)) return {name, false, r.value.value("reason", std::string())};
    plugin.manifest = r.value.at("manifest");
    plugin.table = r.value.at("table");
    return {name, true, "plugin ABI " + std::to_string(LEADHUB_ABI_VERSION)};
}

}  // namespace

std::vector<CheckResult> run_conformance(const ConformanceConfig& config,
                                         const std::function<void(const CheckResult&)>& report) {
    std::vector<CheckResult> results;
    auto record = [&](CheckResult r) {
        if (report) report(r);
        results.push_back(std::move(r));
    };

    PluginUnderTest plugin;
    plugin.file = config.library;
    plugin.shadow_dir = fs::temp_directory_path() / ("leadhub-check-" + std::to_string(::getpid()));
    plugin.given_options = config.options.is_object() ? config.options : json::object();

    record(load_check(plugin, config.check_timeout));
    if (results.back().passed) {
        plugin.options = complete_options(plugin.option_schema(), plugin.given_options, plugin.uninvented);
        std::vector<Check> checks = manifest_checks(plugin);
        for (auto* more : {&option_checks, &lifecycle_checks, &behaviour_checks})
            for (auto& c : more(plugin)) checks.push_back(std::move(c));
        for (const auto& check : checks) record(run_check(check, plugin, config.check_timeout));
    }
    // Children that crashed left their copies of the library behind.
    std::error_code ec;
    fs::remove_all(plugin.shadow_dir, ec);
    return results;
}

}  // namespace leadhub::kit
