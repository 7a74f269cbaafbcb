// GigaChat's token exchange, pure parts: the request follows the vendor's sample, and every
// answer of the OAuth endpoint is classified.
#include <catch2/catch.hpp>

#include "gigachat_token.hpp"
#include "test_support.hpp"

#include <set>

using namespace leadhub::llm;
using leadhub::sdk::HttpResponse;
using leadhub::sdk::Json;
using llm_test::recorded_response;
using llm_test::sample;

TEST_CASE("the token request is the vendor's sample with our key, scope and a fresh RqUID") {
    LlmOptions o = llm_options().defaults();
    o.api_key = "Y2xpZW50OnNlY3JldA==";
    o.scope = "GIGACHAT_API_B2B";
    o.timeout_ms = 4000;
    const auto r = gigachat_token_request(o, "6f0b1291-c7f3-43c6-bb2e-9f3efb2dc98e");
    const Json vendor = sample("gigachat-oauth-token.json")["request"];
    CHECK(r.method == vendor["method"]);
    CHECK(r.target == vendor["path"]);
    CHECK(r.timeout_ms == 4000);
    CHECK(r.header("Content-Type") == vendor["headers"]["Content-Type"]);
    CHECK(r.header("Accept") == vendor["headers"]["Accept"]);
    CHECK(r.header("RqUID") == vendor["headers"]["RqUID"]);
    CHECK(r.header("Authorization") == "Basic Y2xpZW50OnNlY3JldA==");
    CHECK(r.body == "scope=GIGACHAT_API_B2B");
}

TEST_CASE("the sample's token answer is read") {
    auto result = read_gigachat_token_response(recorded_response(sample("gigachat-oauth-token.json")));
    REQUIRE(std::holds_alternative<GigachatToken>(result));
    CHECK(std::get<GigachatToken>(result).access_token == "<access_token>");
    CHECK(std::get<GigachatToken>(result).expires_at_ms == 1706026848841);
}

TEST_CASE("an expires_at in seconds is taken as seconds") {
    auto result = read_gigachat_token_response(HttpResponse{200, {}, R"({"access_token": "t", "expires_at": 1706026848})", ""});
    REQUIRE(std::holds_alternative<GigachatToken>(result));
    CHECK(std::get<GigachatToken>(result).expires_at_ms == 1706026848000);
}

TEST_CASE("every answer of the OAuth endpoint is classified") {
    auto failure = [](const HttpResponse& r) {
        auto result = read_gigachat_token_response(r);
        REQUIRE(std::holds_alternative<ChatFailure>(result));
        return std::get<ChatFailure>(result);
    };
    auto refused = failure({401, {}, R"({"code": 6, "message": "credentials doesn't match db data"})", ""});
    CHECK_FALSE(refused.retryable);
    CHECK(refused.reason == "GigaChat refused the authorization key (HTTP 401; check api_key and scope): credentials doesn't match db data");
    CHECK_FALSE(failure({400, {}, "scope is invalid", ""}).retryable);
    CHECK(failure({429, {{"Retry-After", "1"}}, "", ""}).retry_after_ms == 1000);
    CHECK(failure({429, {}, "", ""}).retryable);
    CHECK(failure({502, {}, "", ""}).retryable);
    auto timeout = failure({0, {}, "", "connection refused"});
    CHECK(timeout.retryable);
    CHECK_THAT(timeout.reason, Catch::Contains("connection refused"));
    CHECK_THAT(failure({200, {}, R"({"tok": "x"})", ""}).reason, Catch::Contains("no access_token"));
    CHECK_FALSE(failure({200, {}, "not json", ""}).retryable);
}

TEST_CASE("RqUIDs are version-4 UUIDs, a new one each time") {
    std::set<std::string> seen;
    for (int i = 0; i < 50; ++i) {
        const std::string id = new_rq_uid();
        REQUIRE(id.size() == 36);
        CHECK(id[8] == '-');
        CHECK(id[14] == '4');
        CHECK(std::string("89ab").find(id[19]) != std::string::npos);
        seen.insert(id);
    }
    CHECK(seen.size() == 50);
}
