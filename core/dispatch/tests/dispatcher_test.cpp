// The dispatcher against a real store: classified outcomes, timeouts, isolation of a hanging
// sink, rate limits, and jobs whose sink is not configured.
#include <catch2/catch.hpp>

#include "dispatch/dispatcher.hpp"
#include "store/tests/store_fixture.hpp"
#include "wall_clock.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <thread>

using namespace leadhub;
using namespace leadhub::store::testing;
using namespace leadhub::dispatch::testing;

namespace {

class ScriptedSink : public dispatch::SinkTarget {
public:
    ScriptedSink(dispatch::SinkPolicy policy, std::function<sdk::Outcome(const nlohmann::json&)> fn)
        : policy_(policy), fn_(std::move(fn)) {}
    dispatch::SinkPolicy policy() const override { return policy_; }
    sdk::Outcome deliver(const nlohmann::json& d) override {
        int now = ++in_flight;
        int seen = max_in_flight.load();
        while (now > seen && !max_in_flight.compare_exchange_weak(seen, now)) {
        }
        {
            std::lock_guard lock(mutex);
            calls.push_back(d);
            call_times.push_back(wall_ms());
        }
        auto out = fn_(d);
        --in_flight;
        return out;
    }
    std::atomic<int> in_flight{0}, max_in_flight{0};
    std::mutex mutex;
    std::vector<nlohmann::json> calls;
    std::vector<int64_t> call_times;

private:
    dispatch::SinkPolicy policy_;
    std::function<sdk::Outcome(const nlohmann::json&)> fn_;
};

dispatch::SinkPolicy fast_policy() {
    dispatch::SinkPolicy p;
    p.rate_per_second = 1000;
    p.burst = 1000;
    p.concurrency = 4;
    p.timeout_ms = 5000;
    p.backoff = {60000, 60000, 1, 0};
    return p;
}

struct Fixture {
    TempDir dir;
    std::unique_ptr<store::Store> store = store::Store::open(options_for(dir.file("d.db")));
    metrics::Registry metrics;
    std::map<std::string, std::shared_ptr<ScriptedSink>> sinks;
    std::unique_ptr<dispatch::Dispatcher> dispatcher;

