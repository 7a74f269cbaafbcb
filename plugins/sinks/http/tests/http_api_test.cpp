#include <catch2/catch.hpp>

#include "http_api.hpp"

#include <leadhub/sdk/form.hpp>
#include <leadhub/sdk/testing.hpp>

using namespace leadhub::sdk;
using namespace leadhub::http_sink;

namespace {
constexpr int64_t now = 1767225600000;  // 2026-01-01T00:00:00Z

HttpResponse answer(int status, std::string body = "", Headers headers = {}) {
    HttpResponse r;
    r.status = status;
    r.body = std::move(body);
    r.headers = std::move(headers);
    return r;
}
}  // namespace

TEST_CASE("a delivery becomes the documented request") {
    HttpSinkOptions o = http_sink_options().defaults();
    o.url = "https://crm.example.ru/api/leads";
    o.method = "PUT";
    o.headers = {{"Authorization", "Bearer t0k"}, {"Idempotency-Key", "configured"}};
    o.timeout_ms = 2500;
    Json lead = {{"id", 42}, {"tenant", "salon"}, {"name", "Анна"}, {"phone", "+79161234567"},
                 {"utm", {{"utm_source", "vk"}}}, {"future_field", true}};
    Delivery d = testing::make_delivery(lead, 7, 3);
    HttpRequest r = build_request(o, d);
    CHECK(r.method == "PUT");
    CHECK(r.target == "https://crm.example.ru/api/leads");
    CHECK(r.timeout_ms == 2500);
    CHECK(r.header("content-type") == "application/json; charset=utf-8");
    CHECK(r.header("Authorization") == "Bearer t0k");
    CHECK(r.header("Idempotency-Key") == "lead-7");
    Json body = Json::parse(r.body);
    CHECK(body == Json{{"idempotency_key", "lead-7"}, {"attempt", 3}, {"kind", "lead"}, {"tenant", "salon"}, {"lead", lead}});
}

TEST_CASE("the idempotency header can be renamed or left out") {
    HttpSinkOptions o = http_sink_options().defaults();
    o.url = "http://127.0.0.1:9/";
    o.idempotency_header = "X-Request-Id";
    Delivery d = testing::make_delivery({{"id", 1}}, 9);
    CHECK(build_request(o, d).header("X-Request-Id") == "lead-9");
    CHECK(build_request(o, d).header("Idempotency-Key").empty());
    o.idempotency_header = "";
    CHECK(build_request(o, d).headers.size() == 2);  // Content-Type and Accept only
}

TEST_CASE("2xx is ok, with the id the endpoint gave") {
    CHECK(classify_response(answer(200, R"({"id": "L-17"})"), now).external_id == "L-17");
    CHECK(classify_response(answer(201, R"({"id": 1234567890123})"), now).external_id == "1234567890123");
    auto no_id = classify_response(answer(204), now);
    CHECK(no_id.kind == Outcome::Kind::ok);
    CHECK(no_id.external_id.empty());
    CHECK(classify_response(answer(200, "<html>ok</html>"), now).external_id.empty());
    CHECK(classify_response(answer(200, R"({"id": {"nested": 1}})"), now).external_id.empty());
    CHECK(classify_response(answer(200, R"([{"id": "x"}])"), now).external_id.empty());
    CHECK(classify_response(answer(299), now).kind == Outcome::Kind::ok);
}

TEST_CASE("408, 425, 429 and 5xx are retried with the endpoint's reason") {
    for (int status : {408, 425, 429, 500, 502, 503, 504, 599}) {
        INFO(status);
        auto o = classify_response(answer(status, "busy"), now);
        CHECK(o.kind == Outcome::Kind::retry);
        CHECK(o.reason == "HTTP " + std::to_string(status) + ": busy");
        CHECK_FALSE(o.retry_after_ms);
    }
}

TEST_CASE("Retry-After is honoured in seconds and as an HTTP date") {
    CHECK(classify_response(answer(429, "", {{"Retry-After", "120"}}), now).retry_after_ms == 120000);
    CHECK(classify_response(answer(503, "", {{"retry-after", "0"}}), now).retry_after_ms == 0);
    CHECK(classify_response(answer(503, "", {{"Retry-After", "Thu, 01 Jan 2026 00:01:30 GMT"}}), now).retry_after_ms == 90000);
    CHECK(classify_response(answer(503, "", {{"Retry-After", "Wed, 31 Dec 2025 23:00:00 GMT"}}), now).retry_after_ms == 0);
    CHECK_FALSE(classify_response(answer(503, "", {{"Retry-After", "soon"}}), now).retry_after_ms);
    CHECK_FALSE(classify_response(answer(503, "", {{"Retry-After", "-5"}}), now).retry_after_ms);
    CHECK_FALSE(classify_response(answer(503, "", {{"Retry-After", "99999999999999999999"}}), now).retry_after_ms);
    CHECK(parse_retry_after(" 7 ", now) == 7000);
}

