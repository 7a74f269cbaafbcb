// The processor through its real C exports on the SDK's fake host acting as an OpenAI-compatible
// server: the exact request it sends, the reading it returns, and the classified error of every
// kind of failure, each of which the core answers by keeping the built-in reading.
#include <catch2/catch.hpp>

#include "test_support.hpp"

#include <leadhub/sdk/testing.hpp>

using namespace leadhub::sdk;
using leadhub::sdk::testing::FakeHost;
using leadhub::sdk::testing::Harness;
using llm_test::answer_from;
using llm_test::recorded_response;
using llm_test::sample;
using llm_test::understand_input;

namespace {
const char* kSchemaSample = "openai-chat-completions.json-schema.json";

const Json kOpenAi = {{"base_url", "http://127.0.0.1:8089/v1"}, {"api_key", "sk-test-secret"}, {"model", "gpt-4o-mini"},
                      {"timeout_ms", 5000}};

// Runs one process() call against a server that answers `response`.
Json process_with(FakeHost& host, HttpResponse response, const Json& options = kOpenAi) {
    host.on_http = [response](const HttpRequest&) { return response; };
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("llm", options) == "");
    REQUIRE(plugin.start() == "");
    return plugin.process(understand_input());
}
}  // namespace

TEST_CASE("the processor sends the exact chat-completions request and returns the checked reading") {
    FakeHost host;
    Json options = kOpenAi;
    options["max_tokens"] = 300;
    options["extra_headers"] = {{"OpenAI-Organization", "org-salon"}};
    const Json out = process_with(host, answer_from(kSchemaSample, llm_test::kGoodReading), options);

    CHECK(out == Json{{"intent", "book"}, {"services", {"manicure"}}, {"urgent", false}, {"name", "Анна"},
                      {"phone", "+79131234567"}, {"date", "2026-03-03"}, {"time", "14:00"}, {"daypart", nullptr},
                      {"backend", "llm"}, {"model", "gpt-4o-mini-2024-07-18"}});

    REQUIRE(host.http_calls.size() == 1);
    const HttpRequest& sent = host.http_calls[0];
    CHECK(sent.method == "POST");
    CHECK(sent.target == "http://127.0.0.1:8089/v1/chat/completions");
    CHECK(sent.timeout_ms == 5000);
    CHECK(sent.header("Authorization") == "Bearer sk-test-secret");
    CHECK(sent.header("Content-Type") == "application/json");
    CHECK(sent.header("OpenAI-Organization") == "org-salon");
    const Json body = Json::parse(sent.body);
    CHECK(body["model"] == "gpt-4o-mini");
    CHECK(body["temperature"] == 0);
    CHECK(body["max_tokens"] == 300);
    REQUIRE(body["messages"].size() == 2);
    CHECK(body["messages"][0]["role"] == "system");
    CHECK_THAT(body["messages"][0]["content"].get<std::string>(), Catch::Contains("Answer with one JSON object"));
    CHECK(body["messages"][1]["role"] == "user");
    CHECK_THAT(body["messages"][1]["content"].get<std::string>(),
               Catch::Contains("Можно на маникюр завтра в 14:00?") && Catch::Contains("- manicure: Маникюр"));
    CHECK(body["response_format"]["type"] == "json_schema");
    CHECK(body["response_format"]["json_schema"]["schema"]["properties"]["services"]["items"]["enum"] ==
          Json::array({"manicure", "haircut"}));

    CHECK(host.metrics["llm_requests"] == 1);
    CHECK(host.metrics["llm_readings"] == 1);
    CHECK(host.metrics["llm_tokens"] == 86);
    CHECK_FALSE(host.logged("sk-test-secret"));
}

TEST_CASE("the model's name falls back to the option when the server does not say") {
    FakeHost host;
    Json s = sample(kSchemaSample);
    s["response"]["body"].erase("model");
    s["response"]["body"]["choices"][0]["message"]["content"] = llm_test::kGoodReading;
    CHECK(process_with(host, recorded_response(s))["model"] == "gpt-4o-mini");
}

TEST_CASE("a local server without a key gets no Authorization header") {
    FakeHost host;
    const Json out = process_with(host, answer_from(kSchemaSample, llm_test::kGoodReading),
                                  {{"base_url", "http://127.0.0.1:11434/v1"}, {"model", "qwen2.5:7b"}, {"response_format", "none"}});
    CHECK(out["backend"] == "llm");
    REQUIRE(host.http_calls.size() == 1);
    CHECK(host.http_calls[0].header("Authorization").empty());
    CHECK_FALSE(Json::parse(host.http_calls[0].body).contains("response_format"));
}

