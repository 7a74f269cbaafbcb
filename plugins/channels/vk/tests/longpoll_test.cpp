// Long poll mode on the fake host: the session, the batches, the durable ts, failed 1/2/3,
// network errors, a hub that cannot store, and a prompt stop.
#include "vk_test_support.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <thread>

using namespace leadhub::sdk;
using namespace std::chrono_literals;
using leadhub::sdk::testing::eventually;
using leadhub::sdk::testing::FakeHost;
using leadhub::sdk::testing::Harness;

namespace {

const std::string kStateKey = "longpoll_ts:218000123";

bool is_a_check(const HttpRequest& r) { return r.target.rfind("https://lp.vk.com/whp/218000123?act=a_check", 0) == 0; }
bool is_server_call(const HttpRequest& r) { return r.target == "https://vk.test/method/groups.getLongPollServer"; }

// "ts=1874" out of an a_check URL.
std::string ts_of(const HttpRequest& r) {
    auto at = r.target.find("&ts=");
    auto end = r.target.find('&', at + 1);
    return r.target.substr(at + 4, end - at - 4);
}

HttpResponse empty_poll(const std::string& ts) {
    std::this_thread::sleep_for(20ms);  // VK would wait; the fake keeps the loop from spinning
    return HttpResponse{200, {}, Json{{"ts", ts}, {"updates", Json::array()}}.dump(), ""};
}

// A scripted VK: the session from the sample, then the a_check answers in order, then empty polls.
struct FakeVk {
    std::mutex mutex;
    std::vector<HttpResponse> checks;
    std::vector<HttpResponse> servers;
    std::atomic<int> server_calls{0}, check_calls{0};

    HttpResponse answer(const HttpRequest& r) {
        std::lock_guard lock(mutex);
        if (is_server_call(r)) {
            ++server_calls;
            if (!servers.empty()) {
                HttpResponse s = servers.front();
                servers.erase(servers.begin());
                return s;
            }
            return vk_test::answer_from("groups.getLongPollServer.json");
        }
        if (is_a_check(r)) {
            ++check_calls;
            if (!checks.empty()) {
                HttpResponse c = checks.front();
                checks.erase(checks.begin());
                return c;
            }
            return empty_poll(ts_of(r));
        }
        return HttpResponse{404, {}, "", ""};
    }
};

struct Poller {
    FakeHost host;
    FakeVk vk;
    Harness plugin = Harness::linked(host);
    Poller() {
        host.on_http = [this](const HttpRequest& r) { return vk.answer(r); };
        REQUIRE(plugin.create("vk", vk_test::longpoll_options()) == "");
    }
    std::vector<HttpRequest> calls() {
        std::lock_guard lock(host.mutex);
        return host.http_calls;
    }
    std::vector<std::string> check_ts() {
        std::vector<std::string> out;
        for (const auto& c : calls())
            if (is_a_check(c)) out.push_back(ts_of(c));
        return out;
    }
    std::size_t submitted() {
        std::lock_guard lock(host.mutex);
        return host.submitted.size();
    }
    double metric(const std::string& name) {
        std::lock_guard lock(host.mutex);
        return host.metrics.count(name) ? host.metrics[name] : 0;
    }
    std::string state() {
        std::lock_guard lock(host.mutex);
        return host.state.count(kStateKey) ? host.state[kStateKey] : "";
    }
};

}  // namespace

