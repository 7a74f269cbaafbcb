#include "store/sqlite/group_commit.hpp"

#include <pthread.h>

#include <vector>

namespace leadhub::store {

GroupCommitWriter::GroupCommitWriter(std::unique_ptr<Connection> connection, int max_wait_us, int max_size)
    : connection_(std::move(connection)),
      max_wait_(max_wait_us > 0 ? max_wait_us : 0),
      max_size_(max_size > 0 ? static_cast<std::size_t>(max_size) : 1) {
    thread_ = std::thread([this] {
        pthread_setname_np(pthread_self(), "lh-writer");  // for top -H and perf
        loop();
    });
}

GroupCommitWriter::~GroupCommitWriter() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void GroupCommitWriter::run(Task task) {
    Waiter waiter;
    std::unique_lock lock(mutex_);
    if (stopping_) throw StoreError("store " + connection_->path() + ": the store is closing");
    waiter.parity = gathering_parity_;
    queue_.push_back(Pending{std::move(task), &waiter, nullptr});
    // The writer sleeps either idle (queue empty: this is the first) or gathering a group, when
    // only a full group should cut the wait short.
    if (queue_.size() == 1 || queue_.size() == max_size_) wake_.notify_one();
    while (!waiter.done) committed_[waiter.parity].wait(lock);
    lock.unlock();
    if (waiter.outcome) throw StoreError(*waiter.outcome);
}

void GroupCommitWriter::submit(Task task, Done done) {
    std::unique_lock lock(mutex_);
    if (stopping_) {
        lock.unlock();
        done(std::make_exception_ptr(StoreError("store " + connection_->path() + ": the store is closing")));
        return;
    }
    queue_.push_back(Pending{std::move(task), nullptr, std::move(done)});
    if (queue_.size() == 1 || queue_.size() == max_size_) wake_.notify_one();
}

StoreStats GroupCommitWriter::stats() const {
    std::lock_guard lock(mutex_);
    return stats_;
}

void GroupCommitWriter::loop() {
    for (;;) {
        std::deque<Pending> group = take_group();
        if (group.empty()) return;  // stopping, and everything handed in is done
        commit_group(group);
    }
}

std::deque<GroupCommitWriter::Pending> GroupCommitWriter::take_group() {
    std::unique_lock lock(mutex_);
    wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return {};
    // Once there is work, wait a little for more: one fsync then serves all of it.
    if (queue_.size() < max_size_ && max_wait_.count() > 0 && !stopping_) {
        auto deadline = std::chrono::steady_clock::now() + max_wait_;
        wake_.wait_until(lock, deadline, [this] { return stopping_ || queue_.size() >= max_size_; });
    }
    std::deque<Pending> group;
    while (!queue_.empty() && group.size() < max_size_) {
        group.push_back(std::move(queue_.front()));
        queue_.pop_front();
    }
    // Whoever comes (or stays queued) now belongs to the next group and sleeps on the other
    // condition variable; one left over from a full group wakes once more and moves over.
    gathering_parity_ ^= 1;
    for (Pending& p : queue_)
        if (p.waiter) p.waiter->parity = gathering_parity_;
    return group;
}

namespace {

// Every error a caller sees is a StoreError naming the file; this is its text.
std::string current_error_text(const std::string& path) {
    try {
        throw;
    } catch (const StoreError& e) {
        return e.what();
    } catch (const std::exception& e) {
        return "store " + path + ": " + e.what();
    } catch (...) {
        return "store " + path + ": unknown error in a write";
    }
}

}  // namespace

void GroupCommitWriter::commit_group(std::deque<Pending>& group) {
    Connection& db = *connection_;
    std::vector<Outcome> task_errors(group.size());
    Outcome group_error;
    try {
        db.exec("BEGIN IMMEDIATE", "starting a group transaction");
        for (std::size_t i = 0; i < group.size() && !group_error; ++i) {
            // Prepared once and cached by the connection: these run for every write call.
            db.prepare("SAVEPOINT write_call").run();
            try {
                group[i].task(db);
                db.prepare("RELEASE write_call").run();
            } catch (...) {
                task_errors[i] = current_error_text(db.path());
                if (db.autocommit()) {
                    // Some errors (disk full, I/O) make SQLite roll back the whole transaction:
                    // the writes before this one are gone too, so their callers must hear it.
                    group_error = "store " + db.path() + ": the group transaction was rolled back: " +
                                  *task_errors[i];
                } else {
                    db.exec("ROLLBACK TO write_call", "undoing a failed write");
                    db.exec("RELEASE write_call", "undoing a failed write");
                }
            }
        }
        if (!group_error) db.exec("COMMIT", "committing a group transaction");
    } catch (...) {
        group_error = current_error_text(db.path());
    }
    if (group_error && !db.autocommit()) {
        try {
            db.exec("ROLLBACK", "rolling back a failed group");
        } catch (const StoreError&) {
            // The transaction is already lost; every caller below gets the original error.
        }
    }

    // Counters first: a caller that reads stats() after its write returns sees its own group.
    std::vector<Outcome> outcomes(group.size());
    std::size_t failed = 0;
    for (std::size_t i = 0; i < group.size(); ++i) {
        outcomes[i] = task_errors[i] ? task_errors[i] : group_error;
        if (outcomes[i]) ++failed;
    }
    {
        std::lock_guard lock(mutex_);
        stats_.write_calls += group.size();
        if (!group_error) ++stats_.transactions;
        stats_.failed_calls += failed;
        for (std::size_t i = 0; i < group.size(); ++i) {
            if (!group[i].waiter) continue;
            group[i].waiter->outcome = outcomes[i];
            group[i].waiter->done = true;
        }
    }
    // One broadcast for the whole group (the group's parity: the gathering one flipped when
    // the group was taken) instead of a promise and a futex wake per caller.
    committed_[gathering_parity_ ^ 1].notify_all();
    // The callbacks of submit(), outside the lock; each gets its own exception object.
    for (std::size_t i = 0; i < group.size(); ++i) {
        if (!group[i].done) continue;
        try {
            group[i].done(outcomes[i] ? std::make_exception_ptr(StoreError(*outcomes[i])) : nullptr);
        } catch (...) {
            // A callback that throws must not take the writer down; its caller has its outcome.
        }
    }
}

}  // namespace leadhub::store
