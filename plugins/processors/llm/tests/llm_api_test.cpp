// The chat-completions format on the vendors' own samples: the request we build has their shape,
// and every answer they document is classified as the contract says.
#include <catch2/catch.hpp>

#include "llm_api.hpp"
#include "test_support.hpp"

using namespace leadhub::llm;
using leadhub::sdk::HttpResponse;
using leadhub::sdk::Json;
using llm_test::answer_from;
using llm_test::recorded_response;
using llm_test::sample;

namespace {
ChatCall call_with(ResponseFormat format) {
    ChatCall c;
    c.model = "gpt-4o-mini";
    c.messages = {{"system", "правила"}, {"user", "сообщение"}};
    c.format = format;
    c.schema = reading_schema({"manicure", "haircut"});
    return c;
}

ChatFailure failure_of(const ChatResult& r) {
    REQUIRE(std::holds_alternative<ChatFailure>(r));
    return std::get<ChatFailure>(r);
}
}  // namespace

TEST_CASE("a json_schema request has the keys of OpenAI's structured-output sample") {
    const Json body = chat_request_body(call_with(ResponseFormat::json_schema));
    const Json vendor = sample("openai-chat-completions.json-schema.json")["request"]["body"];
    for (const auto& [key, value] : vendor.items()) CHECK(body.contains(key));
    CHECK(body["model"] == "gpt-4o-mini");
    CHECK(body["temperature"] == 0);
    CHECK(body["messages"] == Json::array({{{"role", "system"}, {"content", "правила"}}, {{"role", "user"}, {"content", "сообщение"}}}));
    CHECK(body["response_format"]["type"] == vendor["response_format"]["type"]);
    CHECK(body["response_format"]["json_schema"]["strict"] == true);
    CHECK(body["response_format"]["json_schema"]["name"] == "lead_reading");
    CHECK_FALSE(body.contains("max_tokens"));

    // Strict mode: every property required, nothing else allowed.
    const Json schema = body["response_format"]["json_schema"]["schema"];
    CHECK(schema["additionalProperties"] == false);
    CHECK(schema["required"].size() == schema["properties"].size());
    CHECK(schema["properties"]["services"]["items"]["enum"] == Json::array({"manicure", "haircut"}));
    CHECK(schema["properties"]["intent"]["enum"].size() == 6);
}

TEST_CASE("json_object and none requests follow the JSON-mode sample or send no format") {
    const Json object_body = chat_request_body(call_with(ResponseFormat::json_object));
    CHECK(object_body["response_format"] == sample("openai-chat-completions.json-object.json")["request"]["body"]["response_format"]);
    CHECK(object_body["response_format"] == sample("yandexgpt-chat-completions.openai-compatible.json")["request"]["body"]["response_format"]);
    const Json none_body = chat_request_body(call_with(ResponseFormat::none));
    CHECK_FALSE(none_body.contains("response_format"));
    ChatCall limited = call_with(ResponseFormat::none);
    limited.max_tokens = 300;
    limited.temperature = 0.3;
    CHECK(chat_request_body(limited)["max_tokens"] == 300);
    CHECK(chat_request_body(limited)["temperature"] == 0.3);
}

TEST_CASE("an empty catalog leaves the services' items without an enum") {
    CHECK_FALSE(reading_schema({})["properties"]["services"]["items"].contains("enum"));
}

TEST_CASE("headers carry the key in the scheme the provider wants") {
    LlmOptions o = llm_options().defaults();
    o.extra_headers = {{"x-folder-id", "b1gfolder"}};
    auto h = chat_request_headers(o, "sk-test");
    CHECK(h["Authorization"] == "Bearer sk-test");
    CHECK(h["Content-Type"] == "application/json");
    CHECK(h["x-folder-id"] == "b1gfolder");
    o.auth = AuthScheme::api_key;
    CHECK(chat_request_headers(o, "AQVN-key")["Authorization"] == "Api-Key AQVN-key");
    CHECK(chat_request_headers(o, "").count("Authorization") == 0);
}

TEST_CASE("the content, model and usage are read from every vendor's success sample") {
    for (const char* file : {"openai-chat-completions.json-schema.json", "openai-chat-completions.json-object.json",
                             "yandexgpt-chat-completions.openai-compatible.json", "gigachat-chat-completions.json"}) {
        INFO(file);
        const Json s = sample(file);
        auto r = read_chat_response(recorded_response(s));
        REQUIRE(std::holds_alternative<ChatAnswer>(r));
        const auto& a = std::get<ChatAnswer>(r);
        CHECK(a.content == s["response"]["body"]["choices"][0]["message"]["content"].get<std::string>());
        CHECK(a.model == s["response"]["body"]["model"].get<std::string>());
        CHECK(a.total_tokens == s["response"]["body"]["usage"]["total_tokens"].get<int64_t>());
    }
}

