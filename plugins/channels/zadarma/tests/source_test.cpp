// The Zadarma source's own answers through its real exports: the zd_echo URL check, methods,
// the route it serves and the configuration it refuses.
#include <catch2/catch.hpp>

#include "zadarma_request.hpp"

using namespace leadhub::sdk;
using namespace zadarma_test;
using leadhub::sdk::testing::FakeHost;
using leadhub::sdk::testing::Harness;

namespace {
HttpRequest get(std::string query) {
    HttpRequest r;
    r.method = "GET";
    r.target = "/";
    r.query = std::move(query);
    return r;
}
}  // namespace

TEST_CASE("zd_echo is answered with exactly its value") {
    Account a;
    for (const std::string& token : std::vector<std::string>{"c4f2a1d9e8b7", "A", "abc-DEF_1.2~3", std::string(128, 'z')}) {
        auto r = a.plugin.webhook(get("zd_echo=" + token));
        CHECK(r.status == 200);
        CHECK(r.body == token);
        CHECK(r.messages.empty());
    }
    CHECK(a.plugin.webhook(get("x=1&zd_echo=abc")).body == "abc");
}

TEST_CASE("zd_echo values that are not plain tokens, or a GET without one, get 400") {
    Account a;
    for (const std::string& query : std::vector<std::string>{"zd_echo=", "zd_echo=%3Cscript%3E", "zd_echo=a%0Ab", "zd_echo=a+b", "zd_echo=" + std::string(129, 'z'),
                              "", "echo=abc"}) {
        INFO("query " << query);
        auto r = a.plugin.webhook(get(query));
        CHECK(r.status == 400);
        CHECK(r.messages.empty());
    }
}

TEST_CASE("methods other than GET and POST get 405") {
    Account a;
    for (std::string method : {"PUT", "DELETE", "PATCH", "OPTIONS"}) {
        HttpRequest r = signed_post(notify_end());
        r.method = method;
        auto result = a.plugin.webhook(r);
        CHECK(result.status == 405);
        CHECK(result.headers["Allow"] == "GET, POST");
        CHECK(result.messages.empty());
    }
}

TEST_CASE("the source serves its own address only") {
    Account a;
    REQUIRE(a.plugin.start() == "");
    REQUIRE(a.host.routes.size() == 1);
    CHECK(a.host.routes[0] == std::make_pair(std::string("*"), std::string("/")));
}

TEST_CASE("api_secret is required and must not be blank") {
    FakeHost host;
    Harness plugin = Harness::linked(host);
    CHECK_THAT(plugin.create("z", Json::object()), Catch::Contains("api_secret"));
    CHECK_THAT(plugin.create("z", {{"api_secret", "   "}}), Catch::Contains("api_secret"));
    CHECK(plugin.create("z", {{"api_secret", "s"}, {"api_key", "k"}}) == "");
}

TEST_CASE("the manifest says a call source with a secret api_secret") {
    FakeHost host;
    Json manifest = Harness::linked(host).manifest();
    CHECK(manifest["name"] == "zadarma");
    CHECK(manifest["kinds"] == Json::array({"source"}));
    REQUIRE(manifest["options"].size() == 2);
    CHECK(manifest["options"][0]["name"] == "api_secret");
    CHECK(manifest["options"][0]["secret"] == true);
    CHECK(manifest["options"][0]["required"] == true);
}

TEST_CASE("a refusal never writes the secret or the request's control characters to the log") {
    Account a;
    HttpRequest r = signed_post(notify_end());
    r.method = "BAD\nMETHOD";
    a.plugin.webhook(r);
    a.plugin.webhook(post(form_encode(notify_end()), "d3Jvbmc="));
    CHECK_FALSE(a.host.logged(kSecret));
    CHECK(a.host.logged("BAD\\nMETHOD"));
}
