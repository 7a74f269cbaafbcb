// The Graph API error envelope and its classification.
#include "graph_api.hpp"

#include <catch2/catch.hpp>

using namespace leadhub;
using Kind = sdk::Outcome::Kind;

namespace {

sdk::HttpResponse answer(int status, const sdk::Json& body) {
    sdk::HttpResponse r;
    r.status = status;
    r.body = body.dump();
    return r;
}

sdk::Json error_body(int64_t code, const std::string& message, int64_t subcode = 0) {
    sdk::Json e = {{"message", message}, {"type", "OAuthException"}, {"code", code}, {"fbtrace_id", "A1"}};
    if (subcode) e["error_subcode"] = subcode;
    return {{"error", e}};
}

sdk::Outcome classify(int status, const sdk::Json& body) {
    auto r = answer(status, body);
    return meta::classify_graph_failure(r, meta::read_graph_error(r.body), "WhatsApp");
}

}  // namespace

TEST_CASE("the error envelope is read field by field") {
    auto e = meta::read_graph_error(R"({"error":{"message":"(#131047) Re-engagement message","type":"OAuthException",
        "code":131047,"error_subcode":2494010,"error_data":{"messaging_product":"whatsapp","details":"more than 24 hours"},
        "is_transient":false,"fbtrace_id":"x"}})");
    CHECK(e.present);
    CHECK(e.code == 131047);
    CHECK(e.subcode == 2494010);
    CHECK(e.details == "more than 24 hours");
    CHECK(meta::describe(e) == "(#131047) Re-engagement message [subcode 2494010]: more than 24 hours");
    CHECK_FALSE(meta::read_graph_error("not json").present);
    CHECK_FALSE(meta::read_graph_error(R"({"messages":[]})").present);
    CHECK(meta::read_graph_error(R"({"error":{"code":"100"}})").code == 100);
    CHECK(meta::read_graph_error(R"({"error":{"code":1e300}})").code == 0);
}

TEST_CASE("an invalid token is permanent and names the option") {
    auto o = classify(401, error_body(190, "Error validating access token: Session has expired"));
    CHECK(o.kind == Kind::permanent);
    CHECK(o.reason.find("access_token") != std::string::npos);
    CHECK(classify(400, error_body(190, "Invalid OAuth access token", 460)).kind == Kind::permanent);
    CHECK(classify(401, sdk::Json::object()).reason.find("access_token") != std::string::npos);
}

TEST_CASE("rate limits and Meta's own failures are retried") {
    CHECK(classify(429, error_body(130429, "Rate limit hit")).kind == Kind::retry);
    auto pair = classify(400, error_body(131056, "(Business Account, Consumer Account) pair rate limit hit"));
    CHECK(pair.kind == Kind::retry);
    CHECK(pair.retry_after_ms == 60000);
    CHECK(classify(400, error_body(4, "Application request limit reached")).kind == Kind::retry);
    CHECK(classify(400, error_body(80007, "Rate limit issues")).kind == Kind::retry);
    CHECK(classify(500, error_body(131000, "Something went wrong")).kind == Kind::retry);
    CHECK(classify(500, error_body(1, "An unknown error occurred")).kind == Kind::retry);
    CHECK(classify(503, error_body(2, "Service temporarily unavailable")).kind == Kind::retry);
    CHECK(classify(502, sdk::Json::object()).kind == Kind::retry);
    CHECK(classify(400, {{"error", {{"code", 999}, {"is_transient", true}}}}).kind == Kind::retry);

    sdk::HttpResponse limited = answer(429, sdk::Json::object());
    limited.headers["Retry-After"] = "30";
    auto o = meta::classify_graph_failure(limited, meta::read_graph_error(limited.body), "Instagram");
    CHECK(o.kind == Kind::retry);
    CHECK(o.retry_after_ms == 30000);

    sdk::HttpResponse down;
    down.error = "connection refused";
    auto network = meta::classify_graph_failure(down, {}, "WhatsApp");
    CHECK(network.kind == Kind::retry);
    CHECK(network.reason.find("connection refused") != std::string::npos);
}

TEST_CASE("bad requests and refusals are permanent with Meta's words") {
    auto invalid = classify(400, error_body(100, "(#100) Invalid parameter"));
    CHECK(invalid.kind == Kind::permanent);
    CHECK(invalid.reason.find("(#100) Invalid parameter") != std::string::npos);
    CHECK(classify(400, error_body(131026, "Message Undeliverable")).kind == Kind::permanent);
    CHECK(classify(400, error_body(132000, "Number of parameters does not match")).kind == Kind::permanent);
    CHECK(classify(400, error_body(131008, "Required parameter is missing")).kind == Kind::permanent);
    CHECK(classify(403, error_body(200, "Permissions error")).reason.find("permission") != std::string::npos);
    CHECK(classify(400, error_body(368, "Temporarily blocked for policies violations")).kind == Kind::permanent);
    CHECK(classify(404, sdk::Json("not found")).kind == Kind::permanent);
    // A line break in Meta's words cannot forge a log line.
    CHECK(classify(400, error_body(100, "bad\nline")).reason.find('\n') == std::string::npos);
}

TEST_CASE("a Graph POST carries the token as a Bearer header") {
    auto r = meta::graph_post("https://graph.facebook.com/", "v21.0", "123/messages", "TOKEN", {{"a", 1}});
    CHECK(r.method == "POST");
    CHECK(r.target == "https://graph.facebook.com/v21.0/123/messages");
    CHECK(r.headers["Authorization"] == "Bearer TOKEN");
    CHECK(r.body == R"({"a":1})");
}
