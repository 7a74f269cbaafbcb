#include "store_fixture.hpp"

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>

using namespace leadhub::store;
using namespace leadhub::store::testing;

TEST_CASE("16 threads x 200 ingests get distinct leads in far fewer transactions") {
    TempDir dir;
    auto store = Store::open(options_for(dir.file("leadhub.db")));
    constexpr int kThreads = 16;
    constexpr int kCallsPerThread = 200;
    StoreStats before = store->stats();

    std::mutex ids_mutex;
    std::set<int64_t> lead_ids, job_ids;
    std::atomic<int> errors{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kCallsPerThread; ++i) {
                try {
                    std::string id = std::to_string(t) + "-" + std::to_string(i);
                    IngestResult r = ingest_one(*store, item(message("salon", "tg", id), {job_for("crm")}));
                    std::lock_guard lock(ids_mutex);
                    lead_ids.insert(r.lead_id);
                    job_ids.insert(r.job_ids.at(0));
                } catch (const std::exception&) {
                    ++errors;
                }
            }
        });
    }
    for (auto& thread : threads) thread.join();

    constexpr std::size_t kCalls = kThreads * kCallsPerThread;
    CHECK(errors == 0);
    CHECK(lead_ids.size() == kCalls);
    CHECK(job_ids.size() == kCalls);
    CHECK(store->leads("", kCalls * 2).size() == kCalls);
    StoreStats after = store->stats();
    CHECK(after.write_calls - before.write_calls == kCalls);
    CHECK(after.failed_calls == before.failed_calls);
    uint64_t transactions = after.transactions - before.transactions;
    INFO("transactions: " << transactions << " for " << kCalls << " calls");
    CHECK(transactions > 0);
    CHECK(transactions * 4 <= kCalls);
}

TEST_CASE("callers left over from a full group are committed in the next ones and all woken") {
    // Groups of 3 for 12 threads: most hand-ins find the queue longer than one group, so callers
    // wait across several commits (and move to the other condition variable) before theirs.
    TempDir dir;
    StoreOptions options = options_for(dir.file("leadhub.db"));
    options.group_commit_max_size = 3;
    auto store = Store::open(options);
    constexpr int kThreads = 12;
    constexpr int kCallsPerThread = 40;
    StoreStats before = store->stats();

    std::atomic<int> finished{0}, errors{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kCallsPerThread; ++i) {
                try {
                    ingest_one(*store, item(message("salon", "tg", std::to_string(t) + "-" + std::to_string(i))));
                } catch (const std::exception&) {
                    ++errors;
                }
            }
            ++finished;
        });
    }
    // A caller the writer never wakes would hang: give up after 60 s with a failure instead.
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (finished < kThreads && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    REQUIRE(finished == kThreads);
    for (auto& thread : threads) thread.join();

    constexpr std::size_t kCalls = kThreads * kCallsPerThread;
    CHECK(errors == 0);
    CHECK(store->leads("", kCalls * 2).size() == kCalls);
    StoreStats after = store->stats();
    CHECK(after.write_calls - before.write_calls == kCalls);
    // No group is larger than 3 calls.
    CHECK((after.transactions - before.transactions) * 3 >= kCalls);
}

TEST_CASE("a failing write in a group fails only its own caller") {
    TempDir dir;
    StoreOptions options = options_for(dir.file("leadhub.db"));
    constexpr int kCalls = 5;
    // The writer waits (up to 10 s) until all five calls are queued, so they form one group.
    options.group_commit_max_size = kCalls;
    options.group_commit_max_wait_us = 10'000'000;
    auto store = Store::open(options);
    StoreStats before = store->stats();

    std::vector<std::string> outcomes(kCalls);
    std::vector<std::thread> threads;
    for (int t = 0; t < kCalls; ++t) {
        threads.emplace_back([&, t] {
            std::vector<IngestItem> items;
            items.push_back(item(message("salon", "tg", "call-" + std::to_string(t)), {job_for("crm")}));
            if (t == 2) {
                // The second item fails after the first was written: the savepoint undoes both.
                JobSpec broken = job_for("crm");
                broken.kind = "bogus";
                items.push_back(item(message("salon", "tg", "call-2-extra"), {broken}));
            }
            try {
                auto results = store->ingest(std::move(items), 7'000);
                outcomes[t] = results.at(0).duplicate ? "duplicate" : "stored";
            } catch (const StoreError& e) {
                outcomes[t] = std::string("error: ") + e.what();
            }
        });
    }
    for (auto& thread : threads) thread.join();

    StoreStats after = store->stats();
    CHECK(after.transactions - before.transactions == 1);
    CHECK(after.write_calls - before.write_calls == kCalls);
    CHECK(after.failed_calls - before.failed_calls == 1);
    for (int t = 0; t < kCalls; ++t) {
        INFO("call " << t << ": " << outcomes[t]);
        if (t == 2)
            CHECK_THAT(outcomes[t], Catch::Contains("error: ") && Catch::Contains("'bogus' job"));
        else
            CHECK(outcomes[t] == "stored");
    }
    CHECK(store->leads("", 100).size() == kCalls - 1);
    CHECK(store->due_jobs(1'000'000, 100).size() == kCalls - 1);
    // Nothing of the failed call stayed: its first message is new when sent again.
    store = nullptr;
    options.group_commit_max_wait_us = 0;
    store = Store::open(options);
    CHECK_FALSE(ingest_one(*store, item(message("salon", "tg", "call-2"))).duplicate);
}

TEST_CASE("while another program holds the write lock, reads go on and writes fail cleanly") {
    TempDir dir;
    StoreOptions options = options_for(dir.file("leadhub.db"));
    options.busy_timeout_ms = 100;
    auto store = Store::open(options);
    IngestResult stored = ingest_one(*store, item(message("salon", "tg", "m1"), {job_for("crm")}));

    sqlite3* other = nullptr;
    REQUIRE(sqlite3_open(options.path.c_str(), &other) == SQLITE_OK);
    REQUIRE(sqlite3_exec(other, "BEGIN IMMEDIATE; INSERT INTO plugin_state VALUES ('x', 'y', 'z');", nullptr,
                         nullptr, nullptr) == SQLITE_OK);

    // WAL: readers are not blocked by a writer.
    CHECK(store->lead(stored.lead_id));
    CHECK(store->due_jobs(1'000'000, 10).size() == 1);
    // The group cannot begin its transaction: the caller hears it, nothing is half-written.
    CHECK_THROWS_WITH(ingest_one(*store, item(message("salon", "tg", "m2"))),
                      Catch::Contains(options.path) && Catch::Contains("locked"));
    CHECK(store->stats().failed_calls == 1);

    REQUIRE(sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(other);
    CHECK_FALSE(ingest_one(*store, item(message("salon", "tg", "m2"))).duplicate);
    CHECK(store->leads("", 10).size() == 2);
}
