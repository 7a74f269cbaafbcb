// The {{name}} notifier through its real C exports on the SDK's fake host: options, the message
// staff read, and the outcome of every class of answer.
#include <catch2/catch.hpp>

#include "{{identifier}}_notifier.hpp"

#include <leadhub/sdk/testing.hpp>

using namespace leadhub::sdk;
using leadhub::sdk::testing::FakeHost;
using leadhub::sdk::testing::Harness;
using leadhub::sdk::testing::make_delivery;

namespace {
const Json lead = {{"id", 42}, {"tenant", "salon"}, {"channel", "webform"}, {"name", "Анна"},
                   {"phone", "+79161234567"}, {"text", "Хочу записаться на маникюр"}};
const Json endpoint = {{"url", "http://127.0.0.1:8080/send"}, {"chat", "-100123"}};
}  // namespace

TEST_CASE("options: url and chat are required, and bad values are refused") {
    FakeHost host;
    auto plugin = Harness::linked(host);
    std::string missing = plugin.create("staff");
    CHECK_THAT(missing, Catch::Contains("option 'url' is required"));
    CHECK_THAT(missing, Catch::Contains("option 'chat' is required"));
    CHECK_THAT(plugin.create("staff", {{"url", "mailto:x"}, {"chat", "1"}}), Catch::Contains("http:// or https://"));
    CHECK_THAT(plugin.create("staff", {{"url", "http://x"}, {"chat", ""}}), Catch::Contains("'chat' must not be empty"));
    CHECK_THAT(plugin.create("staff", {{"url", "http://x"}, {"chat", 5}}), Catch::Contains("must be a string"));
    CHECK(plugin.create("staff", endpoint) == "");
}

TEST_CASE("a notice tells staff who wrote and what, in one short message") {
    FakeHost host;
    host.on_http = [](const HttpRequest&) { return HttpResponse{200, {}, R"({"id": 555})", ""}; };
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("staff", {{"url", "https://bot.example.ru/send"}, {"chat", "-100123"}, {"token", "t0k"}}) == "");
    REQUIRE(plugin.start() == "");
    Delivery notice = make_delivery(lead, 9);
    notice.kind = "notice";
    Outcome outcome = plugin.deliver(notice);
    CHECK(outcome.kind == Outcome::Kind::ok);
    CHECK(outcome.external_id == "555");

    REQUIRE(host.http_calls.size() == 1);
    const HttpRequest& sent = host.http_calls[0];
    CHECK(sent.target == "https://bot.example.ru/send");
    CHECK(sent.header("Authorization") == "Bearer t0k");
    CHECK(sent.header("Idempotency-Key") == "lead-9");
    Json body = Json::parse(sent.body);
    CHECK(body["chat"] == "-100123");
    CHECK(body["text"] == "Новая заявка №42 (webform)\nАнна, +79161234567\nХочу записаться на маникюр");
    CHECK(host.metrics["{{identifier}}_sent"] == 1);
    CHECK_FALSE(host.logged("t0k"));
}

TEST_CASE("a lead without contacts and a very long text still make a readable notice") {
    std::string long_text;
    while (long_text.size() < 3000) long_text += "Ж";
    Delivery d = make_delivery(Json{{"id", 3}, {"text", long_text}});
    std::string text = {{identifier}}_plugin::notice_text(d);
    CHECK(text.rfind("Новая заявка №3\nконтакты не указаны\n", 0) == 0);
    CHECK(text.size() < 1100);
    CHECK(text.substr(text.size() - 3) == "…");
    CHECK(Json(text).dump().find("\\u") == std::string::npos);  // still valid UTF-8: nothing to escape
}

TEST_CASE("every class of answer is classified") {
    FakeHost host;
    HttpResponse next;
    host.on_http = [&](const HttpRequest&) { return next; };
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("staff", endpoint) == "");

    next = {429, {{"Retry-After", "5"}}, "too many", ""};
    Outcome limited = plugin.deliver(make_delivery(lead));
    CHECK(limited.kind == Outcome::Kind::retry);
    CHECK(limited.retry_after_ms == 5000);

    next = {0, {}, "", "timeout after 10000 ms"};
    CHECK(plugin.deliver(make_delivery(lead)).reason == "timeout after 10000 ms");

    next = {403, {}, "bot was blocked by the user", ""};
    Outcome blocked = plugin.deliver(make_delivery(lead));
    CHECK(blocked.kind == Outcome::Kind::permanent);
    CHECK(blocked.reason == "HTTP 403: bot was blocked by the user");
    CHECK(host.logged("failed: HTTP 403"));
}
