// The http sink through its real C exports on the SDK's fake host: the exact request it sends
// and the outcome of every class of answer.
#include <catch2/catch.hpp>

#include <leadhub/sdk/testing.hpp>

#include <fstream>

using namespace leadhub::sdk;
using leadhub::sdk::testing::FakeHost;
using leadhub::sdk::testing::Harness;
using leadhub::sdk::testing::make_delivery;

namespace {
const Json lead = {{"id", 5}, {"tenant", "clinic"}, {"source", "site"}, {"channel", "webform"}, {"name", "Дмитрий"},
                   {"phone", "+79031112233"}, {"utm", nullptr}, {"created_at", "2026-01-01T00:00:00Z"}};
}

TEST_CASE("the sink sends the exact request and returns the endpoint's id") {
    FakeHost host;
    host.on_http = [](const HttpRequest&) { return HttpResponse{201, {}, R"({"id": 9001, "status": "created"})", ""}; };
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("crm", {{"url", "http://127.0.0.1:8080/hooks/leads"},
                                  {"headers", {{"Authorization", "Bearer s3cr3t"}, {"X-Client", "salon-1"}}},
                                  {"timeout_ms", 3000}}) == "");
    REQUIRE(plugin.start() == "");
    auto outcome = plugin.deliver(make_delivery(lead, 5, 2));
    CHECK(outcome.kind == Outcome::Kind::ok);
    CHECK(outcome.external_id == "9001");

    REQUIRE(host.http_calls.size() == 1);
    const HttpRequest& sent = host.http_calls[0];
    CHECK(sent.method == "POST");
    CHECK(sent.target == "http://127.0.0.1:8080/hooks/leads");
    CHECK(sent.timeout_ms == 3000);
    CHECK(sent.header("Idempotency-Key") == "lead-5");
    CHECK(sent.header("Authorization") == "Bearer s3cr3t");
    CHECK(sent.header("X-Client") == "salon-1");
    CHECK(sent.header("Content-Type") == "application/json; charset=utf-8");
    CHECK(Json::parse(sent.body) ==
          Json{{"idempotency_key", "lead-5"}, {"attempt", 2}, {"kind", "lead"}, {"tenant", "clinic"}, {"lead", lead}});
    CHECK(host.metrics["http_sink_ok"] == 1);
    CHECK_FALSE(host.logged("s3cr3t"));
}

TEST_CASE("the same job keeps its idempotency key across attempts") {
    FakeHost host;
    host.on_http = [](const HttpRequest&) { return HttpResponse{503, {}, "", ""}; };
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("crm", {{"url", "https://127.0.0.1/x"}, {"method", "PUT"}}) == "");
    plugin.deliver(make_delivery(lead, 11, 1));
    plugin.deliver(make_delivery(lead, 11, 2));
    REQUIRE(host.http_calls.size() == 2);
    CHECK(host.http_calls[0].method == "PUT");
    CHECK(host.http_calls[0].header("Idempotency-Key") == host.http_calls[1].header("Idempotency-Key"));
    CHECK(Json::parse(host.http_calls[1].body)["attempt"] == 2);
}

TEST_CASE("every class of answer is classified through the plugin") {
    FakeHost host;
    HttpResponse next;
    host.on_http = [&](const HttpRequest&) { return next; };
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("crm", {{"url", "http://127.0.0.1:1/"}}) == "");

    next = {429, {{"Retry-After", "30"}}, "slow down", ""};
    auto limited = plugin.deliver(make_delivery(lead));
    CHECK(limited.kind == Outcome::Kind::retry);
    CHECK(limited.retry_after_ms == 30000);
    CHECK(limited.reason == "HTTP 429: slow down");

    next = {503, {{"Retry-After", "Thu, 01 Jan 2026 00:02:00 GMT"}}, "", ""};  // FakeHost's clock: 00:00:00
    CHECK(plugin.deliver(make_delivery(lead)).retry_after_ms == 120000);

    next = {0, {}, "", "timeout after 10000 ms"};
    auto timeout = plugin.deliver(make_delivery(lead));
    CHECK(timeout.kind == Outcome::Kind::retry);
    CHECK(timeout.reason == "timeout after 10000 ms");

    next = {422, {}, R"({"error": "phone is invalid"})", ""};
    auto invalid = plugin.deliver(make_delivery(lead));
    CHECK(invalid.kind == Outcome::Kind::permanent);
    CHECK(invalid.reason == R"(HTTP 422: {"error": "phone is invalid"})");
    CHECK(host.logged("failed: HTTP 422"));

    next = {200, {}, "", ""};
    auto ok = plugin.deliver(make_delivery(lead));
    CHECK(ok.kind == Outcome::Kind::ok);
    CHECK(ok.external_id.empty());

    CHECK(host.metrics["http_sink_retry"] == 3);
    CHECK(host.metrics["http_sink_permanent"] == 1);
}

