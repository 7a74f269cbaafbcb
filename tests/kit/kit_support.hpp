// Running programs (the leadhub binary, cmake, ctest) from the kit tests and reading what they said.
#pragma once

#include "support/child_process.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace leadhub::testing {

struct Ran {
    int code = -1;       // exit code, 128+signal, or -1 when it did not end in time
    std::string output;  // stdout and stderr together
};

inline std::string leadhub_binary() { return std::string(LEADHUB_BINARY_DIR) + "/bin/leadhub"; }
inline std::string built_plugin(const std::string& name) {
    return std::string(LEADHUB_BINARY_DIR) + "/lib/leadhub/plugins/leadhub-" + name + ".so";
}
inline std::string broken_plugin(const std::string& name) {
    return std::string(LEADHUB_BINARY_DIR) + "/lib/leadhub/test-plugins/leadhub-test-" + name + ".so";
}
inline std::string kit_plugin(const std::string& name) {
    return std::string(LEADHUB_KIT_TEST_PLUGIN_DIR) + "/leadhub-kit-" + name + ".so";
}

inline Ran run_program(const TempDir& dir, const std::vector<std::string>& argv,
                       std::chrono::seconds timeout = std::chrono::seconds(120),
                       const std::map<std::string, std::string>& env = {}) {
    const std::string log = dir / ("run-" + std::to_string(std::rand()) + ".log");
    ChildProcess p(argv, env, log);
    auto code = p.wait(timeout);
    return {code.value_or(-1), read_file(log)};
}

// Runs the programs side by side and returns what each said, in their order; a program still
// running after `timeout` (counted from the start of all) gets code -1 and is killed.
inline std::vector<Ran> run_programs(const TempDir& dir, const std::vector<std::vector<std::string>>& argvs,
                                     std::chrono::seconds timeout) {
    std::vector<std::string> logs;
    std::vector<std::unique_ptr<ChildProcess>> running;
    for (const auto& argv : argvs) {
        logs.push_back(dir / ("run-" + std::to_string(logs.size()) + "-" + std::to_string(std::rand()) + ".log"));
        running.push_back(std::make_unique<ChildProcess>(argv, std::map<std::string, std::string>{}, logs.back()));
    }
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::vector<Ran> ran;
    for (std::size_t i = 0; i < running.size(); ++i) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        auto code = running[i]->wait(std::max(left, std::chrono::milliseconds(0)));
        ran.push_back({code.value_or(-1), read_file(logs[i])});
    }
    return ran;
}

inline Ran run_leadhub(const TempDir& dir, std::vector<std::string> args,
                       const std::map<std::string, std::string>& env = {}) {
    args.insert(args.begin(), leadhub_binary());
    return run_program(dir, args, std::chrono::seconds(120), env);
}

// The line of a check-plugin report that names `check`, or "" when there is none.
inline std::string report_line(const std::string& output, const std::string& check) {
    std::size_t at = output.find(check);
    if (at == std::string::npos) return "";
    std::size_t start = output.rfind('\n', at);
    start = start == std::string::npos ? 0 : start + 1;
    return output.substr(start, output.find('\n', at) - start);
}

}  // namespace leadhub::testing
