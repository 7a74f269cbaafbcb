#include "store_fixture.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace leadhub::store;
using namespace leadhub::store::testing;

namespace {

// Three dead jobs: salon's crm (died at 2000), clinic's crm (3000), salon's sheet (4000);
// and one pending job of salon that is not dead.
struct DeadLetters {
    TempDir dir;
    std::unique_ptr<Store> store = Store::open(options_for(dir.file("leadhub.db")));
    int64_t salon_crm = 0, salon_sheet = 0, salon_pending = 0, clinic_crm = 0;

    DeadLetters() {
        auto salon = ingest_one(*store, item(message("salon", "tg", "s1"), {job_for("crm"), job_for("sheet"), job_for("tg")}), 1'000);
        auto clinic = ingest_one(*store, item(message("clinic", "tg", "c1"), {job_for("crm")}), 1'000);
        salon_crm = salon.job_ids.at(0);
        salon_sheet = salon.job_ids.at(1);
        salon_pending = salon.job_ids.at(2);
        clinic_crm = clinic.job_ids.at(0);
        store->job_dead(salon_crm, 5, "телефон не прошёл проверку", 2'000);
        store->job_dead(clinic_crm, 1, "401: токен отозван", 3'000);
        store->job_dead(salon_sheet, 8, "429 too many requests", 4'000);
    }
};

}  // namespace

TEST_CASE("dead letters come newest first with their reason, per tenant and within the limit") {
    DeadLetters f;
    auto all = f.store->dead_letters("", 10);
    CHECK(ids_of(all) == std::vector<int64_t>{f.salon_sheet, f.clinic_crm, f.salon_crm});
    REQUIRE(all.size() == 3);
    CHECK(all[0].last_error == "429 too many requests");
    CHECK(all[1].last_error == "401: токен отозван");
    CHECK(all[2].last_error == "телефон не прошёл проверку");
    CHECK(ids_of(f.store->dead_letters("salon", 10)) == std::vector<int64_t>{f.salon_sheet, f.salon_crm});
    CHECK(ids_of(f.store->dead_letters("", 1)) == std::vector<int64_t>{f.salon_sheet});
    CHECK(f.store->dead_letters("nobody", 10).empty());
}

TEST_CASE("replay makes a dead job due now, with the same idempotency key") {
    DeadLetters f;
    auto before = f.store->job(f.salon_crm);
    REQUIRE(before);
    CHECK(f.store->replay(f.salon_crm, 9'000));
    auto after = f.store->job(f.salon_crm);
    REQUIRE(after);
    CHECK(after->status == JobStatus::pending);
    CHECK(after->idempotency_key == before->idempotency_key);
    CHECK(after->next_attempt_at_ms == 9'000);
    CHECK(after->attempts == 0);
    CHECK(after->last_error == "телефон не прошёл проверку");
    auto due = ids_of(f.store->due_jobs(9'000, 10));
    CHECK(std::find(due.begin(), due.end(), f.salon_crm) != due.end());
    CHECK(ids_of(f.store->dead_letters("", 10)) == std::vector<int64_t>{f.salon_sheet, f.clinic_crm});

    auto history = f.store->job_history(f.salon_crm);
    REQUIRE(history.size() == 2);
    CHECK(history[1].event == "replayed");
    CHECK(history[1].attempts == 5);
    CHECK(history[1].detail == "телефон не прошёл проверку");

    // Replayed and dead again: the job can die and be replayed any number of times.
    f.store->job_dead(f.salon_crm, 1, "снова ошибка", 9'500);
    CHECK(f.store->replay(f.salon_crm, 10'000));
    CHECK(f.store->job(f.salon_crm)->idempotency_key == before->idempotency_key);
}

TEST_CASE("replay of a job that is not dead returns false and changes nothing") {
    DeadLetters f;
    CHECK(f.store->replay(f.salon_crm, 9'000));
    CHECK_FALSE(f.store->replay(f.salon_crm, 9'500));  // pending now
    CHECK_FALSE(f.store->replay(f.salon_pending, 9'500));
    CHECK_FALSE(f.store->replay(987654, 9'500));
    f.store->job_succeeded(f.salon_pending, 1, "ok", 9'600);
    CHECK_FALSE(f.store->replay(f.salon_pending, 9'700));
    CHECK(f.store->job(f.salon_pending)->status == JobStatus::done);
    CHECK(f.store->job(f.salon_crm)->next_attempt_at_ms == 9'000);
}

TEST_CASE("replay_all replays the dead jobs of one tenant, or of all") {
    DeadLetters f;
    std::string key = f.store->job(f.clinic_crm)->idempotency_key;
    CHECK(f.store->replay_all("salon", 9'000) == 2);
    CHECK(ids_of(f.store->dead_letters("", 10)) == std::vector<int64_t>{f.clinic_crm});
    CHECK(f.store->replay_all("salon", 9'000) == 0);
    CHECK(f.store->replay_all("", 9'100) == 1);
    CHECK(f.store->dead_letters("", 10).empty());
    auto clinic = f.store->job(f.clinic_crm);
    REQUIRE(clinic);
    CHECK(clinic->idempotency_key == key);
    CHECK(clinic->status == JobStatus::pending);
    CHECK(clinic->next_attempt_at_ms == 9'100);
    CHECK(f.store->due_jobs(9'100, 10).size() == 4);
    CHECK(f.store->job_history(f.clinic_crm).back().event == "replayed");
}
