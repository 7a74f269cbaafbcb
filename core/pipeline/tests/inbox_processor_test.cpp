// The two stages of ingestion on a real store: accept() makes a message durable without reading
// it; the InboxProcessor turns it into a lead with its jobs, also after a restart, and keeps
// messages it cannot process.
#include "pipeline/inbox_processor.hpp"
#include "pipeline_support.hpp"

#include <catch2/catch.hpp>

#include <thread>

using namespace leadhub;
using namespace leadhub::pipeline;

namespace {

constexpr int64_t kNow = 1'773'032'400'000;  // 2026-03-09T05:00:00Z

config::TenantConfig routed_tenant() {
    auto t = testing::salon_tenant();
    config::InstanceConfig crm;
    crm.name = "crm";
    crm.kind = config::InstanceKind::sink;
    t.sinks = {crm};
    config::RouteConfig all;
    all.from_any = true;
    all.to = {"crm"};
    t.routes = {all};
    return t;
}

sdk::Message form(std::string id, std::string phone) {
    sdk::Message m;
    m.channel = "webform";
    m.external_message_id = std::move(id);
    m.name = "Анна";
    m.phone = std::move(phone);
    m.text = "Хочу на маникюр завтра в 15:00";
    m.utm = {{"utm_source", "yandex"}};
    return m;
}

std::unique_ptr<store::Store> open_store(const std::string& path) {
    store::StoreOptions options;
    options.path = path;
    return store::Store::open(options);
}

TenantLookup lookup_of(std::shared_ptr<const config::TenantConfig> tenant) {
    return [tenant](const std::string& id) { return id == tenant->id ? tenant : nullptr; };
}

bool wait_until(const std::function<bool()>& done) {
    for (int i = 0; i < 500; ++i) {
        if (done()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return done();
}

}  // namespace

TEST_CASE("accept stores the raw message; the processor makes it a lead with its jobs") {
    testing::TempDir dir;
    auto store = open_store(dir.file("leadhub.db"));
    auto tenant = std::make_shared<const config::TenantConfig>(routed_tenant());

    AcceptSummary accepted = accept(*store, tenant->id, "site", {form("f-1", "+79131234567"), form("f-2", "+79131234568")}, kNow);
    CHECK(accepted.accepted == 2);
    CHECK(accepted.inbox_ids.size() == 2);
    CHECK(store->leads("", 10).empty());  // nothing is read before the answer
    CHECK(accept(*store, tenant->id, "site", {form("f-1", "+79131234567")}, kNow).duplicates == 1);

    std::vector<IngestSummary> batches;
    std::mutex mutex;
    InboxProcessor processor(
        *store, lookup_of(tenant),
        [&](const IngestSummary& s) {
            std::lock_guard lock(mutex);
            batches.push_back(s);
        },
        [] { return kNow + 5; }, {});
    processor.start();
    REQUIRE(wait_until([&] { return store->leads("", 10).size() == 2; }));
    processor.stop();

    auto leads = store->leads("", 10);
    for (const auto& lead : leads) {
        CHECK(lead.reading.intent == "book");
        CHECK(lead.reading.services == std::vector<std::string>{"manicure"});
        CHECK(lead.created_at_ms == kNow + 5);
        CHECK(lead.utm == nlohmann::json{{"utm_source", "yandex"}});
        CHECK(store->lead_messages(lead.id).at(0).received_at_ms == kNow);  // when it was acknowledged
    }
    CHECK(store->queue_depths() == std::vector<std::pair<std::string, int64_t>>{{"lilia/crm", 2}});
    CHECK(store->inbox_counts().pending == 0);
    std::size_t opened = 0;
    for (const auto& b : batches) opened += b.new_leads_by_source.count({"lilia", "site"}) ? b.new_leads_by_source.at({"lilia", "site"}) : 0;
    CHECK(opened == 2);
}

TEST_CASE("rows left by a crash are processed after the restart, once") {
    testing::TempDir dir;
    std::string path = dir.file("leadhub.db");
    auto tenant = std::make_shared<const config::TenantConfig>(routed_tenant());
    {
        auto store = open_store(path);
        accept(*store, tenant->id, "site", {form("f-1", "+79131234567")}, kNow);
    }  // "crashed" before processing
    auto store = open_store(path);
    InboxProcessor processor(*store, lookup_of(tenant), nullptr, [] { return kNow; }, {});
    CHECK(processor.drain() == 1);
    CHECK(processor.drain() == 0);
    REQUIRE(store->leads("", 10).size() == 1);
    CHECK(store->queue_depths() == std::vector<std::pair<std::string, int64_t>>{{"lilia/crm", 1}});
}

TEST_CASE("a message whose tenant is gone or whose stored form is unreadable waits with its error") {
    testing::TempDir dir;
    auto store = open_store(dir.file("leadhub.db"));
    auto tenant = std::make_shared<const config::TenantConfig>(routed_tenant());
    accept(*store, "gone", "site", {form("g-1", "+79131234567")}, kNow);
    std::vector<store::InboxEntry> broken{store::InboxEntry{"lilia", "site", std::string("b-1"), "{not json", kNow}};
    store->accept(std::move(broken), kNow);
    accept(*store, tenant->id, "site", {form("ok-1", "+79131234569")}, kNow);

    std::vector<std::string> errors;
    InboxProcessor processor(
        *store, lookup_of(tenant), [&](const IngestSummary& s) { errors.insert(errors.end(), s.errors.begin(), s.errors.end()); },
        [] { return kNow; }, {});
    CHECK(processor.drain() == 1);  // the good one is not held up by the others
    REQUIRE(errors.size() == 2);
    CHECK_THAT(errors[0], Catch::Contains("tenant 'gone' is not configured"));
    CHECK_THAT(errors[1], Catch::Contains("cannot process the stored message"));
    auto waiting = store->pending_inbox(0, 10);
    REQUIRE(waiting.size() == 2);
    CHECK(waiting[0].attempts == 1);
    CHECK_THAT(waiting[0].last_error, Catch::Contains("not configured"));
    CHECK(store->leads("", 10).size() == 1);
}

TEST_CASE("ingest() accepts and processes at once, and recognises repeats") {
    testing::TempDir dir;
    auto store = open_store(dir.file("leadhub.db"));
    auto tenant = routed_tenant();
    auto first = ingest(*store, tenant, "site", {form("f-1", "+79131234567")}, kNow);
    CHECK(first.stored == 1);
    CHECK(first.new_leads == 1);
    CHECK(first.jobs == 1);
    CHECK(first.waiting == 0);
    CHECK(store->inbox_counts().pending == 0);
    auto repeat = ingest(*store, tenant, "site", {form("f-1", "+79131234567")}, kNow);
    CHECK(repeat.duplicates == 1);
    CHECK(repeat.stored == 0);
    CHECK(store->leads("", 10).size() == 1);
}