    void start(dispatch::DispatcherOptions options = {}) {
        dispatcher = std::make_unique<dispatch::Dispatcher>(
            *store,
            [this](const std::string&, const std::string& sink) -> std::shared_ptr<dispatch::SinkTarget> {
                auto it = sinks.find(sink);
                return it == sinks.end() ? nullptr : it->second;
            },
            metrics, &wall_ms, options);
        dispatcher->start();
    }
    std::vector<int64_t> add_jobs(const std::string& sink, int n) {
        std::vector<int64_t> ids;
        for (int i = 0; i < n; ++i) ids.push_back(ingest_one(*store, item(message("t1", "site", std::nullopt), {job_for(sink)}), wall_ms()).job_ids.at(0));
        if (dispatcher) dispatcher->notify();
        return ids;
    }
    bool wait(const std::function<bool()>& done, int ms = 5000) {
        auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
        while (std::chrono::steady_clock::now() < end) {
            if (done()) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        return done();
    }
    store::JobStatus status(int64_t id) { return store->job(id)->status; }
};

}  // namespace

TEST_CASE("ok, permanent and retry outcomes are recorded on the job") {
    Fixture f;
    f.sinks["crm"] = std::make_shared<ScriptedSink>(fast_policy(), [](const nlohmann::json& d) {
        int64_t id = d["job_id"];
        if (id % 3 == 1) return sdk::Outcome::ok("crm-" + std::to_string(id));
        if (id % 3 == 2) return sdk::Outcome::permanent("phone rejected");
        return sdk::Outcome::retry("HTTP 429", 30000);
    });
    f.start();
    auto ids = f.add_jobs("crm", 3);
    REQUIRE(f.wait([&] { return f.sinks["crm"]->calls.size() == 3 && f.dispatcher->in_flight() == 0; }));
    REQUIRE(f.wait([&] { return f.status(ids[0]) == store::JobStatus::done && f.status(ids[1]) == store::JobStatus::dead; }));
    CHECK(f.store->job(ids[0])->external_id == "crm-" + std::to_string(ids[0]));
    CHECK(f.store->job(ids[1])->last_error == "phone rejected");
    auto retried = *f.store->job(ids[2]);
    CHECK(retried.status == store::JobStatus::pending);
    CHECK(retried.attempts == 1);
    CHECK(retried.next_attempt_at_ms >= wall_ms() + 55000);  // Retry-After 30 s < backoff 60 s
    // The delivery carried the lead and the stable idempotency key.
    auto first = f.sinks["crm"]->calls.at(0);
    CHECK(first["idempotency_key"] == f.store->job(first["job_id"].get<int64_t>())->idempotency_key);
    CHECK(first["lead"]["tenant"] == "t1");
    CHECK(first["attempt"] == 1);
}

TEST_CASE("a reason is masked before it is stored, for a retry and for a dead letter") {
    Fixture f;
    // An API that echoes the request back, token and all, in its error.
    f.sinks["crm"] = std::make_shared<ScriptedSink>(fast_policy(), [](const nlohmann::json& d) {
        int64_t id = d["job_id"];
        if (id % 2 == 1) return sdk::Outcome::permanent("HTTP 400: {\"echo\": \"Bearer tok-123456\"}");
        return sdk::Outcome::retry("HTTP 503: {\"echo\": \"Bearer tok-123456\"}");
    });
    dispatch::DispatcherOptions options;
    options.mask_reason = [](const std::string& reason) {
        std::string out = reason;
        if (auto at = out.find("tok-123456"); at != std::string::npos) out.replace(at, 10, "***");
        return out;
    };
    f.start(options);
    auto ids = f.add_jobs("crm", 2);
    const int64_t dead = ids[0] % 2 == 1 ? ids[0] : ids[1], retried = dead == ids[0] ? ids[1] : ids[0];
    REQUIRE(f.wait([&] { return f.status(dead) == store::JobStatus::dead && f.store->job(retried)->attempts == 1; }));
    CHECK(f.store->job(dead)->last_error == "HTTP 400: {\"echo\": \"Bearer ***\"}");
    CHECK(f.store->job(retried)->last_error == "HTTP 503: {\"echo\": \"Bearer ***\"}");
    CHECK(f.store->dead_letters("", 10).at(0).last_error == "HTTP 400: {\"echo\": \"Bearer ***\"}");
}

TEST_CASE("a hanging sink times out, holds only its own slot, and others keep delivering") {
    Fixture f;
    std::mutex m;
    std::condition_variable cv;
    bool release = false;
    auto slow_policy = fast_policy();
    slow_policy.concurrency = 1;
    slow_policy.timeout_ms = 200;
    f.sinks["slow"] = std::make_shared<ScriptedSink>(slow_policy, [&](const nlohmann::json&) {
        std::unique_lock lock(m);
        cv.wait(lock, [&] { return release; });
        return sdk::Outcome::ok("late");
    });
    f.sinks["fast"] = std::make_shared<ScriptedSink>(fast_policy(), [](const nlohmann::json&) { return sdk::Outcome::ok(); });
    f.start();
    auto slow = f.add_jobs("slow", 3);
    auto fast = f.add_jobs("fast", 20);
    CHECK(f.wait([&] {
        for (auto id : fast)
            if (f.status(id) != store::JobStatus::done) return false;
        return true;
    }));
    // The stuck call was recorded as a timeout, and no second call went to the stuck sink.
    CHECK(f.wait([&] { return f.store->job(slow[0])->last_error.find("timed out") != std::string::npos; }));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    CHECK(f.sinks["slow"]->calls.size() == 1);
    CHECK(f.sinks["slow"]->max_in_flight == 1);
    {
        std::lock_guard lock(m);
        release = true;
    }
    cv.notify_all();
    // The late answer of a call already counted as timed out does not override the retry.
    CHECK(f.wait([&] { return f.dispatcher->in_flight() == 0 || f.sinks["slow"]->calls.size() > 1; }));
    CHECK(f.store->job(slow[0])->attempts == 1);
    CHECK(f.metrics.render_prometheus().find("leadhub_delivery_timeouts_total{tenant=\"t1\",sink=\"slow\"} 1") != std::string::npos);
    f.dispatcher->stop(2000);
}

TEST_CASE("the rate limit spaces calls and concurrency caps calls in flight") {
    Fixture f;
    auto p = fast_policy();
    p.rate_per_second = 10;
    p.burst = 1;
    p.concurrency = 2;
    f.sinks["crm"] = std::make_shared<ScriptedSink>(p, [](const nlohmann::json&) {
        std::this_thread::sleep_for(std::chrono::milliseconds(30));
        return sdk::Outcome::ok();
    });
    f.start();
    auto ids = f.add_jobs("crm", 6);
    REQUIRE(f.wait([&] { return f.status(ids.back()) == store::JobStatus::done && f.status(ids.front()) == store::JobStatus::done; }));
    auto& times = f.sinks["crm"]->call_times;
    REQUIRE(times.size() == 6);
    CHECK(times.back() - times.front() >= 450);  // 6 calls at 10/s with a burst of 1: at least 5 gaps of 100 ms
    CHECK(f.sinks["crm"]->max_in_flight <= 2);
}

TEST_CASE("a job whose sink is not configured waits with the reason, and is not lost") {
    Fixture f;
    f.start();
    auto ids = f.add_jobs("gone", 1);
    REQUIRE(f.wait([&] { return !f.store->job(ids[0])->last_error.empty(); }));
    auto job = *f.store->job(ids[0]);
    CHECK(job.status == store::JobStatus::pending);
    CHECK(job.attempts == 0);
    CHECK(job.last_error == "sink 'gone' is not configured for tenant 't1'");
}

TEST_CASE("two sinks naming one rate bucket share its budget") {
    Fixture f;
    auto p = fast_policy();
    p.rate_per_second = 10;
    p.burst = 1;
    p.bucket = "portal.bitrix24.ru";
    f.sinks["crm-a"] = std::make_shared<ScriptedSink>(p, [](const nlohmann::json&) { return sdk::Outcome::ok(); });
    f.sinks["crm-b"] = std::make_shared<ScriptedSink>(p, [](const nlohmann::json&) { return sdk::Outcome::ok(); });
    f.start();
    auto a = f.add_jobs("crm-a", 3);
    auto b = f.add_jobs("crm-b", 3);
    REQUIRE(f.wait([&] {
        return f.status(a.back()) == store::JobStatus::done && f.status(b.back()) == store::JobStatus::done &&
               f.status(a.front()) == store::JobStatus::done && f.status(b.front()) == store::JobStatus::done;
    }));
    std::vector<int64_t> times = f.sinks["crm-a"]->call_times;
    times.insert(times.end(), f.sinks["crm-b"]->call_times.begin(), f.sinks["crm-b"]->call_times.end());
    std::sort(times.begin(), times.end());
    REQUIRE(times.size() == 6);
    // Six calls at 10/s from one bucket: at least 5 gaps of 100 ms (each sink's own bucket would
    // have let the two run side by side in about 200 ms).
    CHECK(times.back() - times.front() >= 450);
}

TEST_CASE("a rate-limited sink's backlog does not hide another sink's jobs behind it") {
    Fixture f;
    auto slow = fast_policy();
    slow.rate_per_second = 1;  // one call a second: its backlog stays due for minutes
    slow.burst = 1;
    f.sinks["busy_bot"] = std::make_shared<ScriptedSink>(slow, [](const nlohmann::json&) { return sdk::Outcome::ok(); });
    f.sinks["idle_bot"] = std::make_shared<ScriptedSink>(fast_policy(), [](const nlohmann::json&) { return sdk::Outcome::ok(); });
    dispatch::DispatcherOptions options;
    options.batch = 20;  // the busy bot's backlog is many batches long
    auto backlog = f.add_jobs("busy_bot", 100);
    auto idle = f.add_jobs("idle_bot", 3);  // queued after the whole backlog
    f.start(options);
    REQUIRE(f.wait([&] { return f.status(idle.back()) == store::JobStatus::done; }, 3000));
    CHECK(f.status(idle.front()) == store::JobStatus::done);
    CHECK(f.sinks["busy_bot"]->calls.size() <= 4);  // still at its own pace
    CHECK(f.status(backlog.back()) == store::JobStatus::pending);
}

TEST_CASE("a delivery's lead carries its key, what each sink made of it and the conversation, described") {
    Fixture f;
    f.sinks["crm"] = std::make_shared<ScriptedSink>(fast_policy(), [](const nlohmann::json&) { return sdk::Outcome::ok("3466"); });
    f.sinks["sheet"] = std::make_shared<ScriptedSink>(fast_policy(), [](const nlohmann::json&) { return sdk::Outcome::ok(); });
    dispatch::DispatcherOptions options;
    options.describe_lead = [](const std::string& tenant, nlohmann::json& lead) { lead["described_for"] = tenant; };
    f.start(options);
    auto crm = f.add_jobs("crm", 1);
    REQUIRE(f.wait([&] { return f.status(crm[0]) == store::JobStatus::done; }));
    auto lead_id = f.store->job(crm[0])->lead_id;
    auto first = f.sinks["crm"]->calls.at(0)["lead"];
    CHECK(first["key"] == "t1:" + std::to_string(lead_id));
    CHECK(first["external_ids"] == nlohmann::json::object());  // nothing made yet when it went out
    REQUIRE(first["conversation"].size() == 1);
    CHECK(first["conversation"][0]["kind"] == "customer");
    CHECK(first["conversation"][0]["text"] == "Здравствуйте, хочу записаться на стрижку");
    CHECK(first["described_for"] == "t1");
    CHECK(f.store->lead_external_ids(lead_id) == nlohmann::json{{"crm", "3466"}});
}
