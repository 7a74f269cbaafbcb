// One leadhub-plugin-host child process as the hub sees it: started with posix_spawn on a
// socketpair, spoken to through a FrameChannel, watched by a reader thread that answers the
// plugin's service calls and notices when the child ends.
//
// The plugin's service calls are answered on the reader thread, one at a time, in order: simple,
// and enough for the few a plugin makes (a submit waits for its commit, a few milliseconds, and
// delays the answers behind it by as much).
//
// Only this child's own PID is ever signalled, and only while it has not been reaped (so a reused
// PID can never be hit). When the child ends, every call waiting on it returns at once with how it
// ended ("was killed by signal 11 (Segmentation fault)"), and then `on_end` runs on the reader
// thread.
#pragma once

#include "isolation/frame_channel.hpp"

#include <nlohmann/json.hpp>

#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <sys/types.h>
#include <thread>

namespace leadhub::isolation {

class PluginProcess {
public:
    // Answers one service request of the plugin (state_get, submit, ...); the returned object is
    // sent back as the answer. For one-way messages (log, metric) the return value is ignored.
    using ServiceHandler = std::function<nlohmann::json(const nlohmann::json& request)>;
    // How the child ended, e.g. "exited with code 3"; called once, on the reader thread.
    using EndHandler = std::function<void(PluginProcess& process, const std::string& how)>;

    struct Spawned {
        std::shared_ptr<PluginProcess> process;  // set on success
        std::string error;
    };
    // Starts `program LIBRARY` and waits up to `hello_timeout_ms` for it to report the library
    // loaded. Handlers must stay callable for as long as the process object lives.
    static Spawned spawn(const std::filesystem::path& program, const std::filesystem::path& library,
                         ServiceHandler services, EndHandler on_end, int64_t hello_timeout_ms);

    // Kills the child if it still runs and waits for the reader thread.
    ~PluginProcess();
    PluginProcess(const PluginProcess&) = delete;
    PluginProcess& operator=(const PluginProcess&) = delete;

    // Sends a request and waits for its answer (see FrameChannel::request).
    FrameChannel::Answer call(nlohmann::json request, int64_t timeout_ms) {
        return channel_->request(std::move(request), timeout_ms);
    }
    // SIGKILLs the child unless it already ended; `reason` becomes its end description.
    void kill(const std::string& reason);
    // Asks the child to destroy its instance and exit; kills it when it has not ended within
    // `timeout_ms`. Returns once it ended.
    void shutdown(int64_t timeout_ms);

    bool ended() const { return ended_; }
    // False once the child ended or was sent SIGKILL: no new call should go to it.
    bool usable() const { return !ended_ && !killed_; }
    pid_t pid() const { return pid_; }

private:
    PluginProcess() = default;
    void read_loop();
    std::string reap();  // waits for the child and describes how it ended

    pid_t pid_ = -1;
    std::unique_ptr<FrameChannel> channel_;
    ServiceHandler services_;
    EndHandler on_end_;
    std::thread reader_;
    std::mutex pid_mutex_;  // guards reaped_ against a kill racing with the reaping
    bool reaped_ = false;
    std::string kill_reason_;
    std::atomic<bool> ended_{false};
    std::atomic<bool> killed_{false};
    std::mutex hello_mutex_;
    std::condition_variable hello_cv_;
    std::optional<nlohmann::json> hello_;
};

}  // namespace leadhub::isolation
