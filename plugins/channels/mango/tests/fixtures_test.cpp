// Replays every Mango fixture in tests/data (call-mango-*.json, the shared api-samples
// format) through the plugin's real exports and checks the expected answer and lead. New fixture
// files are picked up without touching this file.
#include <catch2/catch.hpp>

#include <leadhub/sdk/testing.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace leadhub::sdk;
using leadhub::sdk::testing::FakeHost;
using leadhub::sdk::testing::Harness;

namespace {

const std::filesystem::path fixture_dir = LEADHUB_TEST_DATA;

Json load_fixture(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return Json::parse(text.str());
}

std::vector<std::filesystem::path> mango_fixtures() {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(fixture_dir)) {
        const std::string file = entry.path().filename().string();
        if (file.rfind("call-mango-", 0) == 0 && entry.path().extension() == ".json") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

HttpRequest fixture_request(const Json& fixture) {
    const Json& r = fixture.at("request");
    HttpRequest request;
    request.method = r.value("method", "POST");
    // The fixture's path is /hooks/<a>/<b>/<below the instance>: the hub strips its first three
    // segments, and what is left (from the fourth slash on) is what Mango appended.
    const std::string path = r.value("path", std::string("/hooks/x/y"));
    std::size_t fourth_slash = 0;
    for (int seen = 0; seen < 4 && fourth_slash != std::string::npos; ++seen)
        fourth_slash = path.find('/', seen == 0 ? 0 : fourth_slash + 1);
    request.target = fourth_slash == std::string::npos ? "/" : path.substr(fourth_slash);
    // Named copies: a range-for over a temporary's items() would read a destroyed value.
    const Json query = r.value("query", Json::object()), headers = r.value("headers", Json::object());
    for (const auto& [key, value] : query.items())
        request.query += (request.query.empty() ? "" : "&") + key + "=" + value.get<std::string>();  // plain tokens
    for (const auto& [key, value] : headers.items()) request.headers[key] = value.get<std::string>();
    request.body = r.at("body").get<std::string>();
    return request;
}

void check_call_lead(const Json& expected, const Message& actual) {
    Json got = to_json(actual);
    CHECK(got["channel"] == "call");
    for (const auto& [key, value] : expected.items()) {
        INFO("lead field " << key);
        if (key == "call") {
            REQUIRE(actual.extra.contains("call"));
            for (const auto& [ck, cv] : value.items()) {
                INFO("call field " << ck);
                CHECK(actual.extra["call"].value(ck, Json("absent")) == cv);
            }
        } else {
            CHECK(got[key] == value);
        }
    }
}

}  // namespace

TEST_CASE("the fixture's path below the instance is what Mango appended") {
    CHECK(fixture_request(Json{{"request", {{"path", "/hooks/mango/t1/events/summary"}, {"body", ""}}}}).target == "/events/summary");
    CHECK(fixture_request(Json{{"request", {{"path", "/hooks/mango/t1"}, {"body", ""}}}}).target == "/");
}

TEST_CASE("every public Mango sample gets the answer and the lead it expects") {
    const auto files = mango_fixtures();
    REQUIRE(files.size() >= 2);
    for (const auto& path : files) {
        const Json fixture = load_fixture(path);
        INFO("fixture " << fixture.value("id", path.filename().string()));
        FakeHost host;
        Harness plugin = Harness::linked(host);
        const Json secret = fixture.value("secret", Json::object());
        REQUIRE(plugin.create("mango", {{"vpbx_api_key", secret.value("vpbx_api_key", "key-the-sample-does-not-use")},
                                        {"vpbx_api_salt", secret.value("value", "salt-the-sample-does-not-use")}}) == "");
        const Json& expect = fixture.at("expect");
        auto result = plugin.webhook(fixture_request(fixture));
        CHECK(result.status == expect.at("response").at("status").get<int>());
        if (expect.at("response").contains("body")) CHECK(result.body == expect["response"]["body"].get<std::string>());
        const std::string action = expect.at("action");
        if (action == "lead") {
            REQUIRE(result.messages.size() == 1);
            check_call_lead(expect.at("lead"), result.messages[0]);
        } else {
            CHECK(result.messages.empty());
        }
    }
}
