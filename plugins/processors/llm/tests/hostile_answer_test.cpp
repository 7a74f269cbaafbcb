// What a model server, or a model steered by a customer's text, can answer to break the
// processor: JSON nested 100,000 levels deep (once a stack overflow while writing the error), and
// words with line breaks that end up quoted in a log line.
#include <catch2/catch.hpp>

#include "test_support.hpp"

#include <leadhub/sdk/testing.hpp>

using namespace leadhub::sdk;
using leadhub::sdk::testing::FakeHost;
using leadhub::sdk::testing::Harness;
using llm_test::answer_from;
using llm_test::understand_input;

namespace {

const Json kOptions = {{"base_url", "http://127.0.0.1:8089/v1"}, {"api_key", "sk-test"}, {"model", "gpt-4o-mini"}};
const char* kSample = "openai-chat-completions.json-schema.json";

std::string arrays(std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }

// Runs one process() call, with kOptions, against a server that answers `response`.
Json process_answer(FakeHost& host, HttpResponse response) {
    host.on_http = [response](const HttpRequest&) { return response; };
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("llm", kOptions) == "");
    REQUIRE(plugin.start() == "");
    return plugin.process(understand_input());
}

bool every_log_line_is_one_line(FakeHost& host) {
    for (const auto& [level, text] : host.logs)
        if (text.find_first_of("\r\n") != std::string::npos) return false;
    return true;
}

}  // namespace

TEST_CASE("a model's answer nested 100,000 deep is an invalid answer naming the limit, not a crash") {
    FakeHost host;
    for (const std::string& content : {arrays(100000), R"({"intent": "book", "services": )" + arrays(100000) + "}"}) {
        const Json out = process_answer(host, answer_from(kSample, content));
        CHECK(out["error"] == "the model's answer fails the reading's schema: the model's answer is JSON nested deeper than 64 levels");
        CHECK(out["invalid_answer"] == true);
        CHECK(out["retryable"] == false);
    }
    // Within the bound, the usual schema errors (which quote the answer) still come.
    const Json shallow = process_answer(host, answer_from(kSample, arrays(10)));
    CHECK_THAT(shallow["error"].get<std::string>(), Catch::Contains("not a JSON object: [[[[[[[[[[]]]]]]]]]]"));
}

TEST_CASE("a server's answer nested 100,000 deep is refused naming the limit") {
    FakeHost host;
    const Json out = process_answer(host, HttpResponse{200, {}, R"({"choices": )" + arrays(100000) + "}", ""});
    CHECK(out["error"] == "the server's answer is JSON nested deeper than 64 levels");
    CHECK(out["retryable"] == false);
}

TEST_CASE("a provider's or a model's words are quoted on one line, in the error and in the log") {
    FakeHost host;
    const Json overloaded = process_answer(
        host, HttpResponse{503, {}, R"({"error": {"message": "overloaded\n2026-01-01 error [leadhub] forged"}})", ""});
    CHECK(overloaded["error"] == "HTTP 503: overloaded\\n2026-01-01 error [leadhub] forged");
    CHECK(host.logged("overloaded\\n2026-01-01"));

    const Json raw = process_answer(host, HttpResponse{502, {}, "<html>\r\nbad gateway</html>", ""});
    CHECK(raw["error"] == "HTTP 502: <html>\\r\\nbad gateway</html>");

    const Json date = process_answer(host, answer_from(kSample, R"({"intent": "book", "services": [], "urgent": false, "name": null,
        "phone": null, "date": "3\nмарта", "time": null, "daypart": null})"));
    CHECK_THAT(date["error"].get<std::string>(), Catch::EndsWith("got \"3\\nмарта\""));

    const Json warned = process_answer(host, answer_from(kSample, R"({"intent": "book", "services": ["spa\nerror"], "urgent": false,
        "name": null, "phone": "call\nme", "date": null, "time": null, "daypart": null})"));
    CHECK(warned["warnings"] == Json::array({"service 'spa\\nerror' is not in the catalog: dropped",
                                             "phone 'call\\nme' is not a phone number: dropped"}));
    CHECK(every_log_line_is_one_line(host));
}
