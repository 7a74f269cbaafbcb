// The dispatcher owns delivery: it takes due jobs from the store's outbox, hands each to its
// sink within the sink's rate and concurrency limits, bounds every call by a timeout, and turns
// the classified outcome into done / retry-later / dead letter (invariant 3).
//
// A slow or hanging sink only holds its own concurrency slots (invariant 4): a call that outlives
// its timeout is recorded as a retryable failure at once, and its slot is freed only when the
// plugin returns, so a stuck sink stops getting new calls while every other sink keeps going.
//
// Threads and ownership. Each call runs on a thread of its own (a hung plugin holds only that
// thread), which is not joined: it may still be inside the plugin when the dispatcher, the store
// and the metrics are gone. So the thread holds by shared_ptr everything it uses while it is in
// the plugin and after: the SinkTarget (which keeps the plugin instance, and so its library,
// loaded), its own copy of the job, and the dispatcher's Lifeline. It touches the dispatcher, the
// store and the metrics only under a hold of that lifeline, which stop() closes. A call still
// inside its plugin at the stop is abandoned: when it comes back it records nothing, and its job
// stays in the store as it was (pending, or retry-later if the call had already timed out), to be
// delivered by the next start (invariant 5). The store and the metrics must outlive the
// Dispatcher object, not its threads.
//
// The bound: at most `concurrency` calls of one sink are inside its plugin at once, timed-out
// ones included, so a hung sink holds at most that many threads however long it hangs; and at
// most `max_calls` calls of all sinks together. At that cap no new call starts until one returns:
// due jobs wait in the store meanwhile (nothing is dropped), for every sink.
#pragma once

#include "dispatch/lifeline.hpp"
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

class TokenBucket;

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
    // Calls (threads) inside plugins at once, across sinks, stuck ones included. Twice the largest
    // concurrency a sink may be given (256), so one hung sink can never take all of them.
    std::size_t max_calls = 512;
    // Adds what people call things to a delivery's lead (the services' and assignee's names, the
    // channel's title: pipeline/lead_description.hpp); the hub's config knows them, the store not.
    std::function<void(const std::string& tenant, nlohmann::json& lead)> describe_lead;
};

class Dispatcher {
public:
    Dispatcher(store::Store& store, SinkResolver resolver, metrics::Registry& metrics, Clock clock,
               DispatcherOptions options = {});
    ~Dispatcher();

    // Starts the loop. A stopped dispatcher does not start again.
    void start();
    // Wakes the dispatcher (new jobs were committed).
    void notify();
    // Stops taking new jobs and waits up to `timeout_ms` for calls in flight. Returns false if some
    // are still inside their plugins: those are abandoned (see above). Once it returns, no thread
    // of this dispatcher touches it, the store or the metrics again.
    bool stop(int64_t timeout_ms);

    // Calls inside plugins now (each on its thread), and how many of them are past their timeout
    // (already recorded as failed attempts).
    std::size_t in_flight() const;
    std::size_t stuck() const;

private:
    struct SinkState;
    struct Call;

    void loop();
    void round(int64_t now, int64_t& sleep_ms);
    // Launches what it can of one pass's jobs; a sink at its rate or concurrency joins `skip_sinks`.
    void take_due(const std::vector<store::Job>& jobs, int64_t now, int64_t& sleep_ms, bool& blocked,
                  std::vector<std::string>& skip_sinks);
    // Passes over the due jobs per round at most (each leaving out the sinks the last found blocked).
    static constexpr int kFairnessPasses = 8;
    void launch(const store::Job& job, std::shared_ptr<SinkTarget> target, SinkState& state, int64_t now);
    // A call's thread. Static because the thread may outlive the dispatcher: `self` is used only
    // under a hold of `alive`.
    static void run_call(Dispatcher* self, std::shared_ptr<Lifeline> alive, std::shared_ptr<Call> call,
                         std::shared_ptr<SinkTarget> target);
    // After a call returned: frees its slot and wakes the loop and stop(). Needs a hold.
    void release(const Call& call);
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
    // Rate buckets: "tenant/sink", or "bucket:<name>" shared by the sinks whose policy names it.
    std::map<std::string, std::unique_ptr<TokenBucket>> buckets_;
    std::map<int64_t, std::shared_ptr<Call>> calls_;            // job id -> call still running
    std::mt19937_64 random_;
    std::shared_ptr<Lifeline> alive_ = std::make_shared<Lifeline>();
};

}  // namespace leadhub::dispatch
