// The providers with their own ways: YandexGPT's compatible API (Api-Key, folder id, model URI,
// JSON mode) and GigaChat's (an authorization key exchanged for 30-minute access tokens, cached in
// memory and host state, renewed before expiry and once on 401).
#include <catch2/catch.hpp>

#include "test_support.hpp"

#include <leadhub/sdk/testing.hpp>

#include <atomic>
#include <thread>

using namespace leadhub::sdk;
using leadhub::sdk::testing::FakeHost;
using leadhub::sdk::testing::Harness;
using llm_test::answer_from;
using llm_test::recorded_response;
using llm_test::sample;
using llm_test::understand_input;

TEST_CASE("YandexGPT: the compatible request with Api-Key and folder id, and its answer") {
    const char* file = "yandexgpt-chat-completions.openai-compatible.json";
    FakeHost host;
    host.on_http = [&](const HttpRequest&) { return answer_from(file, llm_test::kGoodReading); };
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("yandex", {{"base_url", "http://127.0.0.1:8090/v1"}, {"api_key", "AQVNsecret"}, {"auth", "api_key"},
                                     {"model", "gpt://b1gfolder/yandexgpt/latest"}, {"response_format", "json_object"},
                                     {"extra_headers", {{"OpenAI-Project", "b1gfolder"}}}}) == "");
    const Json out = plugin.process(understand_input());
    CHECK(out["intent"] == "book");
    CHECK(out["phone"] == "+79131234567");
    CHECK(out["model"] == "gpt://<folder_id>/yandexgpt/latest");

    const Json vendor = sample(file)["request"];
    REQUIRE(host.http_calls.size() == 1);
    const HttpRequest& sent = host.http_calls[0];
    CHECK(sent.target == "http://127.0.0.1:8090/v1/chat/completions");
    for (const auto& [name, value] : vendor["headers"].items()) CHECK(sent.headers.count(name) == 1);
    CHECK(sent.header("Authorization") == "Api-Key AQVNsecret");
    CHECK(sent.header("OpenAI-Project") == "b1gfolder");
    const Json body = Json::parse(sent.body);
    for (const auto& [key, value] : vendor["body"].items()) CHECK(body.contains(key));
    CHECK(body["model"] == "gpt://b1gfolder/yandexgpt/latest");
    CHECK(body["response_format"] == vendor["body"]["response_format"]);
    CHECK(body["temperature"] == vendor["body"]["temperature"]);
    CHECK_FALSE(host.logged("AQVNsecret"));
}

TEST_CASE("YandexGPT: its sample answer, in another schema, is refused") {
    const char* file = "yandexgpt-chat-completions.openai-compatible.json";
    FakeHost host;
    host.on_http = [&](const HttpRequest&) { return recorded_response(sample(file)); };
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("yandex", {{"base_url", "http://127.0.0.1:8090/v1"}, {"api_key", "k"}, {"auth", "api_key"},
                                     {"model", "gpt://b1gfolder/yandexgpt-lite/latest"}, {"response_format", "json_object"}}) == "");
    const Json out = plugin.process(understand_input());
    CHECK(out["retryable"] == false);
    CHECK_THAT(out["error"].get<std::string>(), Catch::Contains("field 'intent'") && Catch::Contains("\"booking\""));
}

namespace {
const std::string kOauthUrl = "http://127.0.0.1:9443/api/v2/oauth";
const std::string kChatUrl = "http://127.0.0.1:8091/api/v1/chat/completions";
const Json kGigachat = {{"base_url", "http://127.0.0.1:8091/api/v1"}, {"api_key", "Y2xpZW50OnNlY3JldA=="},
                        {"auth", "gigachat_oauth"}, {"oauth_url", kOauthUrl}, {"model", "GigaChat"},
                        {"response_format", "none"}};

// A fake GigaChat: the OAuth endpoint hands out token-1, token-2, ... for 30 minutes each; the
// chat endpoint accepts only the latest token, unless told to refuse every one.
struct FakeGigachat {
    explicit FakeGigachat(FakeHost& h) : host(h) {}