TEST_CASE("no response is a retry carrying the network error") {
    HttpResponse refused;
    refused.error = "connection refused";
    auto o = classify_response(refused, now);
    CHECK(o.kind == Outcome::Kind::retry);
    CHECK(o.reason == "connection refused");
    CHECK(classify_response(HttpResponse{}, now).reason == "no response from the endpoint");
}

TEST_CASE("other 4xx are permanent with the code and the start of the body") {
    for (int status : {400, 401, 403, 404, 409, 410, 413, 422}) {
        INFO(status);
        auto o = classify_response(answer(status, R"({"error":"bad phone"})"), now);
        CHECK(o.kind == Outcome::Kind::permanent);
        CHECK(o.reason == "HTTP " + std::to_string(status) + R"(: {"error":"bad phone"})");
    }
    std::string long_body(500, 'x');
    CHECK(classify_response(answer(400, long_body), now).reason == "HTTP 400: " + std::string(200, 'x'));
}

TEST_CASE("redirects are permanent and say where to point the url") {
    auto o = classify_response(answer(301, "", {{"Location", "https://new.example.ru/leads"}}), now);
    CHECK(o.kind == Outcome::Kind::permanent);
    CHECK_THAT(o.reason, Catch::StartsWith("HTTP 301: "));
    CHECK_THAT(o.reason, Catch::Contains("https://new.example.ru/leads"));
}

TEST_CASE("the body excerpt never splits a character") {
    std::string cyrillic;
    for (int i = 0; i < 150; ++i) cyrillic += "ж";  // 2 bytes each
    CHECK(body_excerpt(cyrillic).size() == 200);
    std::string shifted = "a" + cyrillic;
    CHECK(body_excerpt(shifted).size() == 199);
    CHECK(body_excerpt(shifted) == "a" + cyrillic.substr(0, 198));
    CHECK(body_excerpt("short") == "short");
}

TEST_CASE("a body template names what an integrator's system needs, as JSON or as a form") {
    HttpSinkOptions o = http_sink_options().defaults();
    o.url = "https://erp.example.ru/hook";
    o.body_template = {{"client", "{{name|без имени}}"},
                       {"manager", "{{assignee_name}} {{assignee_contacts.phone}}"},
                       {"services", "{{service_names}}"},
                       {"service_list", "{{service_names}}"},
                       {"chat", "{{conversation}}"},
                       {"score", "{{ score }}"},
                       {"key", "{{delivery.idempotency_key}}"}};
    o.body_template["service_list"] = "{{service_names}}";
    o.body_template["services"] = "Услуги: {{service_names}}";
    Json lead = {{"id", 42}, {"name", "Анна"}, {"assignee_name", "Ольга"}, {"assignee_contacts", {{"phone", "+79130000001"}}},
                 {"service_names", {"Маникюр", "Педикюр"}}, {"score", "hot"},
                 {"conversation", {{{"kind", "customer"}, {"text", "=HYPERLINK(\"x\")"}}}}};
    Delivery d = testing::make_delivery(lead, 7, 1);
    HttpRequest r = build_request(o, d);
    CHECK(r.header("content-type") == "application/json; charset=utf-8");
    Json body = Json::parse(r.body);
    CHECK(body["client"] == "Анна");
    CHECK(body["manager"] == "Ольга +79130000001");
    CHECK(body["services"] == "Услуги: Маникюр, Педикюр");
    CHECK(body["service_list"] == Json{"Маникюр", "Педикюр"});  // one {{path}}: the value with its type
    CHECK(body["chat"][0]["text"] == "=HYPERLINK(\"x\")");
    CHECK(body["score"] == "hot");
    CHECK(body["key"] == "lead-7");

    o.body_format = "form";
    o.body_template = {{"client", "{{name}}"}, {"services", "{{service_names}}"}, {"missing", "{{nothing}}"}};
    HttpRequest f = build_request(o, d);
    CHECK(f.header("content-type") == "application/x-www-form-urlencoded");
    auto form = parse_form(f.body);
    CHECK(form_value(form, "client") == "Анна");
    CHECK(form_value(form, "services") == "Маникюр, Педикюр");
    CHECK(form_value(form, "missing").empty());
}

TEST_CASE("a broken body template or a form without one is a config error naming the option") {
    auto normalized = [](const Json& given) {
        Json out;
        REQUIRE(validate_options(options_schema(http_sink_options().specs()), given, out).empty());
        return Options(out);
    };
    CHECK_THROWS_WITH(read_http_sink_options(normalized({{"url", "https://x.example.ru"},
                                                         {"body_template", {{"a", "{{#name}}never closed"}}}})),
                      Catch::Contains("option 'body_template': the template of 'a': section 'name' is never closed"));
    CHECK_THROWS_WITH(read_http_sink_options(normalized({{"url", "https://x.example.ru"}, {"body_format", "form"}})),
                      Catch::Contains("form needs a body_template"));
}
