#include <catch2/catch.hpp>

#include "options.hpp"

#include <leadhub/sdk/testing.hpp>

using namespace leadhub::sdk;
using namespace leadhub::http_sink;
using leadhub::sdk::testing::FakeHost;
using leadhub::sdk::testing::Harness;

TEST_CASE("http declares its options and limits in the manifest") {
    FakeHost host;
    Json m = Harness::linked(host).manifest();
    CHECK(m["name"] == "http");
    CHECK(m["kinds"] == Json::array({"sink"}));
    CHECK(m["options"] == options_schema(http_sink_options().specs()));
    CHECK(m["defaults"] == Json{{"rate_per_second", 10}, {"burst", 20}, {"concurrency", 4}, {"timeout_ms", 15000}});
    std::vector<std::string> names;
    for (const auto& o : m["options"]) names.push_back(o["name"]);
    CHECK(names == std::vector<std::string>{"url", "method", "headers", "timeout_ms", "idempotency_header", "body_format",
                                            "body_template"});
    CHECK(m["options"][0]["required"] == true);
    CHECK(m["options"][2]["secret"] == true);
}

TEST_CASE("http options default sensibly") {
    Json normalized;
    REQUIRE(validate_options(options_schema(http_sink_options().specs()), {{"url", "https://example.ru/leads"}}, normalized).empty());
    HttpSinkOptions o = read_http_sink_options(Options(normalized));
    CHECK(o.url == "https://example.ru/leads");
    CHECK(o.method == "POST");
    CHECK(o.headers.empty());
    CHECK(o.timeout_ms == 10000);
    CHECK(o.idempotency_header == "Idempotency-Key");
}

TEST_CASE("bad http options are refused before anything is sent") {
    FakeHost host;
    auto plugin = Harness::linked(host);
    CHECK_THAT(plugin.create("h"), Catch::Contains("option 'url' is required"));
    CHECK_THAT(plugin.create("h", {{"url", "http://127.0.0.1:1/"}, {"method", "GET"}}), Catch::Contains("must be one of POST, PUT"));
    CHECK_THAT(plugin.create("h", {{"url", "http://127.0.0.1:1/"}, {"timeout_ms", 0}}), Catch::Contains("at least 100"));
    CHECK_THAT(plugin.create("h", {{"url", "http://127.0.0.1:1/"}, {"timeout_ms", "fast"}}), Catch::Contains("whole number"));
    CHECK_THAT(plugin.create("h", {{"url", "ftp://example.ru/"}}), Catch::Contains("option 'url' must be an http:// or https://"));
    CHECK_THAT(plugin.create("h", {{"url", "example.ru/hook"}}), Catch::Contains("option 'url'"));
    CHECK_THAT(plugin.create("h", {{"url", "http://a.ru/x y"}}), Catch::Contains("without spaces"));
    CHECK_THAT(plugin.create("h", {{"url", "http://a.ru/"}, {"headers", {{"X-Token", "a\r\nX-Evil: 1"}}}}),
               Catch::Contains("contains a line break"));
    CHECK_THAT(plugin.create("h", {{"url", "http://a.ru/"}, {"headers", {{"Bad Name", "v"}}}}),
               Catch::Contains("'Bad Name' is not a valid header name"));
    CHECK_THAT(plugin.create("h", {{"url", "http://a.ru/"}, {"idempotency_header", "Idem:Key"}}),
               Catch::Contains("option 'idempotency_header'"));
    CHECK(plugin.create("h", {{"url", "http://a.ru/"}, {"idempotency_header", ""}}) == "");
}
