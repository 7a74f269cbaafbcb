#include "store/sqlite/migrations.hpp"
#include "raw_db.hpp"
#include "store_fixture.hpp"

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <fstream>

using namespace leadhub::store;
using namespace leadhub::store::testing;

namespace {

// Runs SQL on the file directly, as another program would, outside the store.
std::string raw_query_text(const std::string& path, const std::string& sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK);
    std::string result;
    if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0))
        result = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return result;
}

std::string error_of_opening(const std::string& path) {
    try {
        Store::open(options_for(path));
    } catch (const StoreError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("open creates the file and its parent directories, in WAL mode, fully migrated") {
    TempDir dir;
    std::string path = dir.file("a/b/c/leadhub.db");
    REQUIRE_FALSE(std::filesystem::exists(dir.path() / "a"));
    {
        auto store = Store::open(options_for(path));
        CHECK(std::filesystem::is_regular_file(path));
        CHECK(store->path() == path);
        CHECK(store->schema_version() == latest_schema_version());
    }
    CHECK(raw_query_text(path, "PRAGMA journal_mode") == "wal");
    CHECK(raw_query_text(path, "SELECT max(version) FROM schema_migrations") ==
          std::to_string(latest_schema_version()));
}

TEST_CASE("migrations are numbered 1, 2, 3 ... without gaps") {
    const auto& steps = migrations();
    REQUIRE_FALSE(steps.empty());
    for (std::size_t i = 0; i < steps.size(); ++i) CHECK(steps[i].version == static_cast<int>(i + 1));
    CHECK(latest_schema_version() == static_cast<int>(steps.size()));
}

TEST_CASE("data survives closing and reopening") {
    TempDir dir;
    std::string path = dir.file("leadhub.db");
    IngestResult stored;
    {
        auto store = Store::open(options_for(path));
        stored = ingest_one(*store, item(message("salon", "tg", "m1"), {job_for("crm")}));
        store->state_put("salon/tg", "offset", "42");
    }
    auto store = Store::open(options_for(path));
    auto lead = store->lead(stored.lead_id);
    REQUIRE(lead);
    CHECK(lead->external_message_id == "m1");
    REQUIRE(stored.job_ids.size() == 1);
    auto job = store->job(stored.job_ids[0]);
    REQUIRE(job);
    CHECK(job->status == JobStatus::pending);
    CHECK(store->state_get("salon/tg", "offset") == "42");
    // The message id is still known after the restart: a platform retry stays a duplicate.
    CHECK(ingest_one(*store, item(message("salon", "tg", "m1"), {job_for("crm")})).duplicate);
    CHECK(store->schema_version() == latest_schema_version());
}

TEST_CASE("a database with a newer schema is refused, naming both versions") {
    TempDir dir;
    std::string path = dir.file("leadhub.db");
    Store::open(options_for(path));
    int newer = latest_schema_version() + 5;
    raw_exec(path, "INSERT INTO schema_migrations (version, name, applied_at_ms) VALUES (" +
                       std::to_string(newer) + ", 'from the future', 0)");
    std::string error = error_of_opening(path);
    CHECK_THAT(error, Catch::Contains("schema version " + std::to_string(newer)));
    CHECK_THAT(error, Catch::Contains("(" + std::to_string(latest_schema_version()) + ")"));
    CHECK_THAT(error, Catch::Contains(path));
}

TEST_CASE("a file that is not a SQLite database is refused, naming the path") {
    TempDir dir;
    std::string path = dir.file("notes.db");
    {
        std::ofstream garbage(path, std::ios::binary);
        for (int i = 0; i < 200; ++i) garbage << "this is not a database, just some text " << i << "\n";
    }
    std::string error = error_of_opening(path);
    CHECK_THAT(error, Catch::Contains(path));
    CHECK_THAT(error, Catch::Contains("not a database"));
}

TEST_CASE("a path that cannot hold a database is refused with a clear message") {
    TempDir dir;
    SECTION("the path is a directory") {
        std::string path = dir.file("adir");
        std::filesystem::create_directories(path);
        CHECK_THAT(error_of_opening(path), Catch::Contains(path));
    }
    SECTION("a parent of the path is a file") {
        std::string blocker = dir.file("plain-file");
        std::ofstream(blocker) << "x";
        std::string path = blocker + "/sub/leadhub.db";
        std::string error = error_of_opening(path);
        CHECK_THAT(error, Catch::Contains(path));
        CHECK_THAT(error, Catch::Contains("cannot create the directory"));
    }
    SECTION("the path is empty") {
        CHECK_THAT(error_of_opening(""), Catch::Contains("no database path"));
    }
}

TEST_CASE("a migration step that fails leaves nothing of that step behind") {
    TempDir dir;
    std::string path = dir.file("leadhub.db");
    // A table in the way of step 1: the step fails halfway through its SQL.
    raw_exec(path, "CREATE TABLE jobs (x INTEGER)");
    std::string error = error_of_opening(path);
    CHECK_THAT(error, Catch::Contains("migrating to schema version 1"));
    CHECK_THAT(error, Catch::Contains("jobs"));
    CHECK(raw_query_text(path, "SELECT count(*) FROM sqlite_schema WHERE name = 'leads'") == "0");
    CHECK(raw_query_text(path, "SELECT count(*) FROM schema_migrations") == "0");
}

TEST_CASE("the pending migration steps are one transaction: a later step failing undoes the earlier ones") {
    TempDir dir;
    std::string path = dir.file("leadhub.db");
    // A table in the way of step 3 only: steps 1 and 2 succeed, then step 3 fails.
    raw_exec(path, "CREATE TABLE inbox (x INTEGER)");
    std::string error = error_of_opening(path);
    CHECK_THAT(error, Catch::Contains("migrating to schema version 3"));
    CHECK_THAT(error, Catch::Contains("inbox"));
    CHECK(raw_query_text(path, "SELECT count(*) FROM sqlite_schema WHERE name IN ('leads', 'contacts')") == "0");
    CHECK(raw_query_text(path, "SELECT count(*) FROM schema_migrations") == "0");

    // Out of the way, the next start applies every step.
    raw_exec(path, "DROP TABLE inbox");
    CHECK(error_of_opening(path).empty());
    CHECK(raw_query_text(path, "SELECT count(*) FROM schema_migrations") == std::to_string(latest_schema_version()));
}
