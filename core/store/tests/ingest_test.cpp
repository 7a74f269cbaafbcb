#include "store_fixture.hpp"

#include <catch2/catch.hpp>

using namespace leadhub::store;
using namespace leadhub::store::testing;

TEST_CASE("ingest stores the lead with every field and its jobs with stable keys") {
    TempDir dir;
    auto store = Store::open(options_for(dir.file("leadhub.db")));
    InboundMessage m = message("salon", "tg-bot", "msg-1");
    m.external_user_id = "u-77";
    m.name = "Анна";
    m.phone = "+79161234567";
    m.email = "anna@example.ru";
    m.utm = {{"utm_source", "yandex"}, {"utm_campaign", "spring"}};
    m.extra = {{"chat_id", 12345}};
    JobSpec later = job_for("sheet", 50'000);
    later.kind = "notice";
    later.payload = {{"template", "new_lead"}};

    IngestResult result = ingest_one(*store, item(m, {job_for("bitrix"), later}), 20'000);
    CHECK_FALSE(result.duplicate);
    CHECK(result.lead_id > 0);
    REQUIRE(result.job_ids.size() == 2);
    CHECK(result.job_ids[0] != result.job_ids[1]);

    auto lead = store->lead(result.lead_id);
    REQUIRE(lead);
    CHECK(lead->tenant == "salon");
    CHECK(lead->source == "tg-bot");
    CHECK(lead->channel == "telegram");
    CHECK(lead->external_user_id == "u-77");
    CHECK(lead->external_message_id == "msg-1");
    CHECK(lead->name == "Анна");
    CHECK(lead->phone == "+79161234567");
    CHECK(lead->email == "anna@example.ru");
    CHECK(lead->text == m.text);
    CHECK(lead->utm == m.utm);
    CHECK(lead->extra == m.extra);
    CHECK(lead->created_at_ms == 20'000);

    auto first = store->job(result.job_ids[0]);
    REQUIRE(first);
    CHECK(first->tenant == "salon");
    CHECK(first->sink == "bitrix");
    CHECK(first->kind == "lead");
    CHECK(first->lead_id == result.lead_id);
    CHECK(first->status == JobStatus::pending);
    CHECK(first->attempts == 0);
    CHECK(first->next_attempt_at_ms == 20'000);  // due at once
    CHECK(first->created_at_ms == 20'000);
    CHECK(first->idempotency_key == "lh-salon-" + std::to_string(first->id));

    auto second = store->job(result.job_ids[1]);
    REQUIRE(second);
    CHECK(second->kind == "notice");
    CHECK(second->payload == later.payload);
    CHECK(second->next_attempt_at_ms == 50'000);
    CHECK(second->idempotency_key == "lh-salon-" + std::to_string(second->id));
}

TEST_CASE("a repeated message id of the same tenant and source writes nothing new") {
    TempDir dir;
    auto store = Store::open(options_for(dir.file("leadhub.db")));
    IngestResult first = ingest_one(*store, item(message("salon", "tg", "m1"), {job_for("crm")}));
    IngestResult again = ingest_one(*store, item(message("salon", "tg", "m1"), {job_for("crm"), job_for("sheet")}));
    CHECK(again.duplicate);
    CHECK(again.lead_id == first.lead_id);
    CHECK(again.job_ids.empty());
    CHECK(store->leads("", 100).size() == 1);
    CHECK(store->due_jobs(1'000'000, 100).size() == 1);
}

TEST_CASE("the same message id from another source or tenant is a new lead") {
    TempDir dir;
    auto store = Store::open(options_for(dir.file("leadhub.db")));
    IngestResult original = ingest_one(*store, item(message("salon", "tg", "m1")));
    IngestResult other_source = ingest_one(*store, item(message("salon", "wa", "m1")));
    IngestResult other_tenant = ingest_one(*store, item(message("clinic", "tg", "m1")));
    CHECK_FALSE(other_source.duplicate);
    CHECK_FALSE(other_tenant.duplicate);
    CHECK(other_source.lead_id != original.lead_id);
    CHECK(other_tenant.lead_id != original.lead_id);
    CHECK(other_tenant.lead_id != other_source.lead_id);
    CHECK(store->leads("", 100).size() == 3);
}

TEST_CASE("messages without an id never collide") {
    TempDir dir;
    auto store = Store::open(options_for(dir.file("leadhub.db")));
    IngestResult a = ingest_one(*store, item(message("salon", "form", std::nullopt), {job_for("crm")}));
    IngestResult b = ingest_one(*store, item(message("salon", "form", std::nullopt), {job_for("crm")}));
    CHECK_FALSE(a.duplicate);
    CHECK_FALSE(b.duplicate);
    CHECK(a.lead_id != b.lead_id);
    CHECK(store->due_jobs(1'000'000, 100).size() == 2);
}

TEST_CASE("items of one call are stored together, and a repeat inside the call is recognised") {
    TempDir dir;
    auto store = Store::open(options_for(dir.file("leadhub.db")));
    std::vector<IngestItem> items;
    items.push_back(item(message("salon", "tg", "m1"), {job_for("crm")}));
    items.push_back(item(message("salon", "tg", "m2"), {job_for("crm")}));
    items.push_back(item(message("salon", "tg", "m1"), {job_for("crm")}));
    auto results = store->ingest(std::move(items), 5'000);
    REQUIRE(results.size() == 3);
    CHECK_FALSE(results[0].duplicate);
    CHECK_FALSE(results[1].duplicate);
    CHECK(results[2].duplicate);
    CHECK(results[2].lead_id == results[0].lead_id);
    CHECK(results[0].lead_id != results[1].lead_id);
    CHECK(store->due_jobs(1'000'000, 100).size() == 2);
    CHECK(store->ingest({}, 5'000).empty());
}

TEST_CASE("bad input is refused with a clear error, and nothing of that call is stored") {
    TempDir dir;
    auto store = Store::open(options_for(dir.file("leadhub.db")));
    std::vector<IngestItem> items;
    items.push_back(item(message("salon", "tg", "good-1"), {job_for("crm")}));
    IngestItem bad = item(message("salon", "tg", "bad-1"));
    std::string expected;
    SECTION("a job of an unknown kind") {
        JobSpec spec = job_for("crm");
        spec.kind = "telegram";
        bad.jobs.push_back(spec);
        expected = "'telegram' job for sink 'crm'";
    }
    SECTION("a job payload that is not an object") {
        JobSpec spec = job_for("crm");
        spec.payload = Json::array({1, 2});
        bad.jobs.push_back(spec);
        expected = "job for sink 'crm'";
    }
    SECTION("a job without a sink") {
        bad.jobs.push_back(job_for(""));
        expected = "job for sink ''";
    }
    SECTION("utm that is not an object") {
        bad.message.utm = "yandex";
        expected = "a message from salon/tg";
    }
    SECTION("a message without a tenant") {
        bad.message.tenant = "";
        expected = "a message from /tg";
    }
    items.push_back(std::move(bad));
    try {
        store->ingest(std::move(items), 5'000);
        FAIL("the bad item was accepted");
    } catch (const StoreError& e) {
        CHECK_THAT(e.what(), Catch::Contains(expected));
        CHECK_THAT(e.what(), Catch::Contains("CHECK constraint failed"));
    }
    CHECK(store->leads("", 100).empty());
    CHECK_FALSE(store->next_due_at());
    // The good message of the refused call was not stored: sent again, it is not a duplicate.
    CHECK_FALSE(ingest_one(*store, item(message("salon", "tg", "good-1"))).duplicate);
}