TEST_CASE("a host without an HTTP answer is a retry, not a crash") {
    FakeHost host;  // no on_http: the fake host reports a network error
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("crm", {{"url", "http://127.0.0.1:1/"}}) == "");
    auto o = plugin.deliver(make_delivery(lead));
    CHECK(o.kind == Outcome::Kind::retry);
    CHECK_THAT(o.reason, Catch::Contains("no on_http handler"));
}

TEST_CASE("a delivery as the hub sends it goes out whole, fields newer than the SDK included") {
    std::ifstream in(std::string(LEADHUB_TEST_DATA) + "/lead-delivery.json");
    REQUIRE(in);
    Json payload = Json::parse(in);
    FakeHost host;
    host.on_http = [](const HttpRequest&) { return HttpResponse{200, {}, R"({"id": "deal-5"})", ""}; };
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("my-crm", {{"url", "http://127.0.0.1:8080/in"}, {"idempotency_header", "X-Idempotency-Key"}}) == "");
    auto outcome = plugin.deliver(delivery_from_json(payload));
    CHECK(outcome.external_id == "deal-5");
    REQUIRE(host.http_calls.size() == 1);
    CHECK(host.http_calls[0].header("X-Idempotency-Key") == "t1:lead:77:sink:my-crm");
    CHECK(host.http_calls[0].header("Idempotency-Key").empty());
    Json body = Json::parse(host.http_calls[0].body);
    CHECK(body == Json{{"idempotency_key", "t1:lead:77:sink:my-crm"}, {"attempt", 4}, {"kind", "lead"}, {"tenant", "t1"},
                       {"lead", payload["lead"]}});
    CHECK(body["lead"]["service"] == "маникюр");
}

TEST_CASE("an endpoint's words are quoted on one line in the outcome and the log") {
    FakeHost host;
    HttpResponse next;
    host.on_http = [&](const HttpRequest&) { return next; };
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("crm", {{"url", "http://127.0.0.1:1/"}}) == "");

    next = {500, {}, "busy\n2026-01-01T00:00:00.000Z error [leadhub] forged", ""};
    auto busy = plugin.deliver(make_delivery(lead));
    CHECK(busy.reason == "HTTP 500: busy\\n2026-01-01T00:00:00.000Z error [leadhub] forged");
    next = {302, {{"Location", "https://crm.example/in\r\nerror"}}, "", ""};
    auto moved = plugin.deliver(make_delivery(lead));
    CHECK(moved.reason == "HTTP 302:  (redirects to https://crm.example/in\\r\\nerror: set url to it)");
    for (const auto& [level, text] : host.logs) CHECK(text.find_first_of("\r\n") == std::string::npos);
}

TEST_CASE("an endpoint's answer nested 100,000 deep is still a delivery, without an id") {
    FakeHost host;
    const std::string deep = R"({"id": 7, "x": )" + std::string(100000, '[') + std::string(100000, ']') + "}";
    host.on_http = [&](const HttpRequest&) { return HttpResponse{201, {}, deep, ""}; };
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("crm", {{"url", "http://127.0.0.1:1/"}}) == "");
    auto outcome = plugin.deliver(make_delivery(lead));
    CHECK(outcome.kind == Outcome::Kind::ok);
    CHECK(outcome.external_id.empty());  // refused at level 65, before its "id" counts
}
