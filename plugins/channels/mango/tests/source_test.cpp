// The Mango source's own answers through its real exports: /ping, paths, methods, Content-Type,
// the routes it serves and the configuration it refuses.
#include <catch2/catch.hpp>

#include "mango_request.hpp"

using namespace leadhub::sdk;
using namespace mango_test;
using leadhub::sdk::testing::FakeHost;
using leadhub::sdk::testing::Harness;

TEST_CASE("Mango's connection check on /ping is answered 200 whatever it carries") {
    Vpbx v;
    for (std::string method : {"GET", "POST"}) {
        HttpRequest r;
        r.method = method;
        r.target = "/ping";
        r.body = method == "POST" ? "vpbx_api_key=x&sign=y&json=%7B%7D" : "";
        auto result = v.plugin.webhook(r);
        CHECK(result.status == 200);
        CHECK(Json::parse(result.body) == Json{{"success", true}});
        CHECK(result.messages.empty());
    }
    CHECK(v.plugin.control({{"action", "status"}})["pings"] == 2);
}

TEST_CASE("paths that are not Mango's get 404, before anything else is looked at") {
    Vpbx v;
    for (std::string path : {"/", "", "/events", "/summary", "/admin"}) {
        INFO("path " << path);
        auto r = v.plugin.webhook(signed_event(path, summary()));
        CHECK(r.status == 404);
        CHECK(r.messages.empty());
    }
}

TEST_CASE("events are POSTed forms: other methods get 405, other bodies 415") {
    Vpbx v;
    HttpRequest get = signed_event("/events/summary", summary());
    get.method = "GET";
    auto r = v.plugin.webhook(get);
    CHECK(r.status == 405);
    CHECK(r.headers["Allow"] == "POST");
    HttpRequest json = signed_event("/events/summary", summary());
    json.headers["Content-Type"] = "application/json";
    CHECK(v.plugin.webhook(json).status == 415);
    HttpRequest bare = signed_event("/events/summary", summary());
    bare.headers.erase("Content-Type");  // read as a form, as PHP-style senders may omit it
    CHECK(v.plugin.webhook(bare).messages.size() == 1);
    HttpRequest charset = signed_event("/events/summary", summary());
    charset.headers["Content-Type"] = "application/x-www-form-urlencoded; charset=UTF-8";
    CHECK(v.plugin.webhook(charset).messages.size() == 1);
}

TEST_CASE("the source takes every path below its base URL") {
    Vpbx v;
    REQUIRE(v.plugin.start() == "");
    REQUIRE(v.host.routes.size() == 1);
    CHECK(v.host.routes[0] == std::make_pair(std::string("*"), std::string("*")));
}

TEST_CASE("vpbx_api_key and vpbx_api_salt are required and must not be blank") {
    FakeHost host;
    Harness plugin = Harness::linked(host);
    CHECK_THAT(plugin.create("m", Json::object()), Catch::Contains("vpbx_api_key"));
    CHECK_THAT(plugin.create("m", {{"vpbx_api_key", "k"}}), Catch::Contains("vpbx_api_salt"));
    CHECK_THAT(plugin.create("m", {{"vpbx_api_key", " "}, {"vpbx_api_salt", "s"}}), Catch::Contains("vpbx_api_key"));
    CHECK_THAT(plugin.create("m", {{"vpbx_api_key", "k"}, {"vpbx_api_salt", ""}}), Catch::Contains("vpbx_api_salt"));
    CHECK(plugin.create("m", {{"vpbx_api_key", "k"}, {"vpbx_api_salt", "s"}}) == "");
}

TEST_CASE("the manifest says a call source with a secret salt") {
    FakeHost host;
    Json manifest = Harness::linked(host).manifest();
    CHECK(manifest["name"] == "mango");
    CHECK(manifest["kinds"] == Json::array({"source"}));
    REQUIRE(manifest["options"].size() == 2);
    CHECK(manifest["options"][0]["name"] == "vpbx_api_key");
    CHECK(manifest["options"][0]["required"] == true);
    CHECK(manifest["options"][1]["name"] == "vpbx_api_salt");
    CHECK(manifest["options"][1]["secret"] == true);
    CHECK(manifest["options"][1]["required"] == true);
}

TEST_CASE("refusals never write the salt, and quote the request safely") {
    Vpbx v;
    v.plugin.webhook(post("/events/summary", body_of(summary(), "00")));
    HttpRequest odd = signed_event("/events/x\ny", summary());
    odd.method = "PUT";
    v.plugin.webhook(odd);
    CHECK_FALSE(v.host.logged(kSalt));
    CHECK(v.host.logged("wrong sign"));
    CHECK(v.host.logged("/events/x\\ny"));
}
