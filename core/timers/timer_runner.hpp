// The timer runner: one thread that fires the store's due timers (store.hpp, "Timers").
//
// For each due timer it asks the planner what the timer causes now (an SLA step, a reminder, an
// automatic reply: the planner reads the lead and the tenant's config as they are at that
// moment) and fires it with Store::fire_timer, which writes the firing and everything it causes
// in one transaction. So a timer fires once: a crash before that commit leaves it pending (it
// fires after the restart), a crash after it leaves it fired (its messages wait in the outbox).
//
// It sleeps until the earliest pending timer is due, or notify() (a new timer may be earlier), or
// `idle_poll` at most. A planner that throws fails only that timer: it is fired with a note of
// the error (never retried in a loop), and the runner goes on.
#pragma once

#include "store/store.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace leadhub::timers {

class TimerRunner {
public:
    struct Options {
        std::size_t batch = 64;                   // timers read per store call
        std::chrono::milliseconds idle_poll{1000};  // the longest sleep (also when the clock jumps)
    };
    // What the timer causes; its timer_id and due_at_ms are filled in by the runner.
    using Planner = std::function<store::TimerFiring(const store::Timer& timer)>;
    // After each batch, on the runner's thread: how many timers fired (e.g. to wake the dispatcher).
    using OnFired = std::function<void(std::size_t fired, std::size_t failed)>;
    using Clock = std::function<int64_t()>;
    using Log = std::function<void(const std::string& text)>;

    TimerRunner(store::Store& store, Planner planner, Clock clock, OnFired on_fired, Log log, Options options);
    TimerRunner(const TimerRunner&) = delete;
    TimerRunner& operator=(const TimerRunner&) = delete;
    ~TimerRunner();

    void start();
    // Look again now: a timer was armed that may be due earlier than the one slept for.
    void notify();
    // Finishes the batch in progress (at most `batch` timers) and stops. Safe to call twice.
    void stop();

    // Fires every timer due at clock() on the calling thread; returns how many fired (stale ones
    // not counted). For tests on a simulated clock and for tools; safe while the thread runs.
    std::size_t run_due();

    // Timers fired and planner failures since start, for /metrics.
    uint64_t fired_total() const { return fired_total_.load(); }
    uint64_t failed_total() const { return failed_total_.load(); }
    // Due time to firing, of the last timer fired (ms), for /metrics and the benchmark.
    int64_t last_lag_ms() const { return last_lag_ms_.load(); }

private:
    void loop();
    // What the timer causes, or (when its planner throws) a firing that records the error.
    store::TimerFiring plan(const store::Timer& timer, std::size_t& failed);

    store::Store& store_;
    Planner planner_;
    Clock clock_;
    OnFired on_fired_;
    Log log_;
    Options options_;

    std::mutex mutex_;  // a batch is planned and fired under it: the thread and run_due() never fire one twice at once
    std::mutex wake_mutex_;
    std::condition_variable wake_;
    bool notified_ = false;
    std::atomic<bool> stopping_{false};
    std::thread thread_;
    std::atomic<uint64_t> fired_total_{0}, failed_total_{0};
    std::atomic<int64_t> last_lag_ms_{0};
};

}  // namespace leadhub::timers
