// The strict reading of what plugins write back: outcomes, webhook results, processor output.
#include <catch2/catch.hpp>

#include "kit/result_shape.hpp"

using namespace leadhub::kit;

TEST_CASE("well-formed outcomes pass and are summarised") {
    CHECK(outcome_problem(R"({"status": "ok"})") == "");
    CHECK(outcome_problem(R"({"status": "ok", "external_id": "42"})") == "");
    CHECK(outcome_problem(R"({"status": "retry", "reason": "HTTP 503", "retry_after_ms": 3000})") == "");
    CHECK(outcome_problem(R"({"status": "permanent", "reason": "HTTP 422: bad phone"})") == "");
    CHECK(outcome_summary(R"({"status": "ok", "external_id": "42"})") == "ok (external id '42')");
    CHECK(outcome_summary(R"({"status": "retry", "reason": "connection refused"})") == "retry: connection refused");
}

TEST_CASE("malformed outcomes are named precisely") {
    CHECK_THAT(outcome_problem(""), Catch::Contains("no outcome at all"));
    CHECK_THAT(outcome_problem("ok, delivered!"), Catch::Contains("not JSON: 'ok, delivered!'"));
    CHECK_THAT(outcome_problem("[1]"), Catch::Contains("not a JSON object"));
    CHECK_THAT(outcome_problem(R"({"reason": "x"})"), Catch::Contains("no string 'status'"));
    CHECK_THAT(outcome_problem(R"({"status": "done"})"), Catch::Contains("'done' is not one of ok, retry, permanent"));
    CHECK_THAT(outcome_problem(R"({"status": "retry"})"), Catch::Contains("needs a non-empty 'reason'"));
    CHECK_THAT(outcome_problem(R"({"status": "permanent", "reason": ""})"), Catch::Contains("needs a non-empty 'reason'"));
    CHECK_THAT(outcome_problem(R"({"status": "ok", "external_id": 42})"), Catch::Contains("must be a string"));
    CHECK_THAT(outcome_problem(R"({"status": "retry", "reason": "x", "retry_after_ms": -5})"), Catch::Contains(">= 0"));
    CHECK_THAT(outcome_problem(R"({"status": "retry", "reason": "x", "retry_after_ms": "soon"})"), Catch::Contains("whole number"));
    CHECK_THAT(outcome_problem(R"({"status": "permanent", "reason": "x", "retry_after_ms": 5})"),
               Catch::Contains("only a retry outcome"));
}

TEST_CASE("webhook results are read and checked") {
    auto ok = read_webhook_answer(R"({"status": 400, "body": "bad", "headers": {}, "messages": []})");
    CHECK(ok.problem == "");
    CHECK(ok.status == 400);
    CHECK(ok.body == "bad");
    CHECK(read_webhook_answer(R"({"status": 200, "messages": [{"channel": "x"}, {"channel": "y"}]})").messages == 2);

    CHECK_THAT(read_webhook_answer("").problem, Catch::Contains("no webhook result"));
    CHECK_THAT(read_webhook_answer("{\"status\": 200, ").problem, Catch::Contains("not JSON"));
    CHECK_THAT(read_webhook_answer(R"({"status": "200"})").problem, Catch::Contains("no integer 'status'"));
    CHECK_THAT(read_webhook_answer(R"({"status": 999})").problem, Catch::Contains("not an HTTP status"));
    CHECK_THAT(read_webhook_answer(R"({"status": 200, "body": 5})").problem, Catch::Contains("'body' must be a string"));
    CHECK_THAT(read_webhook_answer(R"({"status": 200, "headers": {"a": 1}})").problem, Catch::Contains("object of strings"));
    CHECK_THAT(read_webhook_answer(R"({"status": 200, "messages": {}})").problem, Catch::Contains("must be a list"));
    CHECK_THAT(read_webhook_answer(R"({"status": 200, "messages": [{"text": "x"}]})").problem,
               Catch::Contains("string 'channel'"));
}

TEST_CASE("processor output must be a JSON object with a readable error") {
    CHECK(processor_output_problem(R"({"intent": "booking"})") == "");
    CHECK(processor_output_problem(R"({"error": "no text"})") == "");
    CHECK_THAT(processor_output_problem(""), Catch::Contains("no output"));
    CHECK_THAT(processor_output_problem("[1, 2"), Catch::Contains("not JSON"));
    CHECK_THAT(processor_output_problem("[1, 2]"), Catch::Contains("not a JSON object"));
    CHECK_THAT(processor_output_problem(R"({"error": 5})"), Catch::Contains("non-empty string"));
}

TEST_CASE("excerpts cut long text and say how long it was") {
    CHECK(excerpt("short") == "short");
    CHECK(excerpt(std::string(300, 'x'), 10) == std::string(10, 'x') + "… (300 bytes)");
}