    FakeHost& host;
    std::atomic<int> tokens_issued = 0;
    bool refuse_all_tokens = false;
    HttpResponse oauth_answer_override;  // status != 0 or error set: answered instead of a token

    HttpResponse answer(const HttpRequest& r) {
        if (r.target == kOauthUrl) {
            if (oauth_answer_override.status != 0 || !oauth_answer_override.error.empty()) return oauth_answer_override;
            Json s = sample("gigachat-oauth-token.json");
            s["response"]["body"] = {{"access_token", "token-" + std::to_string(tokens_issued.fetch_add(1) + 1)},
                                     {"expires_at", host.now + 30 * 60'000}};
            return recorded_response(s);
        }
        if (r.target != kChatUrl) return HttpResponse{404, {}, "no such endpoint", ""};
        if (refuse_all_tokens || r.header("Authorization") != "Bearer token-" + std::to_string(tokens_issued.load()))
            return HttpResponse{401, {}, R"({"status": 401, "message": "Unauthorized"})", ""};
        return answer_from("gigachat-chat-completions.json", "```json\n" + llm_test::kGoodReading + "\n```");
    }
};

std::vector<std::string> targets(FakeHost& host) {
    std::vector<std::string> out;
    for (const auto& c : host.http_calls) out.push_back(c.target == kOauthUrl ? "oauth" : c.target == kChatUrl ? "chat" : c.target);
    return out;
}
}  // namespace

TEST_CASE("GigaChat: the key is exchanged for a token, which is cached and renewed before it expires") {
    FakeHost host;
    FakeGigachat server(host);
    host.on_http = [&](const HttpRequest& r) { return server.answer(r); };
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("giga", kGigachat) == "");

    const Json first = plugin.process(understand_input());
    CHECK(first["intent"] == "book");
    CHECK(first["model"] == "GigaChat");
    REQUIRE(targets(host) == std::vector<std::string>{"oauth", "chat"});
    const HttpRequest oauth = host.http_calls[0];  // a copy: http_calls grows below
    CHECK(oauth.header("Authorization") == "Basic Y2xpZW50OnNlY3JldA==");
    CHECK(oauth.header("RqUID").size() == 36);
    CHECK(oauth.body == "scope=GIGACHAT_API_PERS");
    CHECK(host.http_calls[1].header("Authorization") == "Bearer token-1");
    CHECK_FALSE(Json::parse(host.http_calls[1].body).contains("response_format"));
    CHECK(Json::parse(host.state.at("gigachat_token"))["access_token"] == "token-1");

    host.now += 28 * 60'000;  // two minutes left: still good
    CHECK(plugin.process(understand_input())["intent"] == "book");
    CHECK(targets(host) == std::vector<std::string>{"oauth", "chat", "chat"});

