#include "store/sqlite/sqlite_store.hpp"

#include "store/sqlite/migrations.hpp"

#include <chrono>
#include <filesystem>
#include <system_error>

namespace leadhub::store {

namespace {

// Enough for the threads that read at once (HTTP workers, dispatcher, admin API); more are
// opened on demand and closed when given back.
constexpr std::size_t kIdleReadConnections = 8;

void create_parent_directories(const std::string& path) {
    std::filesystem::path parent = std::filesystem::path(path).parent_path();
    if (parent.empty()) return;
    std::error_code error;
    std::filesystem::create_directories(parent, error);
    if (error)
        throw StoreError("store " + path + ": cannot create the directory " + parent.string() + ": " +
                         error.message());
}

int64_t wall_clock_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace

std::unique_ptr<Store> Store::open(const StoreOptions& options) {
    if (options.path.empty()) throw StoreError("store: no database path given");
    create_parent_directories(options.path);
    auto writer = std::make_unique<Connection>(options.path, Connection::Mode::writer, options.busy_timeout_ms);
    migrate(*writer, wall_clock_ms());
    return std::make_unique<SqliteStore>(options, std::move(writer));
}

SqliteStore::SqliteStore(const StoreOptions& options, std::unique_ptr<Connection> migrated_writer_connection)
    : path_(options.path),
      readers_(options.path, options.busy_timeout_ms, kIdleReadConnections),
      checkpointer_(options.path, options.busy_timeout_ms, WalCheckpointer::Options{}),
      writer_(checkpointer_.attach(std::move(migrated_writer_connection)), options.group_commit_max_wait_us,
              options.group_commit_max_size) {}

int SqliteStore::schema_version() {
    auto db = readers_.acquire();
    return current_schema_version(*db);
}

}  // namespace leadhub::store
