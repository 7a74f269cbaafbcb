// The group-committing writer: one thread with its own connection. Callers hand it a task and
// block (run) or leave a callback (submit); the writer takes every task waiting (waiting a little for more once it has one), runs
// them in ONE transaction with a SAVEPOINT around each, commits once, then wakes every caller of
// the group with one broadcast. The writer is woken only when the queue turns non-empty (or fills
// a group): with 64 HTTP threads, a wake-up per hand-in cost the writer a context switch per
// request while it gathered the group.
// A task that throws rolls back only its own savepoint and only its caller gets the error; a
// failed COMMIT (or a failure that aborts the whole transaction) fails every caller in the group.
#pragma once

#include "store/sqlite/sqlite_connection.hpp"

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace leadhub::store {

class GroupCommitWriter {
public:
    using Task = std::function<void(Connection&)>;

    // Takes the (already migrated) connection and starts the writer thread.
    GroupCommitWriter(std::unique_ptr<Connection> connection, int max_wait_us, int max_size);
    GroupCommitWriter(const GroupCommitWriter&) = delete;
    GroupCommitWriter& operator=(const GroupCommitWriter&) = delete;
    // Finishes every task already handed in, then stops the thread.
    ~GroupCommitWriter();

    // Runs `task` inside the next group transaction and returns once that transaction is
    // committed. Throws StoreError with the task's own error, or the group's when it failed.
    void run(Task task);

    // Called on the writer thread once the task's group is committed (error: nullptr) or has
    // failed (error: a StoreError, the task's own or the group's). It must be quick and must not
    // call the writer back synchronously: every caller of the next group waits for it.
    using Done = std::function<void(std::exception_ptr error)>;

    // Like run(), without waiting: the task joins the next group and `done` reports its outcome.
    // When the writer is stopping, `done` is called at once, on the caller's thread, with the
    // error. For callers that must not hold a thread while a commit is under way (the HTTP front).
    void submit(Task task, Done done);

    // Runs `task` and returns what it computed.
    template <typename Result, typename Function>
    Result compute(Function function) {
        Result result{};
        run([&](Connection& connection) { result = function(connection); });
        return result;
    }

    StoreStats stats() const;

private:
    // The outcome travels as the error's text (none: committed), and the caller throws its own
    // StoreError: an exception object is never shared between threads.
    using Outcome = std::optional<std::string>;
    // Lives on the caller's stack while it waits; the writer fills `outcome`, then sets `done`
    // under mutex_. `parity` names the condition variable (of two) the caller sleeps on: that
    // of the group being gathered, so a broadcast for the group being committed does not wake
    // the callers already queued for the next one.
    struct Waiter {
        Outcome outcome;
        bool done = false;
        int parity = 0;
    };
    // One of waiter (run) or done (submit) is set.
    struct Pending {
        Task task;
        Waiter* waiter;
        Done done;
    };

    void loop();
    std::deque<Pending> take_group();
    void commit_group(std::deque<Pending>& group);

    std::unique_ptr<Connection> connection_;
    const std::chrono::microseconds max_wait_;
    const std::size_t max_size_;

    mutable std::mutex mutex_;
    std::condition_variable wake_;                 // the writer's
    std::condition_variable committed_[2];         // the callers', by group parity
    int gathering_parity_ = 0;                     // parity of the group queue_ becomes
    std::deque<Pending> queue_;
    bool stopping_ = false;
    StoreStats stats_;
    std::thread thread_;
};

}  // namespace leadhub::store