TEST_CASE("a batch is submitted in order, then its ts is stored") {
    Poller p;
    p.vk.checks.push_back(vk_test::answer_from("longpoll.a_check.json"));
    REQUIRE(p.plugin.start() == "");
    REQUIRE(eventually([&] { return p.state() == "1876"; }));
    REQUIRE(p.submitted() == 2);
    {
        std::lock_guard lock(p.host.mutex);
        CHECK(p.host.submitted[0].at("external_message_id") == "1851");
        CHECK(p.host.submitted[1].at("external_message_id") == "1852");
        CHECK(p.host.submitted[1].at("text") == "И есть ли свободное время в субботу утром? Меня зовут Ирина");
        CHECK(p.host.submitted[0].at("address") == Json{{"peer_id", 623456789}});
    }
    auto calls = p.calls();
    REQUIRE(calls.size() >= 2);
    CHECK(calls[0].body == "group_id=218000123&access_token=vk1.a.token&v=5.199");
    CHECK(calls[1].method == "GET");
    CHECK(calls[1].target ==
          "https://lp.vk.com/whp/218000123?act=a_check&key=8a1f3c5e7b9d0f2a4c6e8b0d1f3a5c7e9b1d3f5a&ts=1874&wait=1");
    CHECK(calls[1].timeout_ms > 1000);
    REQUIRE(eventually([&] { return p.check_ts().size() >= 2; }));
    CHECK(p.check_ts()[1] == "1876");
    Json status = p.plugin.control({{"action", "status"}});
    CHECK(status.at("mode") == "longpoll");
    CHECK(status.at("ts") == "1876");
    CHECK(status.at("consecutive_errors") == 0);
    CHECK(status.at("last_success_at_ms").is_number());
    CHECK(p.metric("vk_messages") == 2);
    CHECK(p.metric("vk_polls") >= 1);
}

TEST_CASE("a restart resumes from the stored ts; the repeated batch counts as stored") {
    Poller p;
    p.host.state[kStateKey] = "1874";
    p.host.submitted.push_back({{"external_message_id", "1851"}});  // stored before the crash
    p.vk.checks.push_back(vk_test::answer_from("longpoll.a_check.json"));
    REQUIRE(p.plugin.start() == "");
    REQUIRE(eventually([&] { return p.state() == "1876"; }));
    CHECK(p.check_ts().at(0) == "1874");
    CHECK(p.submitted() == 2);  // 1851 was a duplicate, 1852 new
}

TEST_CASE("failed 1 continues from VK's ts with the same key") {
    Poller p;
    p.vk.checks.push_back(vk_test::answer_from("longpoll.failed-1-ts-outdated.json"));
    REQUIRE(p.plugin.start() == "");
    REQUIRE(eventually([&] { return p.check_ts().size() >= 2; }));
    CHECK(p.check_ts()[1] == "1876");
    CHECK(p.vk.server_calls == 1);
    CHECK(p.host.logged("may have been lost"));
    CHECK(p.state() == "1876");
}

TEST_CASE("failed 2 gets a new key and keeps the ts") {
    Poller p;
    p.vk.checks.push_back(vk_test::answer_from("longpoll.failed-2-key-expired.json"));
    REQUIRE(p.plugin.start() == "");
    REQUIRE(eventually([&] { return p.check_ts().size() >= 2; }));
    CHECK(p.vk.server_calls == 2);
    CHECK(p.check_ts()[1] == "1874");
}

TEST_CASE("failed 3 gets a new key and VK's new ts, and says events may be lost") {
    Poller p;
    p.vk.checks.push_back(vk_test::answer_from("longpoll.failed-3-info-lost.json"));
    HttpResponse first = vk_test::answer_from("groups.getLongPollServer.json");
    Json second = Json::parse(first.body);
    second["response"]["ts"] = "1900";
    p.vk.servers = {first, HttpResponse{200, {}, second.dump(), ""}};
    REQUIRE(p.plugin.start() == "");
    REQUIRE(eventually([&] { return p.check_ts().size() >= 2; }));
    CHECK(p.vk.server_calls == 2);
    CHECK(p.check_ts()[1] == "1900");
    CHECK(p.host.logged("may have been lost"));
    REQUIRE(eventually([&] { return p.state() == "1900"; }));
}

