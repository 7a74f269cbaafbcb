// Starting and stopping the real `leadhub` binary from tests: fork/exec with stdout and stderr
// in a log file, signals by PID (only processes the test started), exit status collection.
#pragma once

#include <leadhub/sdk/testing/temp_dir.hpp>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace leadhub::testing {

class ChildProcess {
public:
    // Starts `argv[0]` with the given arguments and extra environment; output goes to `log_file`.
    ChildProcess(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
                 const std::string& log_file);
    ~ChildProcess();  // SIGKILLs the child if it still runs
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    int pid() const { return pid_; }
    void signal(int sig) const;
    // The exit code (or 128+signal) once it ended, or nullopt after `timeout`.
    std::optional<int> wait(std::chrono::milliseconds timeout);
    bool running();

private:
    int pid_ = -1;
    std::optional<int> status_;
};

// A TCP port on 127.0.0.1 that was free a moment ago.
int free_port();

std::string read_file(const std::string& path);
void write_file(const std::string& path, const std::string& text);

// The test kit's temp dir, the one temp-dir helper of every test.
using sdk::testing::TempDir;

}  // namespace leadhub::testing
