// A stop while a sink is stuck inside its plugin. The dispatcher, the store and the metrics are
// all destroyed before the sink returns; the late return must touch none of them (run these
// under AddressSanitizer to see it), record nothing, and leave the job pending in the store, where
// the next dispatcher delivers it (invariant 5). And the bound on calls inside plugins.
#include <leadhub/sdk/testing/eventually.hpp>
#include <catch2/catch.hpp>

#include "dispatch/dispatcher.hpp"
#include "store/tests/store_fixture.hpp"
#include "wall_clock.hpp"

#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

using namespace leadhub;
using namespace leadhub::store::testing;
using namespace leadhub::dispatch::testing;

namespace {

dispatch::SinkPolicy policy(int64_t timeout_ms) {
    dispatch::SinkPolicy p;
    p.rate_per_second = 1000;
    p.burst = 1000;
    p.concurrency = 1;
    p.timeout_ms = timeout_ms;
    p.backoff = {10, 10, 1, 0};
    return p;
}

// What the test shares with a sink whose thread it does not own: on the heap and held by both,
// so the test can tear everything else down while the sink is still inside deliver().
struct Latch {
    std::mutex mutex;
    std::condition_variable changed;
    int entered = 0;
    int returned = 0;
    bool released = false;
    bool destroyed = false;  // the sink is gone: the delivery thread let go of the last thing it held

    template <class Predicate>
    bool wait(Predicate done, int ms = 5000) {
        std::unique_lock lock(mutex);
        return changed.wait_for(lock, std::chrono::milliseconds(ms), done);
    }
    void release() {
        std::lock_guard lock(mutex);
        released = true;
        changed.notify_all();
    }
};

// Stays inside deliver() until the test releases it, then answers ok.
class HeldSink : public dispatch::SinkTarget {
public:
    HeldSink(dispatch::SinkPolicy policy, std::shared_ptr<Latch> latch) : policy_(policy), latch_(std::move(latch)) {}
    ~HeldSink() override {
        std::lock_guard lock(latch_->mutex);
        latch_->destroyed = true;
        latch_->changed.notify_all();
    }
    dispatch::SinkPolicy policy() const override { return policy_; }
    sdk::Outcome deliver(const nlohmann::json&) override {
        std::unique_lock lock(latch_->mutex);
        ++latch_->entered;
        latch_->changed.notify_all();
        latch_->changed.wait(lock, [&] { return latch_->released; });
        ++latch_->returned;
        return sdk::Outcome::ok("late");
    }

private:
    dispatch::SinkPolicy policy_;
    std::shared_ptr<Latch> latch_;
};

class OkSink : public dispatch::SinkTarget {
public:
    dispatch::SinkPolicy policy() const override { return policy(5000); }
    sdk::Outcome deliver(const nlohmann::json&) override { return sdk::Outcome::ok("crm-1"); }

private:
    static dispatch::SinkPolicy policy(int64_t ms) { return ::policy(ms); }
};

dispatch::SinkResolver resolve_to(std::shared_ptr<dispatch::SinkTarget> sink) {
    return [sink](const std::string&, const std::string&) { return sink; };
}

int64_t add_job(store::Store& store, const std::string& sink = "crm") {
    return ingest_one(store, item(message("t1", "site", std::nullopt), {job_for(sink)}), wall_ms()).job_ids.at(0);
}

using leadhub::sdk::testing::eventually;  // the test kit's polling, the one of every test

// Runs a fresh dispatcher with a sink that answers ok on the store at `path` until `job_id` is done.
store::Job deliver_on_next_start(const std::string& path, int64_t job_id) {
    auto store = store::Store::open(options_for(path));
    metrics::Registry metrics;
    dispatch::Dispatcher next(*store, resolve_to(std::make_shared<OkSink>()), metrics, &wall_ms);
    next.start();
    next.notify();
    CHECK(eventually([&] { return store->job(job_id)->status == store::JobStatus::done; }));
    CHECK(next.stop(2000));
    return *store->job(job_id);
}

}  // namespace

