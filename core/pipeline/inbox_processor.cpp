#include "pipeline/inbox_processor.hpp"

#include "pipeline/burst_pacing.hpp"

#include <pthread.h>
#include <sys/resource.h>
#include <unistd.h>

namespace leadhub::pipeline {

namespace {
// The inbox thread's nice value (0 is the HTTP threads' and the writer's). See start().
constexpr int kBackgroundNice = 10;
}  // namespace

InboxProcessor::InboxProcessor(store::Store& store, TenantLookup tenants, OnBatch on_batch, Clock clock, Options options)
    : store_(store),
      tenants_(std::move(tenants)),
      on_batch_(std::move(on_batch)),
      clock_(std::move(clock)),
      options_(options) {
    if (options_.batch == 0) options_.batch = 1;
    if (options_.idle_batch < options_.batch) options_.idle_batch = options_.batch;
}

InboxProcessor::~InboxProcessor() { stop(); }

void InboxProcessor::start() {
    if (thread_.joinable()) return;
    store_.inbox_retry_failed();
    {
        std::lock_guard lock(mutex_);
        stopping_ = false;
        notified_ = true;  // look at once: a crash may have left rows
    }
    thread_ = std::thread([this] {
        pthread_setname_np(pthread_self(), "lh-inbox");  // for top -H and perf
        // Acknowledgements first: a platform waits (and times out) on each one, while a lead may
        // come a little later. A lower priority gives this thread less CPU only while the HTTP
        // threads want it; on an idle machine it runs at full speed. Best effort: a failure
        // (a sandbox forbidding it) leaves the priority as it was.
        setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), kBackgroundNice);
        loop();
    });
}

void InboxProcessor::notify() {
    last_ack_ns_.store(std::chrono::steady_clock::now().time_since_epoch().count(), std::memory_order_relaxed);
    {
        std::lock_guard lock(mutex_);
        notified_ = true;
    }
    wake_.notify_one();
}

void InboxProcessor::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    if (thread_.joinable()) thread_.join();
}

bool InboxProcessor::process_batch(int64_t& cursor) {
    stats_at_previous_batch_ = stats_at_batch_;
    stats_at_batch_ = store_.stats();
    batch_started_ = std::chrono::steady_clock::now();
    bool acks_flowing = acks_flowing_now();
    auto rows = store_.pending_inbox(cursor, acks_flowing ? options_.batch : options_.idle_batch);
    if (rows.empty()) return false;
    cursor = rows.back().id;
    IngestSummary summary;
    try {
        summary = process_rows(store_, tenants_, rows, clock_());
    } catch (const std::exception& e) {
        // The whole transaction failed (disk full, the store closing): every row stays as it was.
        summary.waiting = rows.size();
        summary.errors.push_back(std::string("processing the inbox failed: ") + e.what());
    }
    if (on_batch_) on_batch_(summary);
    return true;
}

void InboxProcessor::loop() {
    // The cursor walks the inbox once per pass, so a row that keeps failing cannot hold up the
    // rows behind it; each new pass (after a wake-up) starts from the oldest row again.
    int64_t cursor = 0;
    for (;;) {
        {
            std::lock_guard lock(mutex_);
            if (stopping_) return;
        }
        bool did_work = false;
        try {
            did_work = process_batch(cursor);
        } catch (const std::exception& e) {
            // Reading the inbox failed; say so and try again after the idle poll.
            IngestSummary summary;
            summary.errors.push_back(std::string("reading the inbox failed: ") + e.what());
            if (on_batch_) on_batch_(summary);
        }
        if (did_work) {
            pace_after_batch();
            continue;
        }
        cursor = 0;
        std::unique_lock lock(mutex_);
        wake_.wait_for(lock, options_.idle_poll, [this] { return stopping_ || notified_; });
        notified_ = false;
    }
}

bool InboxProcessor::acks_flowing_now() const {
    auto last = std::chrono::steady_clock::time_point(
        std::chrono::steady_clock::duration(last_ack_ns_.load(std::memory_order_relaxed)));
    return std::chrono::steady_clock::now() - last < options_.acks_flowing_within;
}

void InboxProcessor::pace_after_batch() {
    // Only while acknowledgements keep coming: a backlog after the burst drains at full speed.
    if (!acks_flowing_now()) return;
    // Since the previous batch began: the batch alone may have committed in a group of its own
    // between two of the acknowledgements' groups.
    saturated_ = writer_saturated(stats_at_previous_batch_, store_.stats(), options_.saturated_group).value_or(saturated_);
    if (!saturated_) return;
    std::unique_lock lock(mutex_);
    wake_.wait_until(lock, batch_started_ + options_.saturated_interval, [this] { return stopping_; });
}

std::size_t InboxProcessor::drain() {
    std::size_t stored = 0;
    int64_t cursor = 0;
    for (;;) {
        auto rows = store_.pending_inbox(cursor, options_.batch);
        if (rows.empty()) return stored;
        cursor = rows.back().id;
        IngestSummary summary = process_rows(store_, tenants_, rows, clock_());
        stored += summary.stored;
        if (on_batch_) on_batch_(summary);
    }
}

}  // namespace leadhub::pipeline
