#include "store/sqlite/sqlite_connection.hpp"

#include <sqlite3.h>

namespace leadhub::store {

// ---- Statement ----

Statement::Statement(Connection& connection, sqlite3_stmt* stmt, bool cached)
    : connection_(&connection), stmt_(stmt), cached_(cached) {}

Statement::Statement(Statement&& other) noexcept
    : connection_(other.connection_), stmt_(other.stmt_), cached_(other.cached_) {
    other.stmt_ = nullptr;
}

Statement::~Statement() {
    if (!stmt_) return;
    if (cached_)
        connection_->release_cached(stmt_);
    else
        sqlite3_finalize(stmt_);
}

Statement& Statement::bind(int index, int64_t value) {
    if (sqlite3_bind_int64(stmt_, index, value) != SQLITE_OK) connection_->fail("binding a value");
    return *this;
}

Statement& Statement::bind(int index, const std::string& value) {
    if (sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT) != SQLITE_OK)
        connection_->fail("binding a value");
    return *this;
}

Statement& Statement::bind(int index, const std::optional<std::string>& value) {
    return value ? bind(index, *value) : bind_null(index);
}

Statement& Statement::bind_null(int index) {
    if (sqlite3_bind_null(stmt_, index) != SQLITE_OK) connection_->fail("binding a value");
    return *this;
}

bool Statement::step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    std::string sql = sqlite3_sql(stmt_);
    if (sql.size() > 60) sql = sql.substr(0, 60) + "...";
    connection_->fail("running \"" + sql + "\"");
}

void Statement::run() {
    while (step()) {
    }
}

int64_t Statement::run_returning_id() {
    if (!step()) {
        std::string sql = sqlite3_sql(stmt_);
        connection_->fail("reading the id returned by \"" + sql.substr(0, 60) + "\"");
    }
    int64_t id = int64(0);
    run();
    return id;
}

bool Statement::is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

int64_t Statement::int64(int column) const { return sqlite3_column_int64(stmt_, column); }

std::string Statement::text(int column) const {
    auto data = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    if (!data) return {};
    return std::string(data, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::optional<std::string> Statement::optional_text(int column) const {
    if (is_null(column)) return std::nullopt;
    return text(column);
}

// ---- Connection ----

Connection::Connection(const std::string& path, Mode mode, int busy_timeout_ms) : path_(path) {
    // NOMUTEX: a connection is only ever used by one thread at a time (see the header).
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
    if (mode == Mode::writer) flags |= SQLITE_OPEN_CREATE;
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
        std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
        sqlite3_close(db_);
        db_ = nullptr;
        throw StoreError("store " + path + ": cannot open: " + message);
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, busy_timeout_ms);
    try {
        if (mode == Mode::writer) {
            // The first read of the file: a file that is not a database fails here.
            Statement journal = prepare("PRAGMA journal_mode=WAL");
            if (!journal.step() || journal.text(0) != "wal")
                throw StoreError("store " + path + ": cannot switch to WAL journal mode");
            exec("PRAGMA synchronous=FULL", "setting synchronous=FULL");
            // The group-commit writer wraps every write call in a SAVEPOINT. SQLite keeps the
            // original of each page a savepoint changes in a statement journal, which spills to
            // a temporary file past 64 KiB: one pwrite per page, ~37 per webhook under load,
            // each a slow system call on a virtual machine. In memory, the journal holds at most
            // the pages of one group transaction and is emptied when it ends; durability is the
            // WAL's, unchanged.
            exec("PRAGMA temp_store=MEMORY", "keeping statement journals in memory");
        } else {
            // Readers must never write: a bug that tries fails loudly instead of racing the writer.
            exec("PRAGMA query_only=ON", "making the connection read-only");
        }
        exec("PRAGMA foreign_keys=ON", "enabling foreign keys");
        // SQLite's default page cache is 2 MiB per connection, filled from the heap and kept.
        // The writer touches the right edge of a few B-trees and the index pages of recent
        // rows; a reader runs short queries. WAL frames and the file stay in the OS page cache,
        // so a miss is a pread, not a disk read. With 512 KiB / 256 KiB the ingest benchmark's
        // peak RSS drops by ~2 MiB at the same request rate (docs/benchmarks.md).
        exec(mode == Mode::writer ? "PRAGMA cache_size=-512" : "PRAGMA cache_size=-256", "sizing the page cache");
    } catch (...) {
        for (auto& [sql, entry] : cache_) sqlite3_finalize(entry.first);
        cache_.clear();
        sqlite3_close(db_);
        db_ = nullptr;
        throw;
    }
}

Connection::~Connection() {
    for (auto& [sql, entry] : cache_) sqlite3_finalize(entry.first);
    sqlite3_close(db_);
}

void Connection::exec(const std::string& sql, const std::string& what) {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
        std::string message = error ? error : sqlite3_errmsg(db_);
        sqlite3_free(error);
        throw StoreError("store " + path_ + ": " + what + ": " + message);
    }
}

Statement Connection::prepare(const char* sql) {
    auto it = cache_.find(sql);
    if (it != cache_.end() && !it->second.second) {
        it->second.second = true;
        return Statement(*this, it->second.first, true);
    }
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK)
        fail(std::string("preparing \"") + sql + "\"");
    if (it != cache_.end()) return Statement(*this, stmt, false);  // nested use of a cached one
    cache_.emplace(sql, std::make_pair(stmt, true));
    return Statement(*this, stmt, true);
}

void Connection::release_cached(sqlite3_stmt* stmt) {
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    auto it = cache_.find(sqlite3_sql(stmt));
    if (it != cache_.end() && it->second.first == stmt) it->second.second = false;
}


int64_t Connection::changes() const { return sqlite3_changes64(db_); }

bool Connection::autocommit() const { return sqlite3_get_autocommit(db_) != 0; }

void Connection::fail(const std::string& what) const {
    throw StoreError("store " + path_ + ": " + what + ": " + sqlite3_errmsg(db_));
}

}  // namespace leadhub::store
