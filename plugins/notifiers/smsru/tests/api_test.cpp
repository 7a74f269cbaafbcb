// SMS.ru's request and answers without I/O: the exact form body, the documented answers (the
// vendor's samples in tests/data), per-number errors under a top-level OK, the plain-text form,
// codes as strings, and what is not SMS.ru's format.
#include "smsru_api.hpp"

#include <catch2/catch.hpp>

#include <leadhub/sdk/form.hpp>
#include <leadhub/sdk/json.hpp>

#include <fstream>
#include <sstream>

using namespace leadhub::smsru;
using leadhub::sdk::HttpResponse;
using leadhub::sdk::Json;
using leadhub::sdk::Outcome;

namespace {
Json sample(const std::string& file) {
    std::ifstream in(std::string(LEADHUB_TEST_DATA) + "/" + file);
    std::stringstream text;
    text << in.rdbuf();
    return Json::parse(text.str());
}
HttpResponse json_answer(const Json& body) { return {200, {{"Content-Type", "application/json"}}, body.dump(), ""}; }
SmsRuOptions options() {
    auto o = smsru_options().defaults();
    o.api_id = "KEY-1";
    return o;
}
}  // namespace

TEST_CASE("a send is a form POST to /sms/send with json=1 and the numbers joined by commas") {
    auto o = options();
    o.base_url = "http://127.0.0.1:9/";
    o.from = "Salon";
    o.test = true;
    auto r = build_send(o, {"79161234567", "79031112233"}, "Новая заявка: Анна");
    CHECK(r.method == "POST");
    CHECK(r.target == "http://127.0.0.1:9/sms/send");
    CHECK(r.header("Content-Type") == "application/x-www-form-urlencoded");
    auto form = leadhub::sdk::parse_form(r.body);
    CHECK(leadhub::sdk::form_value(form, "api_id") == "KEY-1");
    CHECK(leadhub::sdk::form_value(form, "to") == "79161234567,79031112233");
    CHECK(leadhub::sdk::form_value(form, "msg") == "Новая заявка: Анна");
    CHECK(leadhub::sdk::form_value(form, "json") == "1");
    CHECK(leadhub::sdk::form_value(form, "from") == "Salon");
    CHECK(leadhub::sdk::form_value(form, "test") == "1");
    CHECK(r.body.find("translit") == std::string::npos);
    CHECK(r.timeout_ms == 15000);
}

TEST_CASE("the vendor's sample: a top-level OK with one number refused") {
    Json s = sample("sms-send.json");
    auto results = read_send_answer(json_answer(s["response"]["body"]), {"79255070602", "74993221627"}, 1);
    REQUIRE(results.size() == 2);
    CHECK(results[0].kind == Outcome::Kind::ok);
    CHECK(results[0].detail == "000000-10000000");
    CHECK(results[1].kind == Outcome::Kind::permanent);
    CHECK(results[1].detail.find("код 207") != std::string::npos);
}

TEST_CASE("a refused request applies to every number: no money is permanent and says so") {
    Json s = sample("error.request.json");
    auto results = read_send_answer(json_answer(s["response"]["body"]), {"79161234567", "79031112233"}, 1);
    REQUIRE(results.size() == 2);
    for (const auto& r : results) {
        CHECK(r.kind == Outcome::Kind::permanent);
        CHECK(r.detail.find("не хватает денег") != std::string::npos);
    }
}

TEST_CASE("codes are classified, as numbers or as strings, with extra fields anywhere") {
    auto one = [](const Json& body, int attempt = 1) { return read_send_answer(json_answer(body), {"79161234567"}, attempt).at(0); };
    auto top = [&](const Json& code, int attempt = 1) {
        return one({{"status", "ERROR"}, {"status_code", code}, {"status_text", "…"}, {"extra", {1, 2}}}, attempt);
    };
    CHECK(top(200).detail.find("api_id") != std::string::npos);
    CHECK(top("301").kind == Outcome::Kind::permanent);
    CHECK(top(204).detail.find("from") != std::string::npos);
    CHECK(top(205).detail.find("template") != std::string::npos);
    CHECK(top(206).kind == Outcome::Kind::permanent);
    CHECK(top(220).kind == Outcome::Kind::retry);
    CHECK(top(999).kind == Outcome::Kind::permanent);
    auto number = [&](const Json& code, int attempt = 1) {
        return one({{"balance", "12.5"}, {"sms", {{"79161234567", {{"status_code", code}, {"status", "ERROR"}}}}}, {"status_code", 100}, {"status", "OK"}},
                   attempt);
    };
    CHECK(number(209).detail.find("стоп-лист") != std::string::npos);
    CHECK(number("230").kind == Outcome::Kind::permanent);
    auto dup = number(231);
    CHECK(dup.kind == Outcome::Kind::retry);
    CHECK(dup.retry_after_ms == 60000);
    CHECK(number(231, 2).kind == Outcome::Kind::ok);  // our own lost attempt got there
    CHECK(number(232, 1).kind == Outcome::Kind::permanent);
    CHECK(number(232, 3).kind == Outcome::Kind::ok);
    auto ok = one({{"status", "OK"}, {"status_code", "100"}, {"sms", {{"79161234567", {{"status", "OK"}, {"status_code", "100"}, {"sms_id", 777}}}}}});
    CHECK(ok.kind == Outcome::Kind::ok);
    CHECK(ok.detail == "777");
    // The request taken, the number not reported: unknown, so retried.
    CHECK(one({{"status", "OK"}, {"status_code", 100}, {"sms", Json::object()}}).kind == Outcome::Kind::retry);
    CHECK(one({{"status", "OK"}, {"status_code", 100}}).kind == Outcome::Kind::retry);
}

TEST_CASE("the plain-text answer: ids one a line, an error code, balance lines skipped") {
    HttpResponse text{200, {{"Content-Type", "text/plain"}}, "100\r\n000000-1\n000000-2\nbalance=4122.56\n", ""};
    auto results = read_send_answer(text, {"79161234567", "79031112233"}, 1);
    CHECK(results.at(0).detail == "000000-1");
    CHECK(results.at(1).detail == "000000-2");
    CHECK(results.at(1).kind == Outcome::Kind::ok);
    HttpResponse refused{200, {}, "201\n", ""};
    CHECK(read_send_answer(refused, {"79161234567"}, 1).at(0).detail.find("денег") != std::string::npos);
}

TEST_CASE("what is not SMS.ru's format is retried; HTTP errors are classified before the body") {
    for (const std::string body : {"", "<html><body>502 Bad Gateway</body></html>", "{\"status\":", "[1,2]", "{\"foo\":1}", "100abc"}) {
        auto r = read_send_answer({200, {}, body, ""}, {"79161234567"}, 1).at(0);
        CHECK(r.kind == Outcome::Kind::retry);
        CHECK(r.detail.find("формате") != std::string::npos);
    }
    HttpResponse dropped;
    dropped.error = "connection reset by peer";
    CHECK(read_send_answer(dropped, {"79161234567"}, 1).at(0).kind == Outcome::Kind::retry);
    auto busy = read_send_answer({429, {{"Retry-After", "7"}}, "", ""}, {"79161234567"}, 1).at(0);
    CHECK(busy.kind == Outcome::Kind::retry);
    CHECK(busy.retry_after_ms == 7000);
    CHECK(read_send_answer({404, {}, "no", ""}, {"79161234567"}, 1).at(0).kind == Outcome::Kind::permanent);
}
