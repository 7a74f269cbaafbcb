// The {{name}} sink through its real C exports on the SDK's fake host: options, the exact request
// it sends, and the outcome of every class of answer.
#include <catch2/catch.hpp>

#include <leadhub/sdk/testing.hpp>

using namespace leadhub::sdk;
using leadhub::sdk::testing::FakeHost;
using leadhub::sdk::testing::Harness;
using leadhub::sdk::testing::make_delivery;

namespace {
const Json lead = {{"id", 42}, {"tenant", "salon"}, {"source", "site"}, {"channel", "webform"}, {"name", "Анна"},
                   {"phone", "+79161234567"}, {"text", "Хочу записаться на маникюр"}};
const Json endpoint = {{"url", "http://127.0.0.1:8080/leads"}};
}  // namespace

TEST_CASE("options: url is required, checked, and wrong types are refused before create") {
    FakeHost host;
    auto plugin = Harness::linked(host);
    CHECK_THAT(plugin.create("crm"), Catch::Contains("option 'url' is required"));
    CHECK_THAT(plugin.create("crm", {{"url", "ftp://example.ru"}}), Catch::Contains("http:// or https://"));
    CHECK_THAT(plugin.create("crm", {{"url", "http://x"}, {"timeout_ms", "soon"}}), Catch::Contains("whole number"));
    CHECK_THAT(plugin.create("crm", {{"url", "http://x"}, {"timeout_ms", 5}}), Catch::Contains("at least 100"));
    CHECK_THAT(plugin.create("crm", {{"url", "http://x"}, {"tokn", "x"}}), Catch::Contains("did you mean 'token'?"));
    CHECK(plugin.create("crm", endpoint) == "");
}

TEST_CASE("the sink POSTs the lead with its idempotency key and token, and keeps the endpoint's id") {
    FakeHost host;
    host.on_http = [](const HttpRequest&) { return HttpResponse{201, {}, R"({"id": 9001})", ""}; };
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("crm", {{"url", "https://crm.example.ru/in"}, {"token", "s3cr3t"}, {"timeout_ms", 3000}}) == "");
    REQUIRE(plugin.start() == "");
    Outcome outcome = plugin.deliver(make_delivery(lead, 7, 2));
    CHECK(outcome.kind == Outcome::Kind::ok);
    CHECK(outcome.external_id == "9001");

    REQUIRE(host.http_calls.size() == 1);
    const HttpRequest& sent = host.http_calls[0];
    CHECK(sent.method == "POST");
    CHECK(sent.target == "https://crm.example.ru/in");
    CHECK(sent.timeout_ms == 3000);
    CHECK(sent.header("Authorization") == "Bearer s3cr3t");
    CHECK(sent.header("Idempotency-Key") == "lead-7");
    Json body = Json::parse(sent.body);
    CHECK(body["idempotency_key"] == "lead-7");
    CHECK(body["attempt"] == 2);
    CHECK(body["lead"]["phone"] == "+79161234567");
    CHECK(host.metrics["{{identifier}}_ok"] == 1);
    CHECK_FALSE(host.logged("s3cr3t"));
}

TEST_CASE("every class of answer is classified") {
    FakeHost host;
    HttpResponse next;
    host.on_http = [&](const HttpRequest&) { return next; };
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("crm", endpoint) == "");

    next = {429, {{"Retry-After", "30"}}, "slow down", ""};
    Outcome limited = plugin.deliver(make_delivery(lead));
    CHECK(limited.kind == Outcome::Kind::retry);
    CHECK(limited.retry_after_ms == 30000);
    CHECK(limited.reason == "HTTP 429: slow down");

    next = {503, {{"Retry-After", "Thu, 01 Jan 2026 00:02:00 GMT"}}, "", ""};
    Outcome unavailable = plugin.deliver(make_delivery(lead));
    CHECK(unavailable.kind == Outcome::Kind::retry);
    CHECK_FALSE(unavailable.retry_after_ms.has_value());

    next = {0, {}, "", "connection refused by 127.0.0.1:8080"};
    Outcome refused = plugin.deliver(make_delivery(lead));
    CHECK(refused.kind == Outcome::Kind::retry);
    CHECK(refused.reason == "connection refused by 127.0.0.1:8080");

    next = {422, {}, R"({"error": "phone is invalid"})", ""};
    Outcome invalid = plugin.deliver(make_delivery(lead));
    CHECK(invalid.kind == Outcome::Kind::permanent);
    CHECK(invalid.reason == R"(HTTP 422: {"error": "phone is invalid"})");
    CHECK(host.logged("failed: HTTP 422"));

    next = {200, {}, "not json", ""};
    Outcome plain = plugin.deliver(make_delivery(lead));
    CHECK(plain.kind == Outcome::Kind::ok);
    CHECK(plain.external_id.empty());
}

TEST_CASE("the endpoint's words are quoted on one line in the reason and the log") {
    FakeHost host;
    host.on_http = [](const HttpRequest&) { return HttpResponse{500, {}, "busy\nerror [leadhub] forged", ""}; };
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("crm", endpoint) == "");
    Outcome busy = plugin.deliver(make_delivery(lead));
    CHECK(busy.reason == "HTTP 500: busy\\nerror [leadhub] forged");
    for (const auto& [level, text] : host.logs) CHECK(text.find('\n') == std::string::npos);
}

TEST_CASE("a lead with missing fields still goes out and gets a classified outcome") {
    FakeHost host;
    host.on_http = [](const HttpRequest&) { return HttpResponse{200, {}, R"({"id": "x-1"})", ""}; };
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("crm", endpoint) == "");
    Outcome outcome = plugin.deliver(make_delivery(Json{{"id", 1}}));
    CHECK(outcome.external_id == "x-1");
    REQUIRE(host.http_calls.size() == 1);
    CHECK(Json::parse(host.http_calls[0].body)["lead"] == Json{{"id", 1}});
}