TEST_CASE("unknown service ids are dropped and reported in warnings") {
    FakeHost host;
    Json reading = Json::parse(llm_test::kGoodReading);
    reading["services"] = {"manicure", "pedicure"};
    const Json out = process_with(host, answer_from(kSchemaSample, reading.dump()));
    CHECK(out["services"] == Json::array({"manicure"}));
    CHECK(out["warnings"] == Json::array({"service 'pedicure' is not in the catalog: dropped"}));
}

TEST_CASE("every error sample becomes a classified error") {
    FakeHost host;
    SECTION("429 rate limit: retryable after Retry-After") {
        const Json out = process_with(host, recorded_response(sample("openai-error.429-rate-limit.json")));
        CHECK(out["retryable"] == true);
        CHECK(out["retry_after_ms"] == 2000);
        CHECK_THAT(out["error"].get<std::string>(), Catch::StartsWith("HTTP 429: Rate limit reached"));
    }
    SECTION("429 insufficient quota: not retryable") {
        const Json out = process_with(host, recorded_response(sample("openai-error.429-insufficient-quota.json")));
        CHECK(out == Json{{"error", "HTTP 429: out of quota (waiting will not help; top up the account or raise its limit): "
                                    "You exceeded your current quota, please check your plan and billing details."},
                          {"retryable", false}});
    }
    SECTION("401: not retryable") {
        const Json out = process_with(
            host, HttpResponse{401, {}, R"({"error": {"message": "Incorrect API key provided: sk-tes***ret.", "code": "invalid_api_key"}})", ""});
        CHECK(out["retryable"] == false);
        CHECK_THAT(out["error"].get<std::string>(), Catch::Contains("HTTP 401: credentials rejected"));
    }
    SECTION("5xx: retryable") {
        const Json out = process_with(host, HttpResponse{503, {{"Retry-After", "5"}}, R"({"error": {"message": "The server is overloaded"}})", ""});
        CHECK(out == Json{{"error", "HTTP 503: The server is overloaded"}, {"retryable", true}, {"retry_after_ms", 5000}});
    }
    SECTION("timeout (status 0): retryable") {
        const Json out = process_with(host, HttpResponse{0, {}, "", "timeout after 5000 ms"});
        CHECK(out["retryable"] == true);
        CHECK_THAT(out["error"].get<std::string>(), Catch::Contains("timeout after 5000 ms"));
    }
    CHECK(host.metrics["llm_failures"] == 1);
    CHECK_FALSE(host.metrics.count("llm_readings"));
}

TEST_CASE("malformed answers are permanent errors with the reason") {
    FakeHost host;
    auto error_for = [&](const std::string& content) {
        const Json out = process_with(host, answer_from(kSchemaSample, content));
        CHECK(out["retryable"] == false);
        CHECK(out["invalid_answer"] == true);  // the model answered, but not a reading
        CHECK_FALSE(out.contains("intent"));
        return out["error"].get<std::string>();
    };
    Json reading = Json::parse(llm_test::kGoodReading);
    CHECK_THAT(error_for("Конечно! Запишу вас на маникюр."), Catch::Contains("not JSON"));
    reading["intent"] = "booking";
    CHECK_THAT(error_for(reading.dump()), Catch::Contains("field 'intent'") && Catch::Contains("\"booking\""));
    reading["intent"] = "book";
    reading["date"] = "03.03.2026";
    CHECK_THAT(error_for(reading.dump()), Catch::Contains("field 'date' must be a real date as YYYY-MM-DD, got \"03.03.2026\""));
    reading["date"] = nullptr;
    reading["urgent"] = "нет";
    CHECK_THAT(error_for(reading.dump()), Catch::Contains("field 'urgent'"));
    CHECK(error_for("{}").rfind("the model's answer fails the reading's schema: ", 0) == 0);
    CHECK(host.metrics["llm_invalid_answers"] == 5);

    const Json not_json = process_with(host, HttpResponse{200, {}, "<html>captive portal</html>", ""});
    CHECK(not_json["retryable"] == false);
    CHECK_FALSE(not_json.contains("invalid_answer"));  // no chat completion at all: an API failure
    CHECK_THAT(not_json["error"].get<std::string>(), Catch::Contains("not JSON"));
}

TEST_CASE("bad input is refused without calling the model") {
    FakeHost host;
    host.on_http = [](const HttpRequest&) { return HttpResponse{500, {}, "", ""}; };
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("llm", kOpenAi) == "");
    Json in = understand_input();
    in["task"] = "translate";
    CHECK(plugin.process(in) == Json{{"error", "bad input: task 'translate' is not supported: only 'understand' is"}, {"retryable", false}});
    in = understand_input("   ");
    CHECK_THAT(plugin.process(in)["error"].get<std::string>(), Catch::Contains("'text' is empty"));
    CHECK_THAT(plugin.process(Json::array({1}))["error"].get<std::string>(), Catch::Contains("input must be a JSON object"));
    CHECK(host.http_calls.empty());
}