TEST_CASE("a 429 rate limit is retryable after the server's Retry-After") {
    const auto& f = failure_of(read_chat_response(recorded_response(sample("openai-error.429-rate-limit.json"))));
    CHECK(f.retryable);
    CHECK(f.retry_after_ms == 2000);
    CHECK(f.status == 429);
    CHECK_THAT(f.reason, Catch::StartsWith("HTTP 429: Rate limit reached for gpt-4o-mini"));
}

TEST_CASE("a 429 for insufficient quota is not retryable: waiting does not help") {
    const auto& f = failure_of(read_chat_response(recorded_response(sample("openai-error.429-insufficient-quota.json"))));
    CHECK_FALSE(f.retryable);
    CHECK_FALSE(f.retry_after_ms.has_value());
    CHECK_THAT(f.reason, Catch::Contains("out of quota") && Catch::Contains("You exceeded your current quota"));
}

TEST_CASE("every HTTP class is classified") {
    const std::string error_body = R"({"error": {"message": "Incorrect API key provided", "type": "invalid_request_error"}})";
    auto classify = [&](int status) { return failure_of(read_chat_response(HttpResponse{status, {}, error_body, ""})); };
    CHECK_FALSE(classify(401).retryable);
    CHECK_THAT(classify(401).reason, Catch::Contains("credentials rejected") && Catch::Contains("Incorrect API key"));
    CHECK_FALSE(classify(403).retryable);
    CHECK_FALSE(classify(400).retryable);
    CHECK_FALSE(classify(404).retryable);
    CHECK(classify(408).retryable);
    CHECK(classify(500).retryable);
    CHECK(classify(503).retryable);
    CHECK(classify(502).reason == "HTTP 502: Incorrect API key provided");

    auto html = failure_of(read_chat_response(HttpResponse{502, {}, "<html>Bad Gateway</html>", ""}));
    CHECK(html.retryable);
    CHECK(html.reason == "HTTP 502: <html>Bad Gateway</html>");

    auto timeout = failure_of(read_chat_response(HttpResponse{0, {}, "", "timeout after 8000 ms"}));
    CHECK(timeout.retryable);
    CHECK_THAT(timeout.reason, Catch::Contains("timeout after 8000 ms"));
}

TEST_CASE("a 2xx that is not a usable completion is a permanent failure with its reason") {
    auto permanent = [](const HttpResponse& r) { return failure_of(read_chat_response(r)); };
    CHECK_THAT(permanent({200, {}, "<html>proxy login</html>", ""}).reason, Catch::Contains("not JSON"));
    CHECK_THAT(permanent({200, {}, R"({"choices": []})", ""}).reason, Catch::Contains("no choices"));
    CHECK_THAT(permanent({200, {}, R"({"choices": [{"text": "x"}]})", ""}).reason, Catch::Contains("no message"));
    CHECK_THAT(permanent({200, {}, R"({"choices": [{"message": {"content": null}}]})", ""}).reason, Catch::Contains("no message content"));

    Json refused = sample("openai-chat-completions.json-schema.json");
    refused["response"]["body"]["choices"][0]["message"]["refusal"] = "I can't help with that.";
    CHECK_THAT(permanent(recorded_response(refused)).reason, Catch::Contains("refused: I can't help with that."));

    Json cut = sample("openai-chat-completions.json-schema.json");
    cut["response"]["body"]["choices"][0]["finish_reason"] = "length";
    auto f = permanent(recorded_response(cut));
    CHECK_FALSE(f.retryable);
    CHECK_THAT(f.reason, Catch::Contains("max_tokens"));
}

TEST_CASE("Retry-After is read in seconds only") {
    CHECK(retry_after_ms("2") == 2000);
    CHECK(retry_after_ms("1.5") == 1500);
    CHECK(retry_after_ms("0") == 0);
    CHECK_FALSE(retry_after_ms("").has_value());
    CHECK_FALSE(retry_after_ms("soon").has_value());
    CHECK_FALSE(retry_after_ms("-3").has_value());
    CHECK_FALSE(retry_after_ms("2s").has_value());
    CHECK_FALSE(retry_after_ms("Wed, 21 Oct 2026 07:28:00 GMT").has_value());
}

TEST_CASE("the failure output is the contract's shape") {
    CHECK(failure_output({"HTTP 401: no", false, std::nullopt, 401}) == Json{{"error", "HTTP 401: no"}, {"retryable", false}});
    CHECK(failure_output({"HTTP 429: slow down", true, 2000, 429}) ==
          Json{{"error", "HTTP 429: slow down"}, {"retryable", true}, {"retry_after_ms", 2000}});
    CHECK(std::holds_alternative<ChatAnswer>(read_chat_response(answer_from("gigachat-chat-completions.json", "{}"))));
}
