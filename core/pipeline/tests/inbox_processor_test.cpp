// The two stages of ingestion on a real store: accept() makes a message durable without reading
// it; the InboxProcessor turns it into a lead with its jobs, also after a restart, and keeps
// messages it cannot process.
#include "pipeline/burst_pacing.hpp"
#include "pipeline/inbox_processor.hpp"
#include "pipeline_support.hpp"

#include <leadhub/sdk/testing/eventually.hpp>
#include <catch2/catch.hpp>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

using namespace leadhub;
using namespace leadhub::pipeline;

namespace {

constexpr int64_t kNow = 1'773'032'400'000;  // 2026-03-09T05:00:00Z

// The salon with one sink, crm, that every lead goes to.
config::TenantConfig tenant_routing_all_to_crm() {
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

using leadhub::sdk::testing::eventually;  // the test kit's polling, the one of every test

}  // namespace

TEST_CASE("accept stores the raw message; the processor makes it a lead with its jobs") {
    testing::TempDir dir;
    auto store = open_store(dir.file("leadhub.db"));
    auto tenant = std::make_shared<const config::TenantConfig>(tenant_routing_all_to_crm());

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
    REQUIRE(eventually([&] { return store->leads("", 10).size() == 2; }));
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
    auto tenant = std::make_shared<const config::TenantConfig>(tenant_routing_all_to_crm());
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
    auto tenant = std::make_shared<const config::TenantConfig>(tenant_routing_all_to_crm());
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
    auto tenant = tenant_routing_all_to_crm();
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

TEST_CASE("the writer counts as saturated when its groups average the threshold") {
    store::StoreStats before{100, 10, 0};
    CHECK(writer_saturated(before, {100 + 160, 20, 0}, 16) == true);   // 160 calls in 10 groups
    CHECK(writer_saturated(before, {100 + 159, 20, 0}, 16) == false);
    CHECK(writer_saturated(before, {100 + 2, 12, 0}, 16) == false);    // a salon's pace: 1 a group
    CHECK(writer_saturated(before, {100 + 1, 11, 0}, 16) == std::nullopt);  // only the batch's own group
    CHECK(writer_saturated(before, before, 16) == std::nullopt);       // nothing committed
    CHECK(writer_saturated(before, {1000, 30, 0}, 0) == false);        // pacing switched off
}

TEST_CASE("under a burst that saturates the writer, leads are paced but keep coming; the rest follow") {
    testing::TempDir dir;
    auto store = open_store(dir.file("leadhub.db"));
    auto tenant = std::make_shared<const config::TenantConfig>(tenant_routing_all_to_crm());
    std::atomic<std::size_t> made{0};
    InboxProcessor::Options options;
    options.batch = 8;
    options.saturated_group = 16;
    options.saturated_interval = std::chrono::milliseconds(100);
    // The pauses below are 20 ms, but on a loaded test machine one round's commit can take far
    // longer: a wide window keeps the burst "flowing" (else a batch of idle size would start).
    options.acks_flowing_within = std::chrono::seconds(2);
    InboxProcessor processor(
        *store, lookup_of(tenant), [&](const IngestSummary& s) { made += s.stored; }, [] { return kNow; }, options);
    processor.start();

    // Acknowledgements as the HTTP front makes them under a burst: 64 at once, each notifying
    // the processor, so the writer commits groups of dozens. A short pause between them keeps
    // the backlog small enough to drain quickly on a busy test machine.
    std::size_t accepted = 0;
    auto started = std::chrono::steady_clock::now();
    auto elapsed = [&] { return std::chrono::steady_clock::now() - started; };
    int next_id = 0;
    // At least 0.6 s of burst, and until two batches were made in it (or 20 s: the check below fails).
    while (elapsed() < std::chrono::milliseconds(600) || (made < 16 && elapsed() < std::chrono::seconds(20))) {
        std::mutex mutex;
        std::condition_variable done;
        int outstanding = 64;
        for (int i = 0; i < 64; ++i) {
            std::string id = "b-" + std::to_string(next_id++);
            accept_async(*store, tenant->id, "site", {form(id, "+7913" + std::to_string(1000000 + next_id))}, kNow,
                         [&](AcceptSummary s, std::exception_ptr error) {
                             if (!error) processor.notify();
                             std::lock_guard lock(mutex);
                             accepted += s.accepted;
                             if (--outstanding == 0) done.notify_one();
                         });
        }
        std::unique_lock lock(mutex);
        done.wait(lock, [&] { return outstanding == 0; });
        lock.unlock();
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    auto burst = std::chrono::duration_cast<std::chrono::milliseconds>(elapsed());
    std::size_t made_in_burst = made;
    INFO("burst of " << burst.count() << " ms: " << accepted << " accepted, " << made_in_burst << " made into leads");
    CHECK(made_in_burst >= 16);  // never starved
    // About one batch of 8 per 100 ms (and one in progress at each end); twice that as slack for
    // a loaded test machine, where a preempted flood splits its 64 into small groups now and
    // then and a window reads as unsaturated. Unpaced, nearly the whole burst is made during it
    // (~1600 of ~1650).
    CHECK(made_in_burst <= 2 * 8 * (std::size_t(burst.count()) / 100 + 2));
    CHECK(accepted > made_in_burst * 4);  // most of the burst is still in the inbox

    // Once the acknowledgements stop, the backlog is made at full speed.
    auto drained = [&] { return store->inbox_counts().pending == 0; };
    for (int i = 0; i < 6 && !drained(); ++i) eventually(drained);  // up to 30 s
    REQUIRE(drained());
    processor.stop();
    CHECK(made == accepted);
}
