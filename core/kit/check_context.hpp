// What the conformance checks share: the plugin under test, a check's verdict, and the helpers
// every check uses to load the library and make instances.
#pragma once

#include "host/instance_services.hpp"
#include "host/plugin_instance.hpp"
#include "host/plugin_library.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace leadhub::kit {

struct Verdict {
    bool passed = false;
    std::string reason;
};

inline Verdict pass(std::string reason = {}) { return {true, std::move(reason)}; }
inline Verdict fail(std::string reason) { return {false, std::move(reason)}; }

// The plugin as the suite learned it from the load check (which ran in a child process).
struct PluginUnderTest {
    std::filesystem::path file;
    std::filesystem::path shadow_dir;  // where children put their copies of the library
    nlohmann::json manifest;
    nlohmann::json table;          // {"handle_http": bool, "deliver": bool, "process": bool, ...}
    nlohmann::json given_options;  // --options, as the user gave them
    nlohmann::json options;        // given_options plus values the suite invented for required ones
    std::vector<std::string> uninvented;  // required options with neither a value nor a way to invent one

    bool has_kind(const std::string& kind) const;
    bool is_sink() const { return has_kind("sink") || has_kind("notifier"); }
    const nlohmann::json& option_schema() const { return manifest.at("options"); }
};

// One check: a name that says what is expected, and the work. Isolated checks run plugin code
// and go to a forked child (see isolated_run.hpp); the others only read the manifest.
struct Check {
    std::string name;
    bool isolated = true;
    std::function<Verdict(const PluginUnderTest&)> run;
};

// Loads the library (a fresh shadow copy); throws std::runtime_error with the host's reason.
std::shared_ptr<host::PluginLibrary> load_plugin(const PluginUnderTest& plugin);

// Host services that keep what the plugin does in memory and its log lines out of the report.
std::shared_ptr<host::DefaultServices> quiet_services();

// An instance through the host's own path (options validated first), tenant and name "check".
host::CreateResult make_instance(const std::shared_ptr<host::PluginLibrary>& library, const nlohmann::json& options,
                                 std::shared_ptr<host::InstanceServices> services = quiet_services());

// The given options plus a value for every required option without one that the suite can
// invent (a number within bounds, false, the first choice, an empty list or map). Plain required
// strings (URLs, tokens, paths) cannot be invented and are listed in `uninvented`.
nlohmann::json complete_options(const nlohmann::json& schema, const nlohmann::json& given,
                                std::vector<std::string>& uninvented);

// A value of the wrong type for an option of `type` ("string", "integer", ...).
nlohmann::json wrong_typed_value(const std::string& type);

}  // namespace leadhub::kit
