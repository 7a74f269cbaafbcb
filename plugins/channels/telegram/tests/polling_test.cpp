// Polling mode on a FakeHost whose on_http serves getUpdates batches: messages are submitted,
// the offset moves on only after the whole batch is stored, a failed submit repeats the batch, a
// restart resumes from the stored offset, errors back off and show in status.
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <deque>
#include <mutex>

using namespace telegram_test;
using namespace std::chrono_literals;
using leadhub::sdk::testing::eventually;
using leadhub::sdk::testing::FakeHost;
using leadhub::sdk::testing::Harness;

namespace {

// A scripted Bot API: deleteWebhook succeeds, getUpdates answers from a queue (an empty batch
// once the queue is empty, after a short pause like a long poll with nothing new).
struct FakeBotApi {
    std::mutex mutex;
    std::deque<HttpResponse> answers;
    std::vector<Json> get_updates_bodies;
    int delete_webhook_calls = 0;

    HttpResponse operator()(const HttpRequest& request) {
        std::unique_lock lock(mutex);
        const std::string method = method_of(request);
        if (method == "deleteWebhook") {
            ++delete_webhook_calls;
            return api_ok(true);
        }
        if (method != "getUpdates") return api_error(404, "Not Found: method");
        get_updates_bodies.push_back(Json::parse(request.body));
        if (answers.empty()) {
            lock.unlock();
            std::this_thread::sleep_for(5ms);
            return api_ok(Json::array());
        }
        HttpResponse next = answers.front();
        answers.pop_front();
        return next;
    }
    std::size_t polls() {
        std::lock_guard lock(mutex);
        return get_updates_bodies.size();
    }
    Json body(std::size_t i) {
        std::lock_guard lock(mutex);
        return get_updates_bodies.at(i);
    }
};

// Makes the host's submit fail `failures` times before it stores again (the FakeHost stores all).
std::atomic<int> submit_failures{0};
lh_status (*real_submit)(void*, const char*, size_t, lh_write_fn, void*) = nullptr;
lh_status flaky_submit(void* ctx, const char* json, size_t size, lh_write_fn error, void* error_ctx) {
    if (submit_failures.fetch_sub(1) > 0) {
        const std::string e = "the store is read-only";
        error(error_ctx, e.data(), e.size());
        return LH_ERROR;
    }
    return real_submit(ctx, json, size, error, error_ctx);
}
void make_submit_flaky(FakeHost& host, int failures) {
    auto* api = const_cast<lh_host_api*>(host.api());  // the test's own host: swapping one entry
    if (api->submit != &flaky_submit) real_submit = api->submit;
    api->submit = &flaky_submit;
    submit_failures = failures;
}

Json two_messages_batch() {
    return load_json(data_dir / "outbound" / "getUpdates.json")["response"]["body"];  // a press + a message
}

HttpResponse batch(const Json& updates) { return api_ok(updates); }

std::size_t submitted(FakeHost& host) {
    std::lock_guard lock(host.mutex);
    return host.submitted.size();
}
std::string state(FakeHost& host, const std::string& key) {
    std::lock_guard lock(host.mutex);
    auto it = host.state.find(key);
    return it == host.state.end() ? "" : it->second;
}

}  // namespace

