#include "timers/timer_runner.hpp"

#include <pthread.h>

#include <algorithm>

namespace leadhub::timers {

TimerRunner::TimerRunner(store::Store& store, Planner planner, Clock clock, OnFired on_fired, Log log, Options options)
    : store_(store),
      planner_(std::move(planner)),
      clock_(std::move(clock)),
      on_fired_(std::move(on_fired)),
      log_(std::move(log)),
      options_(options) {
    if (options_.batch == 0) options_.batch = 1;
}

TimerRunner::~TimerRunner() { stop(); }

void TimerRunner::start() {
    if (thread_.joinable()) return;
    {
        std::lock_guard lock(wake_mutex_);
        stopping_ = false;
        notified_ = true;  // timers due while the hub was down fire at once
    }
    thread_ = std::thread([this] {
        pthread_setname_np(pthread_self(), "lh-timers");
        loop();
    });
}

void TimerRunner::notify() {
    {
        std::lock_guard lock(wake_mutex_);
        notified_ = true;
    }
    wake_.notify_one();
}

void TimerRunner::stop() {
    {
        std::lock_guard lock(wake_mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    if (thread_.joinable()) thread_.join();
    stopping_ = false;  // run_due() on the caller's thread works again
}

store::TimerFiring TimerRunner::plan(const store::Timer& timer, std::size_t& failed) {
    store::TimerFiring firing;
    try {
        firing = planner_(timer);
    } catch (const std::exception& e) {
        // Fired with the error on the lead's history: a planner that keeps failing must not
        // spin on the same timer, and an operator sees what went wrong where it happened.
        failed++;
        failed_total_++;
        if (log_) log_("timer " + std::to_string(timer.id) + " (" + timer.purpose + ") of lead " +
                       std::to_string(timer.lead_id) + " failed: " + e.what());
        firing = store::TimerFiring{};
        firing.notes.push_back(store::LeadNote{"timer_failed", {{"purpose", timer.purpose}, {"error", e.what()}}});
    }
    firing.timer_id = timer.id;
    firing.due_at_ms = timer.due_at_ms;
    return firing;
}

std::size_t TimerRunner::run_due() {
    std::size_t fired_in_all = 0;
    for (;;) {
        const int64_t read_at = clock_();
        std::vector<store::Timer> due = store_.due_timers(read_at, options_.batch);
        if (due.empty()) break;
        std::size_t fired = 0, failed = 0;
        {
            std::lock_guard lock(mutex_);
            // The batch is planned, then fired in one transaction: one sync for all of it.
            std::vector<store::TimerFiring> firings;
            firings.reserve(due.size());
            for (const store::Timer& timer : due) firings.push_back(plan(timer, failed));
            const int64_t now = clock_();
            const auto results = store_.fire_timers(firings, now);
            for (std::size_t i = 0; i < results.size(); ++i) {
                if (results[i] == store::TimerFireResult::stale) continue;
                if (results[i] == store::TimerFireResult::failed) {
                    failed++;
                    failed_total_++;
                    if (log_) log_("timer " + std::to_string(due[i].id) + " (" + due[i].purpose + ") of lead " +
                                   std::to_string(due[i].lead_id) + " could not be written; fired with the error on the lead");
                }
                fired++;
                fired_total_++;
                last_lag_ms_ = std::max<int64_t>(0, now - due[i].due_at_ms);
            }
        }
        fired_in_all += fired;
        if (on_fired_) on_fired_(fired, failed);
        if (due.size() < options_.batch || stopping_.load()) break;  // a stop waits for one batch at most
    }
    return fired_in_all;
}

void TimerRunner::loop() {
    for (;;) {
        {
            std::lock_guard lock(wake_mutex_);
            if (stopping_) return;
            notified_ = false;
        }
        std::chrono::milliseconds sleep = options_.idle_poll;
        try {
            run_due();
            if (auto next = store_.next_timer_at())
                sleep = std::clamp(std::chrono::milliseconds(*next - clock_()), std::chrono::milliseconds(0), options_.idle_poll);
        } catch (const std::exception& e) {
            // The store failed (disk full, closing): the timers stay pending and are tried again
            // after the poll, not in a tight loop.
            if (log_) log_(std::string("firing timers failed: ") + e.what());
        }
        std::unique_lock lock(wake_mutex_);
        wake_.wait_for(lock, sleep, [this] { return stopping_ || notified_; });
    }
}

}  // namespace leadhub::timers
