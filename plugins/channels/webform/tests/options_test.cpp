#include <catch2/catch.hpp>

#include "options.hpp"

#include <leadhub/sdk/testing.hpp>

using namespace leadhub::sdk;
using namespace leadhub::webform;
using leadhub::sdk::testing::FakeHost;
using leadhub::sdk::testing::Harness;

TEST_CASE("webform declares its options once, in the manifest") {
    FakeHost host;
    Json manifest = Harness::linked(host).manifest();
    CHECK(manifest["name"] == "webform");
    CHECK(manifest["kinds"] == Json::array({"source"}));
    CHECK(manifest["options"] == options_schema(webform_options().specs()));
    std::vector<std::string> names;
    for (const auto& o : manifest["options"]) names.push_back(o["name"]);
    CHECK(names == std::vector<std::string>{"token", "provider", "field_map", "allowed_origins", "phone_country"});
    CHECK(manifest["options"][0]["secret"] == true);
}

TEST_CASE("webform options have working defaults") {
    Json normalized;
    REQUIRE(validate_options(options_schema(webform_options().specs()), Json::object(), normalized).empty());
    WebformOptions o = read_webform_options(Options(normalized));
    CHECK(o.token.empty());
    CHECK(o.provider == Provider::automatic);
    CHECK(o.field_map.empty());
    CHECK(o.allowed_origins.empty());
    CHECK(o.phone_country == "RU");
}

TEST_CASE("webform options are read into their types") {
    WebformOptions o = read_webform_options(Options({{"token", "s3"}, {"provider", "json"},
                                                     {"field_map", {{"Ваше имя", "name"}}},
                                                     {"allowed_origins", {"https://a.ru"}}, {"phone_country", "KZ"}}));
    CHECK(o.token == "s3");
    CHECK(o.provider == Provider::json);
    CHECK(o.field_map.at("Ваше имя") == "name");
    CHECK(o.allowed_origins == std::vector<std::string>{"https://a.ru"});
    CHECK(o.phone_country == "KZ");
}

TEST_CASE("bad webform options are refused with the option named") {
    FakeHost host;
    auto plugin = Harness::linked(host);
    CHECK_THAT(plugin.create("f", {{"provider", "tildaa"}}), Catch::Contains("did you mean 'tilda'?"));
    CHECK_THAT(plugin.create("f", {{"field_map", {{"Имя", 5}}}}), Catch::Contains("must be a map of strings"));
    CHECK_THAT(plugin.create("f", {{"allowed_origins", "https://a.ru"}}), Catch::Contains("must be a list of strings"));
    CHECK_THAT(plugin.create("f", {{"tokn", "x"}}), Catch::Contains("unknown option 'tokn' (did you mean 'token'?)"));
    std::string err = plugin.create("f", {{"field_map", {{"Ваше имя", "fullname"}}}});
    CHECK_THAT(err, Catch::Contains("field_map"));
    CHECK_THAT(err, Catch::Contains("'Ваше имя' maps to 'fullname'"));
}
