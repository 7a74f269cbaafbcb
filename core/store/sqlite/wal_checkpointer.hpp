// Checkpoints the write-ahead log on a thread of its own, so that the group-commit writer (whose
// every cycle callers wait on) no longer copies WAL pages into the database file itself.
//
// SQLite's default has the connection that commits run a checkpoint once the WAL holds 1000
// pages: on the writer thread, inside the commit its group is waiting for, copying up to a few
// megabytes and syncing the database file. Under a burst that cost every ~20th group a few
// milliseconds, the largest part of the ingest benchmark's p99 (docs/benchmarks.md, round 5).
//
// Here the writer's connection reports its WAL size after each commit (sqlite3_wal_hook) and
// this thread runs PASSIVE checkpoints on its own connection: they copy what they can without
// blocking the writer or readers. A PASSIVE checkpoint never finishes the log while the writer
// keeps appending, and the WAL can only start over from its beginning once everything in it is
// copied; so after a pass the writer finishes the remainder itself (a few frames, cheap). If the
// log still outgrows `limit_pages` (this thread starved of CPU or I/O), the writer checkpoints
// inline as SQLite would: the log stays bounded whatever happens to this thread.
#pragma once

#include "store/sqlite/sqlite_connection.hpp"

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>

namespace leadhub::store {

class WalCheckpointer {
public:
    struct Options {
        int threshold_pages = 1000;  // SQLite's own autocheckpoint size
        int limit_pages = 16000;     // ~64 MiB of log: past it the writer checkpoints inline
    };
    struct Stats {
        uint64_t passes = 0;         // checkpoints run on this thread
        uint64_t writer_passes = 0;  // remainders and over-limit checkpoints run by the writer
    };

    WalCheckpointer(const std::string& path, int busy_timeout_ms, Options options);
    WalCheckpointer(const WalCheckpointer&) = delete;
    WalCheckpointer& operator=(const WalCheckpointer&) = delete;
    // Stops the thread (a pass in progress finishes). Destroy after the writer has stopped.
    ~WalCheckpointer();

    // Installs the WAL hook on the writer's connection (before its thread uses it) and hands
    // the connection back: SqliteStore's member initialisers pass it on to the writer.
    std::unique_ptr<Connection> attach(std::unique_ptr<Connection> writer);

    Stats stats() const;

private:
    static int on_commit(void* self, sqlite3* db, const char* schema, int wal_pages);
    void after_commit(sqlite3* db, const char* schema, int wal_pages);
    void loop();

    const Options options_;
    std::unique_ptr<Connection> connection_;  // used by the thread only

    mutable std::mutex mutex_;
    std::condition_variable wake_;
    bool requested_ = false;
    bool running_pass_ = false;
    bool stopping_ = false;
    uint64_t passes_done_ = 0;
    uint64_t writer_passes_ = 0;
    uint64_t passes_seen_by_writer_ = 0;  // the writer's: passes it has finished the remainder of
    std::thread thread_;
};

}  // namespace leadhub::store
