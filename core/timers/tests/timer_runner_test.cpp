// The timer runner on a simulated clock: timers fire when due, once, also across a restart of the
// store; a failing planner fails only its own timer.
#include "timers/timer_runner.hpp"

#include <leadhub/sdk/testing.hpp>

#include <catch2/catch.hpp>

#include <atomic>

using namespace leadhub;
using namespace leadhub::store;
using leadhub::timers::TimerRunner;

namespace {

StoreOptions options_for(const std::string& path) {
    StoreOptions options;
    options.path = path;
    return options;
}

// A lead of a Telegram customer at 1 s with an SLA step due at 900 s and a reminder at 2000 s.
int64_t lead_with_timers(Store& store) {
    IngestItem item;
    item.message.tenant = "salon";
    item.message.source = "tg";
    item.message.channel = "telegram";
    item.message.external_message_id = "m1";
    item.message.text = "Хочу на маникюр";
    item.message.received_at_ms = 1'000;
    item.message.address = {{"chat_id", 777}};
    item.identities = {{"telegram", "777"}};
    item.timers = {TimerSpec{"sla:1", 900'000, {{"step", 1}}, false, false}, TimerSpec{"remind:24h", 2'000'000, {}, false, false}};
    std::vector<IngestItem> items;
    items.push_back(std::move(item));
    return store.ingest(std::move(items), 1'000).at(0).lead_id;
}

// A planner that writes what it fired on the lead's history.
TimerRunner::Planner noting_planner(std::atomic<int>& calls) {
    return [&calls](const Timer& t) {
        calls++;
        TimerFiring f;
        f.notes.push_back(LeadNote{"fired", {{"purpose", t.purpose}, {"payload", t.payload}}});
        return f;
    };
}

std::vector<std::string> fired_purposes(Store& store, int64_t lead_id) {
    std::vector<std::string> out;
    for (const LeadEvent& e : store.lead_history(lead_id))
        if (e.kind == "fired") out.push_back(e.detail["purpose"].get<std::string>());
    return out;
}

}  // namespace

TEST_CASE("timers fire when the clock reaches them, once each, earliest first") {
    sdk::testing::TempDir dir;
    auto store = Store::open(options_for(dir.file("leadhub.db")));
    int64_t lead = lead_with_timers(*store);
    std::atomic<int64_t> now{899'999};
    std::atomic<int> calls{0};
    std::size_t reported = 0;
    timers::TimerRunner runner(*store, noting_planner(calls), [&] { return now.load(); },
                               [&](std::size_t fired, std::size_t) { reported += fired; }, {}, {});
    CHECK(runner.run_due() == 0);
    now = 900'000;
    CHECK(runner.run_due() == 1);
    CHECK(runner.run_due() == 0);
    now = 5'000'000;
    CHECK(runner.run_due() == 1);
    CHECK(fired_purposes(*store, lead) == std::vector<std::string>{"sla:1", "remind:24h"});
    CHECK(store->lead_history(lead).at(0).detail["payload"]["step"] == 1);
    CHECK(calls == 2);
    CHECK(reported == 2);
    CHECK(runner.fired_total() == 2);
    CHECK(runner.last_lag_ms() == 5'000'000 - 2'000'000);
}

TEST_CASE("a timer due while the hub was down fires once after the start") {
    sdk::testing::TempDir dir;
    int64_t lead = 0;
    {
        auto store = Store::open(options_for(dir.file("leadhub.db")));
        lead = lead_with_timers(*store);
    }  // the hub stops before 900 s
    std::atomic<int> calls{0};
    for (int start = 0; start < 3; ++start) {  // three restarts, all after the due time
        auto store = Store::open(options_for(dir.file("leadhub.db")));
        timers::TimerRunner runner(*store, noting_planner(calls), [] { return int64_t{1'000'000}; }, {}, {}, {});
        runner.run_due();
    }
    auto store = Store::open(options_for(dir.file("leadhub.db")));
    CHECK(fired_purposes(*store, lead) == std::vector<std::string>{"sla:1"});
    CHECK(calls == 1);
}

TEST_CASE("a planner that throws fails its own timer, recorded on the lead, and the others fire") {
    sdk::testing::TempDir dir;
    auto store = Store::open(options_for(dir.file("leadhub.db")));
    int64_t lead = lead_with_timers(*store);
    std::vector<std::string> logged;
    std::size_t failures = 0;
    timers::TimerRunner runner(
        *store,
        [](const Timer& t) -> TimerFiring {
            if (t.purpose == "sla:1") throw std::runtime_error("the tenant's ladder has no step 1");
            TimerFiring f;
            f.notes.push_back(LeadNote{"fired", {{"purpose", t.purpose}}});
            return f;
        },
        [] { return int64_t{3'000'000}; }, [&](std::size_t, std::size_t failed) { failures += failed; },
        [&](const std::string& text) { logged.push_back(text); }, {});
    CHECK(runner.run_due() == 2);
    auto history = store->lead_history(lead);
    REQUIRE(history.size() == 2);
    CHECK(history[0].kind == "timer_failed");
    CHECK(history[0].detail["error"] == "the tenant's ladder has no step 1");
    CHECK(history[1].detail["purpose"] == "remind:24h");
    CHECK(failures == 1);
    REQUIRE(logged.size() == 1);
    CHECK(logged[0].find("the tenant's ladder has no step 1") != std::string::npos);
    CHECK(store->pending_timer_count() == 0);
}

TEST_CASE("the runner's thread fires a timer armed after it went to sleep, once notified") {
    sdk::testing::TempDir dir;
    auto store = Store::open(options_for(dir.file("leadhub.db")));
    std::atomic<int> calls{0};
    std::atomic<int64_t> now{1'000};
    timers::TimerRunner runner(*store, noting_planner(calls), [&] { return now.load(); }, {}, {},
                               timers::TimerRunner::Options{64, std::chrono::milliseconds(60'000)});
    runner.start();
    int64_t lead = lead_with_timers(*store);
    now = 1'000'000;
    runner.notify();
    for (int i = 0; i < 500 && calls.load() < 1; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    runner.stop();
    CHECK(fired_purposes(*store, lead) == std::vector<std::string>{"sla:1"});
}
