// The conformance suite behind `leadhub check-plugin`: runs every check that applies to a plugin
// library and reports one result per check.
//
// Plugin code never runs in the calling process: the library is loaded, and every check that
// calls into it runs, in a forked child (see isolated_run.hpp), so a plugin that crashes or hangs
// fails its check instead of ending the suite. The calling process must not run other threads.
#pragma once

#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace leadhub::kit {

struct CheckResult {
    std::string name;
    bool passed = false;
    std::string reason;  // why it failed, or what was seen when it passed (may be empty)
};

struct ConformanceConfig {
    std::filesystem::path library;
    // Options for the instances the checks create, e.g. {"url": "http://127.0.0.1:9/"}; required
    // options that are not given here are invented where possible (see check_context.hpp).
    nlohmann::json options = nlohmann::json::object();
    std::chrono::milliseconds check_timeout{20000};
};

// Runs the suite; `report` is called with each result as soon as it is known. When the library
// does not load, the result of that first check is the only one.
std::vector<CheckResult> run_conformance(const ConformanceConfig& config,
                                         const std::function<void(const CheckResult&)>& report);

}  // namespace leadhub::kit
