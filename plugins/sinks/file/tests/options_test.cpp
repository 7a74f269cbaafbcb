#include <catch2/catch.hpp>

#include "options.hpp"

#include <leadhub/sdk/testing.hpp>

using namespace leadhub::sdk;
using namespace leadhub::file_sink;
using leadhub::sdk::testing::FakeHost;
using leadhub::sdk::testing::Harness;

TEST_CASE("file declares its options in the manifest") {
    FakeHost host;
    Json m = Harness::linked(host).manifest();
    CHECK(m["name"] == "file");
    CHECK(m["kinds"] == Json::array({"sink"}));
    CHECK(m["options"] == options_schema(file_sink_options().specs()));
    REQUIRE(m["options"].size() == 2);
    CHECK(m["options"][0]["name"] == "path");
    CHECK(m["options"][0]["required"] == true);
    CHECK(m["options"][1]["name"] == "fsync");
    CHECK(m["options"][1]["default"] == true);
}

TEST_CASE("file options are read into their types") {
    CHECK(read_file_sink_options(Options({{"path", "data/leads.jsonl"}, {"fsync", false}})).fsync == false);
    CHECK(read_file_sink_options(Options(Json{{"path", "leads.jsonl"}})).fsync == true);
    CHECK(read_file_sink_options(Options(Json{{"path", "leads.jsonl"}})).path == "leads.jsonl");
}

TEST_CASE("bad file options are refused") {
    FakeHost host;
    auto plugin = Harness::linked(host);
    CHECK_THAT(plugin.create("f"), Catch::Contains("option 'path' is required"));
    CHECK_THAT(plugin.create("f", {{"path", ""}}), Catch::Contains("option 'path' must name a file"));
    CHECK_THAT(plugin.create("f", {{"path", "out/"}}), Catch::Contains("got the folder 'out/'"));
    CHECK_THAT(plugin.create("f", {{"path", "a.jsonl"}, {"fsync", "yes"}}), Catch::Contains("must be true or false"));
    CHECK_THAT(plugin.create("f", {{"path", 5}}), Catch::Contains("must be a string"));
}