TEST_CASE("polling: a batch is submitted, then the offset moves past it") {
    FakeHost host;
    FakeBotApi api;
    api.answers.push_back(HttpResponse{200, {}, two_messages_batch().dump(), {}});
    host.on_http = [&](const HttpRequest& r) { return api(r); };
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("tg", polling_options()) == "");
    REQUIRE(plugin.start() == "");
    CHECK(host.routes.empty());  // no webhook route in polling mode

    REQUIRE(eventually([&] { return state(host, "offset") == "815500142"; }));
    REQUIRE(submitted(host) == 1);  // the staff press is not a customer's message
    {
        std::lock_guard lock(host.mutex);
        CHECK(host.submitted[0]["external_message_id"] == "7034419821:2");
        CHECK(host.submitted[0]["address"] == Json{{"chat_id", 7034419821LL}});
    }
    REQUIRE(eventually([&] { return api.polls() >= 2; }));
    CHECK_FALSE(api.body(0).contains("offset"));  // nothing stored yet: Telegram's own start
    CHECK(api.body(1)["offset"] == 815500142);
    CHECK(api.body(0)["timeout"] == 1);
    CHECK(api.body(0)["allowed_updates"] == Json({"message", "my_chat_member", "callback_query"}));
    CHECK(api.delete_webhook_calls == 1);
    CHECK(eventually([&] { std::lock_guard l(host.mutex); return host.metrics["telegram_messages"] == 1; }));

    auto status = plugin.control({{"action", "status"}});
    CHECK(status["mode"] == "polling");
    CHECK(status["offset"] == 815500142);
    CHECK(status["consecutive_errors"] == 0);
    CHECK(status["last_success_at_ms"] == host.now);
    CHECK(status["webhook_deleted"] == true);
    CHECK(status["running"] == true);
}

TEST_CASE("polling: a failed submit repeats the same batch and the offset waits for it") {
    FakeHost host;
    FakeBotApi api;
    const Json updates = Json::parse(R"([{"update_id": 70, "message": {"message_id": 1, "chat": {"id": 5, "type": "private"},
        "from": {"id": 5, "first_name": "A"}, "text": "one"}}, {"update_id": 71, "message": {"message_id": 2,
        "chat": {"id": 5, "type": "private"}, "from": {"id": 5, "first_name": "A"}, "text": "two"}}])");
    api.answers.push_back(batch(updates));
    api.answers.push_back(batch(updates));  // Telegram gives the unconfirmed batch again
    host.on_http = [&](const HttpRequest& r) { return api(r); };
    make_submit_flaky(host, 1);  // the first message of the first try fails
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("tg", polling_options()) == "");
    REQUIRE(plugin.start() == "");

    REQUIRE(eventually([&] { return plugin.control({{"action", "status"}})["consecutive_errors"] == 1; }));
    CHECK(state(host, "offset") == "");  // nothing confirmed
    auto status = plugin.control({{"action", "status"}});
    CHECK(status["last_error"].get<std::string>().find("read-only") != std::string::npos);

    REQUIRE(eventually([&] { return state(host, "offset") == "72"; }, 5s));  // after a 1 s backoff
    REQUIRE(submitted(host) == 2);
    {
        std::lock_guard lock(host.mutex);  // in the batch's order
        CHECK(host.submitted[0]["text"] == "one");
        CHECK(host.submitted[1]["text"] == "two");
    }
    CHECK(api.body(1).value("offset", Json()) == Json());  // the second ask still confirms nothing
    CHECK(plugin.control({{"action", "status"}})["consecutive_errors"] == 0);
}

TEST_CASE("polling: a restart resumes from the stored offset, repeats are dropped by id") {
    FakeHost host;
    host.state["offset"] = "815500140";
    FakeBotApi api;
    api.answers.push_back(HttpResponse{200, {}, two_messages_batch().dump(), {}});
    host.on_http = [&](const HttpRequest& r) { return api(r); };
    {
        auto plugin = Harness::linked(host);
        REQUIRE(plugin.create("tg", polling_options()) == "");
        REQUIRE(plugin.start() == "");
        REQUIRE(eventually([&] { return api.polls() >= 1; }));
        CHECK(api.body(0)["offset"] == 815500140);
        REQUIRE(eventually([&] { return state(host, "offset") == "815500142"; }));
    }  // stopped and destroyed
    // A crash before the offset was written: the same batch comes again after the restart.
    host.state["offset"] = "815500140";
    api.answers.push_back(HttpResponse{200, {}, two_messages_batch().dump(), {}});
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("tg", polling_options()) == "");
    REQUIRE(plugin.start() == "");
    REQUIRE(eventually([&] { return state(host, "offset") == "815500142"; }));
    CHECK(submitted(host) == 1);  // the repeat was a duplicate: stored once
}

