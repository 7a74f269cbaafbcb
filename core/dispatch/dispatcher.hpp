// The dispatcher owns delivery: it takes due jobs from the store's outbox, hands each to its
// sink within the sink's rate and concurrency limits, bounds every call by a timeout, and turns
// the classified outcome into done / retry-later / dead letter (invariant 3).
//
// A slow or hanging sink only holds its own concurrency slots (invariant 4): a call that outlives
// its timeout is recorded as a retryable failure at once, and its slot is freed only when the
// plugin returns, so a stuck sink stops getting new calls while every other sink keeps going.
#pragma once

#include "dispatch/retry_policy.hpp"
#include "metrics/metrics.hpp"
#include "store/store.hpp"

#include <leadhub/sdk/types.hpp>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <set>
#include <thread>

namespace leadhub::dispatch {

// One sink as the dispatcher sees it; the app wraps a plugin instance in this.
class SinkTarget {
public:
    virtual ~SinkTarget() = default;
    virtual SinkPolicy policy() const = 0;
    virtual sdk::Outcome deliver(const nlohmann::json& delivery) = 0;
};

using SinkResolver = std::function<std::shared_ptr<SinkTarget>(const std::string& tenant, const std::string& sink)>;
using Clock = std::function<int64_t()>;

struct DispatcherOptions {
    std::size_t batch = 500;              // due jobs read per round
    int64_t idle_poll_ms = 1000;          // longest sleep when nothing is due
    int64_t missing_sink_retry_ms = 60000; // a job whose sink is not configured waits this long
    uint64_t seed = std::random_device{}();
    // Applied to a failed attempt's reason before it is stored (retry or dead letter). The hub
    // masks secrets with it: a plugin's reason may quote what the API echoed back, the token too.
    std::function<std::string(const std::string&)> mask_reason;
};

class Dispatcher {
public:
    Dispatcher(store::Store& store, SinkResolver resolver, metrics::Registry& metrics, Clock clock,
               DispatcherOptions options = {});
    ~Dispatcher();

    void start();
    // Wakes the dispatcher (new jobs were committed).
    void notify();
    // Stops taking new jobs and waits up to `timeout_ms` for calls in flight. Returns false if some
    // are still running (their jobs stay pending in the store and are retried after a restart).
    bool stop(int64_t timeout_ms);

    std::size_t in_flight() const;

private:
    struct SinkState;
    struct Call;

    void loop();
    void round(int64_t now, int64_t& sleep_ms);
    void launch(const store::Job& job, std::shared_ptr<SinkTarget> target, SinkState& state, int64_t now);
    void finish(const std::shared_ptr<Call>& call, const sdk::Outcome& outcome, bool timed_out);
    void check_timeouts(int64_t now);
    nlohmann::json delivery_json(const store::Job& job);

    store::Store& store_;
    SinkResolver resolver_;
    metrics::Registry& metrics_;
    Clock clock_;
    DispatcherOptions options_;

    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::condition_variable drained_;
    bool running_ = false;
    bool notified_ = false;
    std::thread thread_;
    std::map<std::string, std::unique_ptr<SinkState>> sinks_;  // "tenant/sink"
    std::map<int64_t, std::shared_ptr<Call>> calls_;            // job id -> call still running
    std::mt19937_64 random_;
};

}  // namespace leadhub::dispatch
