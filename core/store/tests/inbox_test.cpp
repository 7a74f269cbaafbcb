// The inbox: what a webhook is acknowledged for, its repeats, and the background stage's write
// that turns a row into a lead with its jobs and removes the row in the same transaction.
#include "raw_db.hpp"
#include "store_fixture.hpp"

#include <catch2/catch.hpp>

#include <condition_variable>
#include <future>
#include <mutex>

using namespace leadhub::store;
using namespace leadhub::store::testing;

namespace {

InboxEntry entry(std::optional<std::string> message_id, const std::string& text = "хочу на стрижку") {
    InboxEntry e;
    e.tenant = "salon";
    e.source = "tg";
    e.external_message_id = std::move(message_id);
    e.message_json = R"({"channel":"telegram","text":")" + text + R"("})";
    e.received_at_ms = 1'000;
    return e;
}

AcceptResult accept_one(Store& store, InboxEntry e) {
    std::vector<InboxEntry> entries;
    entries.push_back(std::move(e));
    return store.accept(std::move(entries), 2'000).at(0);
}

InboxWork work_for(const InboxMessage& row, std::vector<JobSpec> jobs = {}) {
    InboundMessage m = message(row.tenant, row.source, row.external_message_id);
    m.received_at_ms = row.received_at_ms;
    return InboxWork{row.id, item(m, std::move(jobs)), std::nullopt};
}

}  // namespace

TEST_CASE("an accepted message is on disk in the inbox, raw, before anything reads it") {
    TempDir dir;
    std::string path = dir.file("leadhub.db");
    auto store = Store::open(options_for(path));
    AcceptResult accepted = accept_one(*store, entry("m-1"));
    CHECK_FALSE(accepted.duplicate);
    CHECK(accepted.inbox_id > 0);
    store.reset();  // closed: what is in the file is what a crash would leave

    auto rows = raw_rows(path, "SELECT tenant, source, external_message_id, message, received_at_ms, created_at_ms FROM inbox");
    REQUIRE(rows.size() == 1);
    CHECK(rows[0] == std::vector<std::string>{"salon", "tg", "m-1", R"({"channel":"telegram","text":"хочу на стрижку"})",
                                              "1000", "2000"});
    CHECK(raw_rows(path, "SELECT count(*) FROM leads")[0][0] == "0");

    auto reopened = Store::open(options_for(path));
    auto pending = reopened->pending_inbox(0, 10);
    REQUIRE(pending.size() == 1);
    CHECK(pending[0].id == accepted.inbox_id);
    CHECK(pending[0].external_message_id == "m-1");
    CHECK(pending[0].attempts == 0);
    CHECK(reopened->inbox_counts().pending == 1);
}

TEST_CASE("a platform's repeat is recognised at acknowledgement, waiting or already processed") {
    TempDir dir;
    auto store = Store::open(options_for(dir.file("leadhub.db")));
    CHECK_FALSE(accept_one(*store, entry("m-1")).duplicate);
    SECTION("while the first copy waits in the inbox") {
        CHECK(accept_one(*store, entry("m-1")).duplicate);
        CHECK(store->pending_inbox(0, 10).size() == 1);
    }
    SECTION("after the first copy became a lead") {
        auto row = store->pending_inbox(0, 10).at(0);
        std::vector<InboxWork> work;
        work.push_back(work_for(row));
        REQUIRE(store->process_inbox(std::move(work), 3'000).at(0).done);
        CHECK(store->pending_inbox(0, 10).empty());
        AcceptResult again = accept_one(*store, entry("m-1"));
        CHECK(again.duplicate);
        CHECK(again.inbox_id == 0);
        CHECK(store->pending_inbox(0, 10).empty());
    }
    SECTION("twice in one call: the second copy is the repeat") {
        std::vector<InboxEntry> both{entry("m-2"), entry("m-2")};
        auto results = store->accept(std::move(both), 2'000);
        CHECK_FALSE(results.at(0).duplicate);
        CHECK(results.at(1).duplicate);
    }
    SECTION("messages without an id are never repeats, and the same id of another source is not one") {
        CHECK_FALSE(accept_one(*store, entry(std::nullopt)).duplicate);
        CHECK_FALSE(accept_one(*store, entry(std::nullopt)).duplicate);
        InboxEntry other = entry("m-1");
        other.source = "wa";
        CHECK_FALSE(accept_one(*store, other).duplicate);
    }
}

TEST_CASE("processing creates the lead and its jobs and removes the row in one transaction") {
    TempDir dir;
    std::string path = dir.file("leadhub.db");
    auto store = Store::open(options_for(path));
    accept_one(*store, entry("m-1"));
    accept_one(*store, entry("m-2"));
    auto rows = store->pending_inbox(0, 10);
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].id < rows[1].id);
    CHECK(store->pending_inbox(rows[0].id, 10).size() == 1);  // the cursor skips what is before it

    std::vector<InboxWork> work;
    work.push_back(work_for(rows[0], {job_for("crm")}));
    auto outcomes = store->process_inbox(std::move(work), 3'000);
    REQUIRE(outcomes.size() == 1);
    CHECK(outcomes[0].done);
    CHECK(outcomes[0].result.new_lead);
    REQUIRE(outcomes[0].result.job_ids.size() == 1);
    auto lead = store->lead(outcomes[0].result.lead_id);
    REQUIRE(lead);
    CHECK(lead->external_message_id == "m-1");
    CHECK(store->job(outcomes[0].result.job_ids[0])->sink == "crm");
    auto left = store->pending_inbox(0, 10);
    REQUIRE(left.size() == 1);
    CHECK(left[0].external_message_id == "m-2");

    SECTION("a row processed already is skipped, and nothing is written twice") {
        std::vector<InboxWork> again;
        again.push_back(work_for(rows[0], {job_for("crm")}));
        auto second = store->process_inbox(std::move(again), 4'000);
        CHECK(second.at(0).already_processed);
        CHECK_FALSE(second.at(0).done);
        CHECK(raw_rows(path, "SELECT count(*) FROM leads")[0][0] == "1");
        CHECK(raw_rows(path, "SELECT count(*) FROM jobs")[0][0] == "1");
    }
}

TEST_CASE("a message that fails to process keeps its row and error; the others of the batch go on") {
    TempDir dir;
    std::string path = dir.file("leadhub.db");
    auto store = Store::open(options_for(path));
    accept_one(*store, entry("bad"));
    accept_one(*store, entry("good"));
    auto rows = store->pending_inbox(0, 10);
    REQUIRE(rows.size() == 2);

    std::vector<InboxWork> work;
    JobSpec broken = job_for("");  // the jobs table refuses a job without a sink
    work.push_back(work_for(rows[0], {job_for("crm"), broken}));
    work.push_back(work_for(rows[1], {job_for("crm")}));
    auto outcomes = store->process_inbox(std::move(work), 3'000);
    REQUIRE(outcomes.size() == 2);
    CHECK_FALSE(outcomes[0].done);
    CHECK_THAT(outcomes[0].error, Catch::Contains("job for sink ''"));
    CHECK(outcomes[1].done);
    // Nothing of the failed message stayed: one lead, one job, both of the good one.
    CHECK(raw_rows(path, "SELECT count(*) FROM leads")[0][0] == "1");
    CHECK(raw_rows(path, "SELECT count(*) FROM jobs")[0][0] == "1");

    auto left = store->pending_inbox(0, 10);
    REQUIRE(left.size() == 1);
    CHECK(left[0].external_message_id == "bad");
    CHECK(left[0].attempts == 1);
    CHECK_THAT(left[0].last_error, Catch::Contains("job for sink ''"));

    SECTION("after kInboxMaxAttempts failures it is given up on, kept, and counted; a retry brings it back") {
        for (int i = 1; i < kInboxMaxAttempts; ++i) store->inbox_failed(left[0].id, "still broken");
        CHECK(store->pending_inbox(0, 10).empty());
        CHECK(store->inbox_counts().failed == 1);
        CHECK(store->inbox_counts().pending == 0);
        CHECK(accept_one(*store, entry("bad")).duplicate);  // still recognised while kept
        CHECK(store->inbox_retry_failed() == 1);
        CHECK(store->pending_inbox(0, 10).size() == 1);
    }
}

TEST_CASE("accept_async: the callback comes after the commit, from one thread many calls share a group") {
    TempDir dir;
    StoreOptions options = options_for(dir.file("leadhub.db"));
    options.group_commit_max_wait_us = 20'000;  // time for all the hand-ins to join one group
    auto store = Store::open(options);
    constexpr int kCalls = 20;
    StoreStats before = store->stats();

    std::mutex mutex;
    std::condition_variable all_done;
    int done = 0;
    std::vector<std::string> seen_on_disk(kCalls);
    std::vector<AcceptResult> results(kCalls);
    for (int i = 0; i < kCalls; ++i) {
        std::vector<InboxEntry> entries;
        entries.push_back(entry("async-" + std::to_string(i % (kCalls / 2))));  // every id twice
        store->accept_async(std::move(entries), 2'000,
                            // On the writer thread: record only (Catch's assertions are for this one).
                            [&, i](std::vector<AcceptResult> r, std::exception_ptr error) {
                                std::string on_disk = error ? "error" : r.size() != 1 ? "results: " + std::to_string(r.size()) : "";
                                if (on_disk.empty()) {
                                    // Another connection sees the row already: the group is committed.
                                    sqlite3* db = nullptr;
                                    sqlite3_open(options.path.c_str(), &db);
                                    std::string sql = "SELECT count(*) FROM inbox WHERE external_message_id = 'async-" +
                                                      std::to_string(i % (kCalls / 2)) + "'";
                                    sqlite3_stmt* stmt = nullptr;
                                    sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr);
                                    on_disk = sqlite3_step(stmt) == SQLITE_ROW ? std::to_string(sqlite3_column_int(stmt, 0)) : "no row";
                                    sqlite3_finalize(stmt);
                                    sqlite3_close(db);
                                }
                                std::lock_guard lock(mutex);
                                if (!error && r.size() == 1) results[i] = r[0];
                                seen_on_disk[i] = on_disk;
                                ++done;
                                all_done.notify_all();
                            });
    }
    {
        std::unique_lock lock(mutex);
        REQUIRE(all_done.wait_for(lock, std::chrono::seconds(30), [&] { return done == kCalls; }));
    }
    int duplicates = 0;
    for (int i = 0; i < kCalls; ++i) {
        CHECK(seen_on_disk[i] == "1");
        if (results[i].duplicate) ++duplicates;
        else CHECK(results[i].inbox_id > 0);
    }
    CHECK(duplicates == kCalls / 2);
    StoreStats after = store->stats();
    CHECK(after.write_calls - before.write_calls == kCalls);
    // No caller waited, so the hand-ins queued while the writer gathered: far fewer commits.
    CHECK((after.transactions - before.transactions) * 4 <= kCalls);
}

TEST_CASE("accept_async: a failed commit reaches the callback as the store's error, and nothing is stored") {
    TempDir dir;
    StoreOptions options = options_for(dir.file("leadhub.db"));
    options.busy_timeout_ms = 100;
    auto store = Store::open(options);
    sqlite3* other = nullptr;
    REQUIRE(sqlite3_open(options.path.c_str(), &other) == SQLITE_OK);
    REQUIRE(sqlite3_exec(other, "BEGIN IMMEDIATE; INSERT INTO plugin_state VALUES ('x', 'y', 'z');", nullptr, nullptr,
                         nullptr) == SQLITE_OK);

    std::promise<std::string> outcome;
    std::vector<InboxEntry> entries;
    entries.push_back(entry("locked-1"));
    store->accept_async(std::move(entries), 2'000, [&](std::vector<AcceptResult> r, std::exception_ptr error) {
        std::string text = "no error, " + std::to_string(r.size()) + " results";
        if (error) {
            try {
                std::rethrow_exception(error);
            } catch (const StoreError& e) {
                text = e.what();
            }
        }
        outcome.set_value(text);
    });
    auto future = outcome.get_future();
    REQUIRE(future.wait_for(std::chrono::seconds(30)) == std::future_status::ready);
    CHECK_THAT(future.get(), Catch::Contains(options.path) && Catch::Contains("locked"));
    REQUIRE(sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(other);
    CHECK(raw_rows(options.path, "SELECT count(*) FROM inbox").at(0).at(0) == "0");
    CHECK_FALSE(accept_one(*store, entry("locked-1")).duplicate);
}