TEST_CASE("polling: 409 (a webhook is set) backs off and shows in status") {
    FakeHost host;
    FakeBotApi api;
    api.answers.push_back(outbound_response("error.409-conflict-webhook-active"));
    host.on_http = [&](const HttpRequest& r) { return api(r); };
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("tg", polling_options()) == "");
    REQUIRE(plugin.start() == "");
    REQUIRE(eventually([&] { return plugin.control({{"action", "status"}})["consecutive_errors"] == 1; }));
    auto status = plugin.control({{"action", "status"}});
    CHECK(status["last_error"].get<std::string>().find("409") != std::string::npos);
    CHECK(status["last_error"].get<std::string>().find("webhook") != std::string::npos);
    CHECK(status["last_error_at_ms"] == host.now);
    CHECK(api.polls() == 1);  // waiting, not looping
    CHECK(api.delete_webhook_calls == 1);
    CHECK(eventually([&] { std::lock_guard l(host.mutex); return host.metrics["telegram_poll_errors"] == 1; }));
}

TEST_CASE("polling: network errors and 5xx back off exponentially, 429 waits retry_after") {
    FakeHost host;
    FakeBotApi api;
    api.answers.push_back(HttpResponse{0, {}, "", "connection refused"});
    api.answers.push_back(api_error(502, "Bad Gateway"));
    api.answers.push_back(api_error(429, "Too Many Requests: retry after 1", {{"retry_after", 1}}));
    host.on_http = [&](const HttpRequest& r) { return api(r); };
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("tg", polling_options()) == "");
    const auto started = std::chrono::steady_clock::now();
    REQUIRE(plugin.start() == "");
    REQUIRE(eventually([&] { return plugin.control({{"action", "status"}})["consecutive_errors"] == 1; }));
    CHECK(plugin.control({{"action", "status"}})["last_error"].get<std::string>().find("connection refused") != std::string::npos);
    REQUIRE(eventually([&] { return plugin.control({{"action", "status"}})["consecutive_errors"] == 2; }, 5s));
    CHECK(plugin.control({{"action", "status"}})["last_error"].get<std::string>().find("502") != std::string::npos);
    REQUIRE(eventually([&] { return plugin.control({{"action", "status"}})["consecutive_errors"] == 3; }, 5s));
    REQUIRE(eventually([&] { return api.polls() >= 4; }, 5s));
    // 1 s after the first error, 2 s after the second, 1 s (retry_after) after the 429.
    CHECK(std::chrono::steady_clock::now() - started >= 3900ms);
    CHECK(eventually([&] { return plugin.control({{"action", "status"}})["consecutive_errors"] == 0; }));
}

TEST_CASE("polling: 401 stops polling and says which option to fix") {
    FakeHost host;
    FakeBotApi api;
    api.answers.push_back(api_error(401, "Unauthorized"));
    host.on_http = [&](const HttpRequest& r) { return api(r); };
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("tg", polling_options()) == "");
    REQUIRE(plugin.start() == "");
    REQUIRE(eventually([&] { return plugin.control({{"action", "status"}})["running"] == false; }));
    auto status = plugin.control({{"action", "status"}});
    CHECK(status["stopped_reason"].get<std::string>().find("option bot_token") != std::string::npos);
    CHECK(status["last_error"] == status["stopped_reason"]);
    CHECK(api.polls() == 1);
}

TEST_CASE("polling: stop() ends a backoff wait at once") {
    FakeHost host;
    FakeBotApi api;
    for (int i = 0; i < 3; ++i) api.answers.push_back(api_error(500, "Internal Server Error"));
    host.on_http = [&](const HttpRequest& r) { return api(r); };
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("tg", polling_options()) == "");
    REQUIRE(plugin.start() == "");
    REQUIRE(eventually([&] { return plugin.control({{"action", "status"}})["consecutive_errors"] == 1; }));
    const auto before = std::chrono::steady_clock::now();
    plugin.close();
    CHECK(std::chrono::steady_clock::now() - before < 500ms);
}