TEST_CASE("a stop abandons a call stuck in its sink; its late answer, after everything is destroyed, records nothing") {
    TempDir dir;
    const std::string path = dir.file("d.db");
    auto latch = std::make_shared<Latch>();
    int64_t job_id = 0;
    {
        auto store = store::Store::open(options_for(path));
        auto metrics = std::make_unique<metrics::Registry>();
        auto sink = std::make_shared<HeldSink>(policy(60000), latch);
        auto dispatcher = std::make_unique<dispatch::Dispatcher>(*store, resolve_to(sink), *metrics, &wall_ms);
        sink.reset();  // the dispatcher's resolver and the delivery thread hold it now
        job_id = add_job(*store);
        dispatcher->start();
        dispatcher->notify();
        REQUIRE(latch->wait([&] { return latch->entered == 1; }));

        const auto began = std::chrono::steady_clock::now();
        CHECK_FALSE(dispatcher->stop(100));  // the call is still inside the plugin
        CHECK(std::chrono::steady_clock::now() - began < std::chrono::seconds(2));
        dispatcher.reset();
        metrics.reset();
        store.reset();
    }
    // Only the delivery thread is left, inside the sink. Let it return into a world without its
    // dispatcher, store or metrics.
    latch->release();
    REQUIRE(latch->wait([&] { return latch->destroyed; }));
    CHECK(latch->returned == 1);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));  // the thread's last steps

    // The late "ok" was dropped: the job is as it was before the call, and is delivered next time.
    {
        auto store = store::Store::open(options_for(path));
        auto job = *store->job(job_id);
        CHECK(job.status == store::JobStatus::pending);
        CHECK(job.attempts == 0);
    }
    auto delivered = deliver_on_next_start(path, job_id);
    CHECK(delivered.attempts == 1);
    CHECK(delivered.external_id == "crm-1");
}

TEST_CASE("a call past its timeout counts as one failed attempt; abandoned at the stop, its late answer records nothing") {
    TempDir dir;
    const std::string path = dir.file("d.db");
    auto latch = std::make_shared<Latch>();
    int64_t job_id = 0;
    {
        auto store = store::Store::open(options_for(path));
        auto metrics = std::make_unique<metrics::Registry>();
        auto dispatcher = std::make_unique<dispatch::Dispatcher>(
            *store, resolve_to(std::make_shared<HeldSink>(policy(100), latch)), *metrics, &wall_ms);
        job_id = add_job(*store);
        dispatcher->start();
        dispatcher->notify();
        REQUIRE(latch->wait([&] { return latch->entered == 1; }));
        // The timeout is recorded while the thread is still inside the plugin; the slot stays taken,
        // so the job is not sent again meanwhile (the retry would be due after 10 ms).
        REQUIRE(eventually([&] { return store->job(job_id)->attempts == 1; }));
        CHECK(store->job(job_id)->last_error == "timed out after 100 ms");
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        CHECK(latch->entered == 1);
        CHECK(dispatcher->in_flight() == 1);
        CHECK(dispatcher->stuck() == 1);

        CHECK_FALSE(dispatcher->stop(50));
        dispatcher.reset();
        metrics.reset();
        store.reset();
    }
    latch->release();
    REQUIRE(latch->wait([&] { return latch->destroyed; }));
    std::this_thread::sleep_for(std::chrono::milliseconds(50));

    {
        auto store = store::Store::open(options_for(path));
        auto job = *store->job(job_id);
        CHECK(job.status == store::JobStatus::pending);  // not "done" by the late ok
        CHECK(job.attempts == 1);
        CHECK(job.last_error == "timed out after 100 ms");
    }
    auto delivered = deliver_on_next_start(path, job_id);
    CHECK(delivered.attempts == 2);
}

TEST_CASE("at most max_calls calls are inside plugins at once, across sinks; the rest wait in the store") {
    TempDir dir;
    auto store = store::Store::open(options_for(dir.file("d.db")));
    metrics::Registry metrics;
    auto latch = std::make_shared<Latch>();
    auto held = policy(60000);
    held.concurrency = 4;
    std::map<std::string, std::shared_ptr<dispatch::SinkTarget>> sinks = {
        {"a", std::make_shared<HeldSink>(held, latch)}, {"b", std::make_shared<HeldSink>(held, latch)}};
    dispatch::DispatcherOptions options;
    options.max_calls = 3;
    dispatch::Dispatcher dispatcher(
        *store, [&sinks](const std::string&, const std::string& sink) { return sinks.at(sink); }, metrics, &wall_ms,
        options);
    std::vector<int64_t> ids;
    for (int i = 0; i < 4; ++i) {
        ids.push_back(add_job(*store, "a"));
        ids.push_back(add_job(*store, "b"));
    }
    dispatcher.start();
    dispatcher.notify();
    REQUIRE(latch->wait([&] { return latch->entered == 3; }));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    CHECK(latch->entered == 3);  // each sink could take 4; the cap allows 3 in all
    CHECK(dispatcher.in_flight() == 3);
    for (auto id : ids) CHECK(store->job(id)->status == store::JobStatus::pending);

    latch->release();
    CHECK(eventually([&] {
        for (auto id : ids)
            if (store->job(id)->status != store::JobStatus::done) return false;
        return true;
    }));
    CHECK(latch->entered == 8);
    CHECK(dispatcher.stop(2000));
}
