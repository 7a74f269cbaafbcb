// A plugin instance run in a leadhub-plugin-host child process (`isolation: process`), behind the
// same host::Instance interface as an in-process one, so a plugin that crashes, hangs or exits
// cannot take the hub down.
//
// - Every call has a timeout. A call that outlives it gets the child killed (its own PID only);
//   the call returns a retryable outcome (a webhook: 503, so the platform retries).
// - A child that ends while calls are in flight fails those calls at once with how it ended
//   ("was killed by signal 11 (Segmentation fault)"): retryable, so the dispatcher retries the job
//   and nothing is lost. The child is restarted with exponential backoff (create and start are
//   replayed with the same options); calls meanwhile return retryable outcomes.
// - Poison input: a delivery (by idempotency key) that was in flight when the child died or hung
//   `poison_strikes` times is not sent to the plugin again but answered as permanent, so the job
//   is dead-lettered with that reason instead of crash-looping while other jobs flow.
// - A child that ends `max_crashes` times within `crash_window_ms` is not restarted: the instance
//   is marked failed with the reason (failure()), and its jobs wait in the store until the config
//   is reloaded or the hub restarts.
#pragma once

#include "isolation/plugin_process.hpp"

#include "host/instance.hpp"
#include "host/instance_services.hpp"
#include "host/plugin_library.hpp"

#include <condition_variable>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace leadhub::isolation {

enum class ProcessEvent { crashed, restarted, failed };

struct ProcessSettings {
    std::filesystem::path program;        // leadhub-plugin-host
    int64_t call_timeout_ms = 30000;      // deliver, process, handle_http
    int64_t lifecycle_timeout_ms = 10000; // start of the child, create, start, stop, shutdown
    int64_t restart_initial_ms = 200;     // backoff before the first restart, doubled per crash in the window
    int64_t restart_max_ms = 30000;
    int max_crashes = 5;                  // ... within crash_window_ms: the instance is marked failed
    int64_t crash_window_ms = 60000;
    int poison_strikes = 2;               // crashes or hangs with one delivery in flight before it is refused
    // Told of every crash, restart and of the instance giving up (for metrics and logs). Called on
    // internal threads; must not call back into the instance.
    std::function<void(ProcessEvent, const std::string& detail)> on_event;
    // Applied to failure() when it is made: it is shown by /readyz and answered to webhooks, and
    // it may quote the plugin's own error (a failed restart), which may quote its options.
    std::function<std::string(const std::string&)> mask;
};

class ProcessInstance;

struct ProcessCreateResult {
    std::shared_ptr<ProcessInstance> instance;  // set on success
    std::string error;
};

class ProcessInstance final : public host::Instance {
public:
    // Validates `options` against the manifest in the hub (no child is started for a config
    // mistake), starts the child and creates the instance in it.
    static ProcessCreateResult create(std::shared_ptr<host::PluginLibrary> library, std::string tenant,
                                      std::string instance_name, const nlohmann::json& options,
                                      std::shared_ptr<host::InstanceServices> services, ProcessSettings settings);
    ~ProcessInstance() override;

    std::string start() override;
    void stop() override;
    // stop() is already bounded here (the child is asked within lifecycle_timeout_ms, then killed
    // with every call it held, which return as retries), so `limit` is not needed to end it.
    bool stop_within(std::chrono::milliseconds limit) override;
    const std::shared_ptr<host::PluginLibrary>& library() const override { return library_; }
    host::WebhookAnswer handle_http(const sdk::HttpRequest& request) override;
    sdk::Outcome deliver(const nlohmann::json& delivery) override;
    nlohmann::json process(const nlohmann::json& input) override;
    nlohmann::json control(const nlohmann::json& request) override;
    bool running() const override;
    std::string failure() const override;

    // The current child's PID, or -1 while it is being restarted (tests signal it).
    pid_t pid() const;

private:
    enum class State { created, running, stopped, failed };
    struct Call {
        std::shared_ptr<PluginProcess> process;  // null: no call possible, see `refusal`
        std::string refusal;
        int64_t retry_after_ms = 0;
    };
    // The outcome of one request to the child: its answer, or why there is none.
    struct Reply {
        bool ok = false;
        nlohmann::json message;
        std::string problem;  // "the plugin process was killed by signal 11 (...)"
    };

    ProcessInstance(std::shared_ptr<host::PluginLibrary> library, std::string tenant, std::string name,
                    std::shared_ptr<host::InstanceServices> services, ProcessSettings settings);
    std::string label() const;
    PluginProcess::Spawned spawn_created();  // a new child with the instance created in it
    nlohmann::json serve(const nlohmann::json& request);
    void on_end(PluginProcess& process, const std::string& how);
    void supervise();
    // Records one crash; true when the instance has now crashed too often and is marked failed.
    bool record_crash(const std::string& how, int64_t& backoff_ms);
    Call begin_call() const;
    Reply ask(const std::shared_ptr<PluginProcess>& process, nlohmann::json request, int64_t timeout_ms,
              const char* what);
    void strike(const std::string& key);

    std::shared_ptr<host::PluginLibrary> library_;  // keeps the library file the child loads
    std::string tenant_, name_;
    nlohmann::json options_;
    std::shared_ptr<host::InstanceServices> services_;
    ProcessSettings settings_;

    mutable std::mutex mutex_;
    std::condition_variable wake_;
    State state_ = State::created;
    std::shared_ptr<PluginProcess> process_;  // null while restarting or after failing
    bool process_ended_ = false;              // process_ ended; the supervisor takes it from here
    std::string last_end_;                    // how the last child ended
    int64_t restart_at_ms_ = 0;               // steady clock, while restarting
    std::deque<int64_t> crashes_;             // steady-clock times within the window
    std::string failure_;
    std::map<std::string, int> strikes_;      // idempotency key -> crashes/hangs while in flight
    bool quitting_ = false;
    std::thread supervisor_;
};

}  // namespace leadhub::isolation
