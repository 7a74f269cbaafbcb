#include <catch2/catch.hpp>

#include "options.hpp"

#include <leadhub/sdk/testing.hpp>

using namespace leadhub::sdk;
using namespace leadhub::llm;
using leadhub::sdk::testing::FakeHost;
using leadhub::sdk::testing::Harness;

TEST_CASE("llm declares a processor with its options and limits in the manifest") {
    FakeHost host;
    Json m = Harness::linked(host).manifest();
    CHECK(m["name"] == "llm");
    CHECK(m["kinds"] == Json::array({"processor"}));
    CHECK(m["options"] == options_schema(llm_options().specs()));
    CHECK(m["defaults"] == Json{{"rate_per_second", 2}, {"burst", 10}, {"concurrency", 2}, {"timeout_ms", 40000}});
    std::vector<std::string> names;
    for (const auto& o : m["options"]) names.push_back(o["name"]);
    CHECK(names == std::vector<std::string>{"base_url", "api_key", "model", "timeout_ms", "response_format", "temperature",
                                            "max_tokens", "auth", "oauth_url", "scope", "extra_headers"});
    CHECK(m["options"][1]["secret"] == true);
    CHECK(m["options"][2]["required"] == true);
}

TEST_CASE("llm options default to OpenAI with structured output") {
    Json normalized;
    REQUIRE(validate_options(options_schema(llm_options().specs()), {{"model", "gpt-4o-mini"}}, normalized).empty());
    LlmOptions o = read_llm_options(Options(normalized));
    CHECK(o.chat_url() == "https://api.openai.com/v1/chat/completions");
    CHECK(o.api_key.empty());
    CHECK(o.model == "gpt-4o-mini");
    CHECK(o.timeout_ms == 8000);
    CHECK(o.response_format == ResponseFormat::json_schema);
    CHECK(o.temperature == 0);
    CHECK_FALSE(o.max_tokens.has_value());
    CHECK(o.auth == AuthScheme::bearer);
    CHECK(o.oauth_url == "https://ngw.devices.sberbank.ru:9443/api/v2/oauth");
    CHECK(o.scope == "GIGACHAT_API_PERS");
    CHECK(o.extra_headers.empty());
}

TEST_CASE("every llm option is read") {
    Json normalized;
    Json given = {{"base_url", "http://127.0.0.1:11434/v1/"}, {"api_key", "k"}, {"model", "qwen2.5"}, {"timeout_ms", 3000},
                  {"response_format", "json_object"}, {"temperature", 0.2}, {"max_tokens", 400}, {"auth", "api_key"},
                  {"oauth_url", "http://127.0.0.1:9/oauth"}, {"scope", "GIGACHAT_API_B2B"},
                  {"extra_headers", {{"x-folder-id", "b1g"}}}};
    REQUIRE(validate_options(options_schema(llm_options().specs()), given, normalized).empty());
    LlmOptions o = read_llm_options(Options(normalized));
    CHECK(o.chat_url() == "http://127.0.0.1:11434/v1/chat/completions");
    CHECK(o.timeout_ms == 3000);
    CHECK(o.response_format == ResponseFormat::json_object);
    CHECK(o.temperature == 0.2);
    CHECK(o.max_tokens == 400);
    CHECK(o.auth == AuthScheme::api_key);
    CHECK(o.oauth_url == "http://127.0.0.1:9/oauth");
    CHECK(o.scope == "GIGACHAT_API_B2B");
    CHECK(o.extra_headers.at("x-folder-id") == "b1g");
}

TEST_CASE("bad llm options are refused before anything is sent") {
    FakeHost host;
    auto plugin = Harness::linked(host);
    const Json model = {{"model", "gpt-4o-mini"}};
    auto with = [&](const char* key, Json value) {
        Json o = model;
        o[key] = std::move(value);
        return plugin.create("llm", o);
    };
    CHECK_THAT(plugin.create("llm"), Catch::Contains("option 'model' is required"));
    CHECK_THAT(with("model", ""), Catch::Contains("option 'model' must not be empty"));
    CHECK_THAT(with("base_url", "api.openai.com/v1"), Catch::Contains("option 'base_url' must be an http:// or https://"));
    CHECK_THAT(with("base_url", "https://a b/"), Catch::Contains("without spaces"));
    CHECK_THAT(with("oauth_url", "ftp://x/"), Catch::Contains("option 'oauth_url'"));
    CHECK_THAT(with("timeout_ms", 10), Catch::Contains("at least 500"));
    CHECK_THAT(with("temperature", 3), Catch::Contains("at most 2"));
    CHECK_THAT(with("max_tokens", 1), Catch::Contains("at least 16"));
    CHECK_THAT(with("response_format", "json"), Catch::Contains("must be one of json_schema, json_object, none"));
    CHECK_THAT(with("auth", "basic"), Catch::Contains("must be one of bearer, api_key, gigachat_oauth"));
    CHECK_THAT(with("scope", "PERS"), Catch::Contains("option 'scope' must be one of"));
    CHECK_THAT(with("auth", "gigachat_oauth"), Catch::Contains("option 'api_key' is required with auth 'gigachat_oauth'"));
    CHECK_THAT(with("auth", "api_key"), Catch::Contains("option 'api_key' is required with auth 'api_key'"));
    CHECK_THAT(with("extra_headers", {{"Authorization", "Bearer x"}}), Catch::Contains("must not set Authorization"));
    CHECK_THAT(with("extra_headers", {{"x-folder-id", "a\r\nX-Evil: 1"}}), Catch::Contains("contains a line break"));
    CHECK_THAT(with("extra_headers", {{"bad name", "v"}}), Catch::Contains("'bad name' is not a valid header name"));
    CHECK_THAT(with("extra_headers", {{"x", 1}}), Catch::Contains("map of strings"));
    CHECK_THAT(with("colour", "red"), Catch::Contains("unknown option 'colour'"));
    CHECK(with("base_url", "http://127.0.0.1:8080/v1") == "");
}
