// Replays every Zadarma fixture in tests/data (call-zadarma-*.json, the shared api-samples
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

std::vector<std::filesystem::path> zadarma_fixtures() {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(fixture_dir)) {
        const std::string file = entry.path().filename().string();
        if (file.rfind("call-zadarma-", 0) == 0 && entry.path().extension() == ".json") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

HttpRequest fixture_request(const Json& fixture) {
    const Json& r = fixture.at("request");
    HttpRequest request;
    request.method = r.value("method", "POST");
    request.target = "/";
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

TEST_CASE("every public Zadarma sample gets the answer and the lead it expects") {
    const auto files = zadarma_fixtures();
    REQUIRE(files.size() >= 3);
    for (const auto& path : files) {
        const Json fixture = load_fixture(path);
        INFO("fixture " << fixture.value("id", path.filename().string()));
        FakeHost host;
        Harness plugin = Harness::linked(host);
        const Json secret = fixture.value("secret", Json::object());
        REQUIRE(plugin.create("zadarma", {{"api_secret", secret.value("value", "a-secret-the-sample-does-not-use")}}) == "");
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
