// The background stage of ingestion: one thread that takes inbox rows in batches (oldest first)
// and turns them into leads with their jobs (pipeline::process_rows). Webhooks are acknowledged
// once their message is in the inbox; a lead appears in /api/leads, and its jobs reach the
// dispatcher, once this stage has processed its row: under a steady load a few milliseconds
// later, under a burst once the backlog before it is done.
//
// notify() after an accept wakes it at once; without one it looks at the inbox every
// `idle_poll` anyway (rows that failed are retried then). Rows left by a crash are found on
// start(). stop() finishes the batch in progress; rows not yet processed stay for the next start.
#pragma once

#include "pipeline/ingest.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace leadhub::pipeline {

class InboxProcessor {
public:
    struct Options {
        // Rows per store call while webhooks keep arriving. The batch runs on the writer thread
        // inside a group transaction, and acknowledgements arriving meanwhile wait for it (its
        // store work is ~70 µs a lead on the benchmark machine): 8 keeps that wait under 1 ms;
        // 32 made the acknowledgements ~10 % slower (docs/benchmarks.md).
        std::size_t batch = 8;
        // Rows per store call when no acknowledgement came in within `acks_flowing_within` (a
        // backlog after a burst): nobody waits on the writer then, so larger batches drain faster.
        std::size_t idle_batch = 96;
        std::chrono::milliseconds acks_flowing_within{10};
        std::chrono::milliseconds idle_poll{1000};
        // Acknowledgements first under a burst: while the writer's groups average at least
        // `saturated_group` write calls (burst_pacing.hpp), a batch starts at most every
        // `saturated_interval`. The rows wait, durable, and are made into leads at the idle
        // batch size once the burst is over; at 8 rows a 10 ms, leads still come at ~800/s
        // during it. Below that load nothing is paced (docs/operations.md, "Bursts").
        std::size_t saturated_group = 16;
        std::chrono::milliseconds saturated_interval{10};
    };
    // Called on the processor's thread after each batch (with what it did and the errors of
    // rows that will be tried again), e.g. to wake the dispatcher and count leads.
    using OnBatch = std::function<void(const IngestSummary&)>;
    using Clock = std::function<int64_t()>;

    InboxProcessor(store::Store& store, TenantLookup tenants, OnBatch on_batch, Clock clock, Options options);
    InboxProcessor(const InboxProcessor&) = delete;
    InboxProcessor& operator=(const InboxProcessor&) = delete;
    ~InboxProcessor();

    // Gives rows that were given up on fresh attempts (an operator restarted after fixing the
    // cause), then starts the thread.
    void start();
    void notify();
    // Finishes the batch in progress and stops the thread. Safe to call twice.
    void stop();

    // Processes every processable row on the calling thread until none is left; returns how many
    // were stored. For tests and tools; safe while the thread runs (a row is stored once).
    std::size_t drain();

private:
    void loop();
    // One batch after `cursor`; returns false when there was nothing to do.
    bool process_batch(int64_t& cursor);
    // After a batch: while the writer is saturated, waits out the rest of the pacing interval
    // (or until stop()).
    void pace_after_batch();
    // An acknowledgement came within `acks_flowing_within`.
    bool acks_flowing_now() const;

    store::Store& store_;
    TenantLookup tenants_;
    OnBatch on_batch_;
    Clock clock_;
    Options options_;

    std::mutex mutex_;
    std::condition_variable wake_;
    bool notified_ = false;
    // When notify() was last called (steady clock, in its ticks; 0: never).
    std::atomic<std::chrono::steady_clock::rep> last_ack_ns_{0};
    bool stopping_ = false;
    // The writer's counters when the last two batches began, and when the last one began (the
    // thread's own).
    store::StoreStats stats_at_previous_batch_, stats_at_batch_;
    bool saturated_ = false;  // the last known answer of writer_saturated()
    std::chrono::steady_clock::time_point batch_started_;
    std::thread thread_;
};

}  // namespace leadhub::pipeline
