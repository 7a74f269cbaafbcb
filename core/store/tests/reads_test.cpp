#include "store_fixture.hpp"

#include <catch2/catch.hpp>

using namespace leadhub::store;
using namespace leadhub::store::testing;

TEST_CASE("leads come newest first, filtered by tenant, within the limit") {
    TempDir dir;
    auto store = Store::open(options_for(dir.file("leadhub.db")));
    int64_t s1 = ingest_one(*store, item(message("salon", "tg", "1")), 1'000).lead_id;
    int64_t c1 = ingest_one(*store, item(message("clinic", "tg", "1")), 2'000).lead_id;
    int64_t s2 = ingest_one(*store, item(message("salon", "tg", "2")), 3'000).lead_id;

    auto ids = [](const std::vector<Lead>& leads) {
        std::vector<int64_t> out;
        for (const Lead& lead : leads) out.push_back(lead.id);
        return out;
    };
    CHECK(ids(store->leads("", 10)) == std::vector<int64_t>{s2, c1, s1});
    CHECK(ids(store->leads("salon", 10)) == std::vector<int64_t>{s2, s1});
    CHECK(ids(store->leads("salon", 1)) == std::vector<int64_t>{s2});
    CHECK(ids(store->leads("clinic", 10)) == std::vector<int64_t>{c1});
    CHECK(store->leads("nobody", 10).empty());
    CHECK(store->leads("", 0).empty());
    CHECK_FALSE(store->lead(999'999));
    CHECK(store->leads("salon", 10).at(1).created_at_ms == 1'000);
}

TEST_CASE("queue depths count pending jobs per tenant and sink") {
    TempDir dir;
    auto store = Store::open(options_for(dir.file("leadhub.db")));
    CHECK(store->queue_depths().empty());
    auto a = ingest_one(*store, item(message("salon", "tg", "1"), {job_for("crm"), job_for("sheet")}));
    auto b = ingest_one(*store, item(message("salon", "tg", "2"), {job_for("crm"), job_for("sheet")}));
    ingest_one(*store, item(message("clinic", "tg", "1"), {job_for("crm", 99'000'000)}));
    store->job_succeeded(a.job_ids.at(1), 1, "", 20'000);
    store->job_dead(b.job_ids.at(1), 1, "bad", 20'000);
    store->job_retry(a.job_ids.at(0), 1, 90'000, "timeout", 20'000);

    using Depths = std::vector<std::pair<std::string, int64_t>>;
    CHECK(store->queue_depths() == Depths{{"clinic/crm", 1}, {"salon/crm", 2}});
}

TEST_CASE("plugin state is read back, overwritten, and kept apart per scope") {
    TempDir dir;
    auto store = Store::open(options_for(dir.file("leadhub.db")));
    CHECK_FALSE(store->state_get("salon/tg", "offset"));
    store->state_put("salon/tg", "offset", "100");
    store->state_put("clinic/tg", "offset", "7");
    CHECK(store->state_get("salon/tg", "offset") == "100");
    store->state_put("salon/tg", "offset", "101");
    CHECK(store->state_get("salon/tg", "offset") == "101");
    CHECK(store->state_get("clinic/tg", "offset") == "7");
    CHECK_FALSE(store->state_get("salon/tg", "token"));
    store->state_put("salon/tg", "empty", "");
    CHECK(store->state_get("salon/tg", "empty") == "");
    std::string binary("a\0b", 3);
    store->state_put("salon/tg", "binary", binary);
    CHECK(store->state_get("salon/tg", "binary") == binary);
}
