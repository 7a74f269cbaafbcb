// The WAL is checkpointed off the writer's thread, and stays bounded even when that thread
// never gets to it.
#include "store/sqlite/wal_checkpointer.hpp"
#include "store_fixture.hpp"

#include <leadhub/sdk/testing/eventually.hpp>
#include <catch2/catch.hpp>

#include <filesystem>
#include <thread>

using namespace leadhub::store;
using namespace leadhub::store::testing;

namespace {

constexpr int kPage = 4096;

// One committed transaction adding ~2 pages (a 6 KB row), as the group-commit writer would.
void write_rows(Connection& db, int rows) {
    for (int i = 0; i < rows; ++i) {
        db.exec("BEGIN IMMEDIATE", "begin");
        db.prepare("INSERT INTO blobs (body) VALUES (?1)").bind(1, std::string(6000, char('a' + i % 26))).run();
        db.exec("COMMIT", "commit");
    }
}

std::unique_ptr<Connection> writer_with_table(const std::string& path) {
    auto db = std::make_unique<Connection>(path, Connection::Mode::writer, 5000);
    db->exec("CREATE TABLE blobs (id INTEGER PRIMARY KEY, body TEXT NOT NULL)", "create");
    return db;
}

std::uintmax_t size_of(const std::string& file) { return std::filesystem::file_size(file); }

using leadhub::sdk::testing::eventually;  // the test kit's polling, the one of every test

}  // namespace

TEST_CASE("the checkpointer thread copies the log and the writer then starts it over") {
    TempDir dir;
    std::string path = dir.file("leadhub.db");
    auto created = writer_with_table(path);  // the file exists before the checkpointer opens it
    WalCheckpointer checkpointer(path, 5000, WalCheckpointer::Options{50, 100000});
    auto db = checkpointer.attach(std::move(created));

    write_rows(*db, 40);  // ~80 pages: past the threshold, so a pass is asked for
    REQUIRE(eventually([&] { return checkpointer.stats().passes >= 1; }));
    // Rows written after the pass let the writer finish the remainder; the log restarts and
    // its file stops growing, however much is written.
    write_rows(*db, 10);
    CHECK(checkpointer.stats().writer_passes >= 1);
    for (int round = 0; round < 10; ++round) {
        write_rows(*db, 40);
        eventually([&] { return checkpointer.stats().passes >= uint64_t(round + 2); });
    }
    INFO("wal bytes " << size_of(path + "-wal") << ", passes " << checkpointer.stats().passes << ", writer passes "
                      << checkpointer.stats().writer_passes);
    // 450 rows = ~900 pages were written; without checkpoints the log would hold them all.
    CHECK(size_of(path + "-wal") < 400u * kPage);
    CHECK(size_of(path) > 400u * kPage);  // the rows reached the database file itself

    Connection reader(path, Connection::Mode::reader, 5000);
    auto count = reader.prepare("SELECT count(*) FROM blobs");
    REQUIRE(count.step());
    CHECK(count.int64(0) == 450);
}

TEST_CASE("the writer checkpoints by itself once the log passes the limit") {
    // A threshold that is never reached stands for a checkpointer thread that never runs.
    TempDir dir;
    std::string path = dir.file("leadhub.db");
    auto created = writer_with_table(path);  // the file exists before the checkpointer opens it
    WalCheckpointer checkpointer(path, 5000, WalCheckpointer::Options{1'000'000, 60});
    auto db = checkpointer.attach(std::move(created));

    write_rows(*db, 300);  // ~600 pages
    CHECK(checkpointer.stats().passes == 0);
    CHECK(checkpointer.stats().writer_passes >= 1);
    CHECK(size_of(path + "-wal") < 200u * kPage);
    CHECK(size_of(path) > 400u * kPage);
}