TEST_CASE("network errors and VK errors back off, are counted and shown, then polling recovers") {
    Poller p;
    HttpResponse down;
    down.error = "connection reset";
    p.vk.checks = {down, vk_test::answer_from("longpoll.a_check.json")};
    p.vk.servers = {vk_test::vk_error(5, "User authorization failed"), vk_test::answer_from("groups.getLongPollServer.json")};
    REQUIRE(p.plugin.start() == "");
    REQUIRE(eventually([&] { return p.metric("vk_poll_errors") >= 1; }));
    Json status = p.plugin.control({{"action", "status"}});
    CHECK(status.at("consecutive_errors") >= 1);
    CHECK_THAT(status.at("last_error").get<std::string>(), Catch::Contains("option access_token"));
    CHECK(status.at("last_error_at_ms").is_number());
    REQUIRE(eventually([&] { return p.state() == "1876"; }, 10s));
    CHECK(p.metric("vk_poll_errors") == 2);
    CHECK(p.submitted() == 2);
}

namespace {
// The fake host stores everything; this makes its submit fail the first `failures` times.
std::atomic<int> submit_failures{0};
lh_status (*original_submit)(void*, const char*, size_t, lh_write_fn, void*) = nullptr;
lh_status flaky_submit(void* ctx, const char* json, size_t size, lh_write_fn error, void* error_ctx) {
    if (submit_failures.fetch_sub(1) > 0) {
        std::string e = "database is locked";
        error(error_ctx, e.data(), e.size());
        return LH_ERROR;
    }
    return original_submit(ctx, json, size, error, error_ctx);
}
}  // namespace

TEST_CASE("a batch the hub cannot store is kept and submitted again; the ts waits for it") {
    Poller p;
    auto* api = const_cast<lh_host_api*>(p.host.api());
    original_submit = api->submit;
    api->submit = &flaky_submit;
    submit_failures = 2;
    p.vk.checks.push_back(vk_test::answer_from("longpoll.a_check.json"));
    REQUIRE(p.plugin.start() == "");
    REQUIRE(eventually([&] { return p.metric("vk_poll_errors") >= 1; }));
    CHECK(p.state() == "1874");  // not advanced past a batch that is not stored
    REQUIRE(eventually([&] { return p.state() == "1876"; }, 10s));
    CHECK(p.submitted() == 2);
    CHECK(p.vk.check_calls >= 1);
    CHECK(p.check_ts().at(0) == "1874");
    p.plugin.close();
    api->submit = original_submit;
}

TEST_CASE("stop ends the thread promptly, also during a back-off") {
    Poller p;
    HttpResponse down;
    down.error = "unreachable";
    p.vk.servers = std::vector<HttpResponse>(10, down);
    REQUIRE(p.plugin.start() == "");
    REQUIRE(eventually([&] { return p.metric("vk_poll_errors") >= 2; }, 10s));
    auto before = std::chrono::steady_clock::now();
    p.plugin.close();
    CHECK(std::chrono::steady_clock::now() - before < 2s);
}

TEST_CASE("a batch's other events are read as the Callback path reads them; bad updates are skipped") {
    Poller p;
    Json batch = Json::parse(vk_test::answer_from("longpoll.a_check.json").body);
    Json chat = batch["updates"][0];
    chat["object"]["message"]["peer_id"] = 2000000001;
    Json deny = {{"group_id", vk_test::kGroup}, {"type", "message_deny"}, {"event_id", "e1"}, {"v", "5.199"},
                 {"object", {{"user_id", 623456789}}}};
    Json typing = {{"group_id", vk_test::kGroup}, {"type", "message_typing_state"}, {"event_id", "e2"},
                   {"object", {{"state", "typing"}, {"from_id", 1}, {"to_id", -1}}}};
    Json foreign = batch["updates"][1];
    foreign["group_id"] = 1;
    batch["updates"] = Json::array({chat, deny, typing, foreign, "not an update", batch["updates"][1]});
    p.vk.checks.push_back(HttpResponse{200, {}, batch.dump(), ""});
    REQUIRE(p.plugin.start() == "");
    REQUIRE(eventually([&] { return p.state() == "1876"; }));
    REQUIRE(p.submitted() == 2);
    std::lock_guard lock(p.host.mutex);
    CHECK(p.host.submitted[0].at("event") == "customer_blocked");
    CHECK(p.host.submitted[0].at("external_message_id") == "deny:e1");
    CHECK(p.host.submitted[1].at("external_message_id") == "1852");
}
