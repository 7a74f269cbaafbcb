#include "store/sqlite/wal_checkpointer.hpp"

#include <pthread.h>
#include <sqlite3.h>

namespace leadhub::store {

WalCheckpointer::WalCheckpointer(const std::string& path, int busy_timeout_ms, Options options)
    : options_(options),
      // A reader connection: it never writes rows, and a checkpoint is not a write in SQLite's
      // sense (query_only does not stop it).
      connection_(std::make_unique<Connection>(path, Connection::Mode::reader, busy_timeout_ms)) {
    thread_ = std::thread([this] {
        pthread_setname_np(pthread_self(), "lh-checkpoint");  // for top -H and perf
        loop();
    });
}

WalCheckpointer::~WalCheckpointer() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    thread_.join();
}

std::unique_ptr<Connection> WalCheckpointer::attach(std::unique_ptr<Connection> writer) {
    // Replaces SQLite's autocheckpoint, which is itself a WAL hook.
    sqlite3_wal_hook(writer->native_handle(), &WalCheckpointer::on_commit, this);
    return writer;
}

WalCheckpointer::Stats WalCheckpointer::stats() const {
    std::lock_guard lock(mutex_);
    return Stats{passes_done_, writer_passes_};
}

int WalCheckpointer::on_commit(void* self, sqlite3* db, const char* schema, int wal_pages) {
    static_cast<WalCheckpointer*>(self)->after_commit(db, schema, wal_pages);
    return SQLITE_OK;  // the commit itself succeeded whatever a checkpoint does
}

void WalCheckpointer::after_commit(sqlite3* db, const char* schema, int wal_pages) {
    bool inline_pass = wal_pages >= options_.limit_pages;
    if (!inline_pass && wal_pages < options_.threshold_pages) return;
    {
        std::lock_guard lock(mutex_);
        if (wal_pages < options_.threshold_pages) {
            // Over the limit only (a limit below the threshold): nothing to ask the thread.
        } else if (!running_pass_ && passes_done_ > passes_seen_by_writer_) {
            // A pass has copied most of the log since the writer last looked: the frames
            // appended during it are few, and copying them lets the next transaction start the
            // log over from its beginning.
            passes_seen_by_writer_ = passes_done_;
            inline_pass = true;
        } else if (!running_pass_ && !requested_) {
            requested_ = true;
            wake_.notify_one();
        }
        if (inline_pass) ++writer_passes_;
    }
    // PASSIVE: never waits for readers; a pass of this thread running meanwhile makes it return
    // SQLITE_BUSY, which is fine: that pass copies the same frames.
    if (inline_pass) sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
}

void WalCheckpointer::loop() {
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait(lock, [this] { return stopping_ || requested_; });
        if (stopping_) return;
        requested_ = false;
        running_pass_ = true;
        lock.unlock();
        // Errors (SQLITE_BUSY while the writer copies a remainder, an I/O error) leave the frames
        // in the log, where they are as durable as in the database file; the next request or the
        // writer's over-limit pass tries again.
        sqlite3_wal_checkpoint_v2(connection_->native_handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
        lock.lock();
        running_pass_ = false;
        ++passes_done_;
    }
}

}  // namespace leadhub::store
