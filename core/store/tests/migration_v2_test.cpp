// Version 2 of the schema applied to a database written by version 1: leads keep their ids and
// data and become one-message conversations, jobs keep their keys and history.
#include "raw_db.hpp"
#include "store/sqlite/migrations.hpp"
#include "store_fixture.hpp"

#include <catch2/catch.hpp>

using namespace leadhub::store;
using namespace leadhub::store::testing;

namespace {

// A version 1 database with one lead, one job with a retry in its history.
void write_version_1(const std::string& path) {
    raw_exec(path, std::string(migrations().at(0).sql) +
                       "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
                       " applied_at_ms INTEGER NOT NULL);"
                       "INSERT INTO schema_migrations VALUES (1, 'v1', 1);"
                       "INSERT INTO leads (tenant, source, channel, external_message_id, name, phone, text,"
                       " received_at_ms, created_at_ms) VALUES ('salon', 'tg', 'telegram', 'm-1', 'Анна',"
                       " '+79131234567', 'хочу на стрижку', 5000, 5000);"
                       "INSERT INTO jobs (tenant, sink, kind, lead_id, idempotency_key, next_attempt_at_ms,"
                       " created_at_ms, updated_at_ms) VALUES ('salon', 'crm', 'lead', 1, 'lh-salon-1', 6000, 5000, 5000);"
                       "INSERT INTO job_events (job_id, at_ms, event, attempts, detail) VALUES (1, 5500, 'retry', 1, '503');");
}

}  // namespace

TEST_CASE("a version 1 database is migrated with its leads, jobs and history intact") {
    TempDir dir;
    std::string path = dir.file("leadhub.db");
    write_version_1(path);
    auto store = Store::open(options_for(path));
    CHECK(store->schema_version() == latest_schema_version());  // 2, then the later steps

    auto lead = store->lead(1);
    REQUIRE(lead);
    CHECK(lead->reading_source == "builtin");  // a lead from before processors holds the built-in reading
    CHECK(lead->name == "Анна");
    CHECK(lead->status == "new");
    CHECK(lead->contact_id == 0);  // stored before contacts existed
    CHECK(lead->last_message_at_ms == 5000);
    CHECK(lead->message_count == 1);
    auto messages = store->lead_messages(1);
    REQUIRE(messages.size() == 1);
    CHECK(messages[0].text == "хочу на стрижку");
    CHECK(messages[0].external_message_id == "m-1");

    auto job = store->job(1);
    REQUIRE(job);
    CHECK(job->idempotency_key == "lh-salon-1");
    CHECK(job->status == JobStatus::pending);
    auto history = store->job_history(1);
    REQUIRE(history.size() == 1);
    CHECK(history[0].detail == "503");
    CHECK(raw_value(path, "PRAGMA foreign_key_check").empty());

    // The old message's id still recognises a platform's retry.
    InboundMessage again = message("salon", "tg", "m-1");
    IngestResult repeat = ingest_one(*store, item(again, {job_for("crm")}));
    CHECK(repeat.duplicate);
    CHECK(repeat.lead_id == 1);
    // New jobs continue the old ids: keys stay unique.
    IngestResult fresh = ingest_one(*store, item(message("salon", "tg", "m-2"), {job_for("crm")}));
    REQUIRE(fresh.job_ids.size() == 1);
    CHECK(fresh.job_ids[0] == 2);
}

TEST_CASE("the rebuilt jobs table accepts 'cancelled' and still refuses unknown statuses") {
    TempDir dir;
    std::string path = dir.file("leadhub.db");
    { auto store = Store::open(options_for(path)); ingest_one(*store, item(message("salon", "tg", "m"), {job_for("crm")})); }
    raw_exec(path, "UPDATE jobs SET status = 'cancelled'");
    CHECK(raw_value(path, "SELECT status FROM jobs") == "cancelled");
    auto store = Store::open(options_for(path));
    CHECK(store->job(1)->status == JobStatus::cancelled);
    CHECK(std::string(job_status_name(JobStatus::cancelled)) == "cancelled");
    CHECK(store->due_jobs(1'000'000'000, 10).empty());
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    CHECK(sqlite3_exec(db, "UPDATE jobs SET status = 'lost'", nullptr, nullptr, nullptr) != SQLITE_OK);
    sqlite3_close(db);
}
