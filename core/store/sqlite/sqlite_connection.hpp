// A thin RAII layer over the SQLite C API: one connection, its prepared statements, and errors
// turned into StoreError messages that name the database file and the step that failed.
// Not thread-safe: each connection is used by one thread at a time (the writer, or a reader
// holding it from the pool).
#pragma once

#include "store/store.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>

struct sqlite3;
struct sqlite3_stmt;

namespace leadhub::store {

class Connection;

// A prepared statement. Statements from Connection::prepare() are cached by the connection:
// the destructor only resets them, so a reader never keeps an old snapshot open.
class Statement {
public:
    Statement(Connection& connection, sqlite3_stmt* stmt, bool cached);
    Statement(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    Statement& operator=(Statement&&) = delete;
    ~Statement();

    // Binding is by 1-based position, as in SQL.
    Statement& bind(int index, int64_t value);
    Statement& bind(int index, const std::string& value);
    Statement& bind(int index, const std::optional<std::string>& value);
    Statement& bind_null(int index);

    // Runs to the next row: true while there is one, false when done. Throws on error.
    bool step();
    // Runs a statement that returns no rows.
    void run();
    // Runs an `INSERT ... RETURNING id` to its end and gives the id (portable SQL, unlike
    // last_insert_rowid(): PostgreSQL has the same clause).
    int64_t run_returning_id();

    bool is_null(int column) const;
    int64_t int64(int column) const;
    std::string text(int column) const;
    std::optional<std::string> optional_text(int column) const;

private:
    Connection* connection_;
    sqlite3_stmt* stmt_;
    bool cached_;
};

class Connection {
public:
    enum class Mode { writer, reader };

    // Opens (the writer creates the file) and applies the pragmas every connection needs.
    Connection(const std::string& path, Mode mode, int busy_timeout_ms);
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    ~Connection();

    // Runs one or more statements without results; `what` names the step for the error.
    void exec(const std::string& sql, const std::string& what);
    Statement prepare(const char* sql);
    int64_t changes() const;
    // True when no transaction is open: after a failed statement, whether SQLite rolled it back.
    bool autocommit() const;

    const std::string& path() const { return path_; }
    // For what this layer does not wrap (the WAL hook, checkpoints).
    sqlite3* native_handle() const { return db_; }
    // Throws StoreError "store <path>: <what>: <SQLite's message>".
    [[noreturn]] void fail(const std::string& what) const;

private:
    friend class Statement;
    void release_cached(sqlite3_stmt* stmt);

    std::string path_;
    sqlite3* db_ = nullptr;
    // Cached statements by SQL text; the flag says whether one is handed out right now.
    std::map<std::string, std::pair<sqlite3_stmt*, bool>> cache_;
};

}  // namespace leadhub::store
