// Runs a piece of work in a forked child process, so that plugin code which crashes (a segfault,
// an abort) or hangs is reported as a result instead of taking the caller down with it.
#pragma once

#include <nlohmann/json.hpp>

#include <chrono>
#include <functional>
#include <string>

namespace leadhub::kit {

struct IsolatedResult {
    enum class Ended { finished, crashed, timed_out, failed };
    Ended ended = Ended::failed;
    nlohmann::json value;  // finished: what `work` returned
    std::string problem;   // otherwise: "crashed with signal 11 (Segmentation fault)", ...
};

// Forks; the child runs `work`, sends its JSON result back through a pipe and leaves with _exit,
// so none of the parent's exit handlers or buffered output run twice. An exception from `work`
// becomes {"passed": false, "reason": "the check threw: ..."}. The child's stdout goes to
// /dev/null (a plugin printing must not corrupt the caller's output); stderr is kept. A child
// still running after `timeout` is killed with SIGKILL. The caller should have no threads of
// its own running while it calls this (fork copies only the calling thread).
IsolatedResult run_isolated(const std::function<nlohmann::json()>& work, std::chrono::milliseconds timeout);

}  // namespace leadhub::kit