    host.now += 60'000 + 1;  // within a minute of expiry: renewed first
    CHECK(plugin.process(understand_input())["intent"] == "book");
    CHECK(targets(host) == std::vector<std::string>{"oauth", "chat", "chat", "oauth", "chat"});
    CHECK(host.http_calls[4].header("Authorization") == "Bearer token-2");
    CHECK(host.http_calls[3].header("RqUID") != oauth.header("RqUID"));
    CHECK(host.metrics["llm_token_exchanges"] == 2);
    CHECK_FALSE(host.logged("Y2xpZW50OnNlY3JldA=="));
    CHECK_FALSE(host.logged("token-"));
}

TEST_CASE("GigaChat: a restarted instance reuses the token from host state, unless the key changed") {
    FakeHost host;
    FakeGigachat server(host);
    host.on_http = [&](const HttpRequest& r) { return server.answer(r); };
    {
        auto plugin = Harness::linked(host);
        REQUIRE(plugin.create("giga", kGigachat) == "");
        REQUIRE(plugin.process(understand_input())["intent"] == "book");
    }
    auto restarted = Harness::linked(host);
    REQUIRE(restarted.create("giga", kGigachat) == "");
    CHECK(restarted.process(understand_input())["intent"] == "book");
    CHECK(targets(host) == std::vector<std::string>{"oauth", "chat", "chat"});

    Json other_key = kGigachat;
    other_key["api_key"] = "b3RoZXI6a2V5";
    auto rekeyed = Harness::linked(host);
    REQUIRE(rekeyed.create("giga", other_key) == "");
    CHECK(rekeyed.process(understand_input())["intent"] == "book");
    CHECK(targets(host) == std::vector<std::string>{"oauth", "chat", "chat", "oauth", "chat"});
    CHECK(host.http_calls[3].header("Authorization") == "Basic b3RoZXI6a2V5");
}

TEST_CASE("GigaChat: a 401 on chat renews the token once") {
    FakeHost host;
    FakeGigachat server(host);
    host.on_http = [&](const HttpRequest& r) { return server.answer(r); };
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("giga", kGigachat) == "");
    REQUIRE(plugin.process(understand_input())["intent"] == "book");
    server.tokens_issued = 7;  // the server revokes token-1 before it expires

    const Json out = plugin.process(understand_input());
    CHECK(out["intent"] == "book");
    CHECK(targets(host) == std::vector<std::string>{"oauth", "chat", "chat", "oauth", "chat"});
    CHECK(host.http_calls[2].header("Authorization") == "Bearer token-1");
    CHECK(host.http_calls[4].header("Authorization") == "Bearer token-8");
}

TEST_CASE("GigaChat: a 401 after a renewal is permanent, and the refusal is not retried again") {
    FakeHost host;
    FakeGigachat server(host);
    server.refuse_all_tokens = true;
    host.on_http = [&](const HttpRequest& r) { return server.answer(r); };
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("giga", kGigachat) == "");
    const Json out = plugin.process(understand_input());
    CHECK(out["retryable"] == false);
    CHECK_THAT(out["error"].get<std::string>(), Catch::StartsWith("credentials rejected after a token refresh: HTTP 401"));
    CHECK(targets(host) == std::vector<std::string>{"oauth", "chat", "oauth", "chat"});
}

TEST_CASE("GigaChat: a refused or unreachable OAuth endpoint is classified, and no chat call is made") {
    FakeHost host;
    FakeGigachat server(host);
    host.on_http = [&](const HttpRequest& r) { return server.answer(r); };
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("giga", kGigachat) == "");

    server.oauth_answer_override = HttpResponse{401, {}, R"({"code": 6, "message": "credentials doesn't match db data"})", ""};
    Json out = plugin.process(understand_input());
    CHECK(out["retryable"] == false);
    CHECK_THAT(out["error"].get<std::string>(), Catch::Contains("GigaChat refused the authorization key"));

    server.oauth_answer_override = HttpResponse{0, {}, "", "timeout after 8000 ms"};
    out = plugin.process(understand_input());
    CHECK(out["retryable"] == true);
    CHECK_THAT(out["error"].get<std::string>(), Catch::Contains("timeout after 8000 ms"));

    CHECK(targets(host) == std::vector<std::string>{"oauth", "oauth"});
    CHECK(host.state.count("gigachat_token") == 0);
}

TEST_CASE("GigaChat: calls at once from several threads share one token exchange") {
    FakeHost host;
    FakeGigachat server(host);
    host.on_http = [&](const HttpRequest& r) { return server.answer(r); };
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("giga", kGigachat) == "");
    std::atomic<int> readings = 0;
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i)
        threads.emplace_back([&] {
            if (plugin.process(understand_input()).value("intent", std::string()) == "book") ++readings;
        });
    for (auto& t : threads) t.join();
    CHECK(readings == 4);
    CHECK(server.tokens_issued == 1);
    CHECK(host.metrics["llm_token_exchanges"] == 1);
    CHECK(host.http_calls.size() == 5);
}
