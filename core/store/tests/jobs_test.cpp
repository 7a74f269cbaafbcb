#include "store_fixture.hpp"

#include <catch2/catch.hpp>

using namespace leadhub::store;
using namespace leadhub::store::testing;

TEST_CASE("due jobs come oldest due first, within the limit, without the excluded ones") {
    TempDir dir;
    auto store = Store::open(options_for(dir.file("leadhub.db")));
    CHECK(store->due_jobs(1'000'000, 10).empty());
    CHECK_FALSE(store->next_due_at());

    // Due at 300, 100, 200 (in that order of creation), and one not before 5000.
    auto r = ingest_one(*store, item(message("salon", "tg", "m1"),
                                     {job_for("a", 300), job_for("b", 100), job_for("c", 200), job_for("d", 5'000)}),
                        50);
    const auto& ids = r.job_ids;
    REQUIRE(ids.size() == 4);

    CHECK(ids_of(store->due_jobs(1'000, 10)) == std::vector<int64_t>{ids[1], ids[2], ids[0]});
    CHECK(ids_of(store->due_jobs(150, 10)) == std::vector<int64_t>{ids[1]});
    CHECK(ids_of(store->due_jobs(1'000, 2)) == std::vector<int64_t>{ids[1], ids[2]});
    CHECK(ids_of(store->due_jobs(1'000, 2, {ids[1]})) == std::vector<int64_t>{ids[2], ids[0]});
    CHECK(ids_of(store->due_jobs(1'000, 10, {ids[1], ids[2], ids[0]})).empty());
    CHECK(store->due_jobs(1'000, 0).empty());
    CHECK(ids_of(store->due_jobs(5'000, 10)) == std::vector<int64_t>{ids[1], ids[2], ids[0], ids[3]});
    CHECK(store->next_due_at() == 100);
}

TEST_CASE("a job moves through retry, success and death") {
    TempDir dir;
    auto store = Store::open(options_for(dir.file("leadhub.db")));
    auto r = ingest_one(*store, item(message("salon", "tg", "m1"), {job_for("crm"), job_for("sheet")}), 1'000);
    int64_t crm = r.job_ids.at(0), sheet = r.job_ids.at(1);
    std::string key = store->job(crm)->idempotency_key;

    SECTION("a retry is scheduled in the future and not due before then") {
        store->job_retry(crm, 1, 61'000, "HTTP 503 от Bitrix24", 1'500);
        auto job = store->job(crm);
        REQUIRE(job);
        CHECK(job->status == JobStatus::pending);
        CHECK(job->attempts == 1);
        CHECK(job->next_attempt_at_ms == 61'000);
        CHECK(job->last_error == "HTTP 503 от Bitrix24");
        CHECK(job->updated_at_ms == 1'500);
        CHECK(job->idempotency_key == key);
        CHECK(ids_of(store->due_jobs(2'000, 10)) == std::vector<int64_t>{sheet});
        CHECK(ids_of(store->due_jobs(61'000, 10)) == std::vector<int64_t>{sheet, crm});
        store->job_succeeded(sheet, 1, "", 1'600);
        CHECK(store->next_due_at() == 61'000);
    }
    SECTION("success records the external id and the job is no longer due") {
        store->job_succeeded(crm, 2, "bitrix-lead-991", 2'000);
        auto job = store->job(crm);
        REQUIRE(job);
        CHECK(job->status == JobStatus::done);
        CHECK(job->attempts == 2);
        CHECK(job->external_id == "bitrix-lead-991");
        CHECK(ids_of(store->due_jobs(1'000'000, 10)) == std::vector<int64_t>{sheet});
        store->job_succeeded(sheet, 1, "", 2'000);
        CHECK_FALSE(store->next_due_at());
        CHECK(store->due_jobs(1'000'000, 10).empty());
    }
    SECTION("death records the reason and the job is no longer due") {
        store->job_dead(crm, 3, "400: неверный телефон", 3'000);
        auto job = store->job(crm);
        REQUIRE(job);
        CHECK(job->status == JobStatus::dead);
        CHECK(job->attempts == 3);
        CHECK(job->last_error == "400: неверный телефон");
        CHECK(ids_of(store->due_jobs(1'000'000, 10)) == std::vector<int64_t>{sheet});
    }
    SECTION("every outcome is kept in the job's history") {
        store->job_retry(crm, 1, 5'000, "timeout", 2'000);
        store->job_dead(crm, 2, "401 unauthorized", 6'000);
        auto history = store->job_history(crm);
        REQUIRE(history.size() == 2);
        CHECK(history[0].event == "retry");
        CHECK(history[0].detail == "timeout");
        CHECK(history[0].attempts == 1);
        CHECK(history[0].at_ms == 2'000);
        CHECK(history[1].event == "dead");
        CHECK(history[1].detail == "401 unauthorized");
        CHECK(store->job_history(sheet).empty());
    }
}

TEST_CASE("an outcome for a job that is not pending is refused") {
    TempDir dir;
    auto store = Store::open(options_for(dir.file("leadhub.db")));
    int64_t id = ingest_one(*store, item(message("salon", "tg", "m1"), {job_for("crm")})).job_ids.at(0);
    store->job_succeeded(id, 1, "ext-1", 2'000);

    CHECK_THROWS_WITH(store->job_retry(id, 2, 9'000, "late", 3'000), Catch::Contains("is done, not pending"));
    CHECK_THROWS_WITH(store->job_dead(id, 2, "late", 3'000), Catch::Contains("is done, not pending"));
    CHECK_THROWS_WITH(store->job_succeeded(id, 2, "ext-2", 3'000), Catch::Contains("is done, not pending"));
    CHECK_THROWS_WITH(store->job_succeeded(424242, 1, "x", 3'000), Catch::Contains("no job 424242"));
    auto job = store->job(id);
    REQUIRE(job);
    CHECK(job->external_id == "ext-1");
    CHECK(job->attempts == 1);
    CHECK_FALSE(store->job(424242));
    CHECK(store->job_history(id).size() == 1);
}
