// Replays every fixture in tests/data (webform-*.json, the shared api-samples format) through the
// plugin's real exports and checks the expected answer and lead. New fixture files are picked up
// without touching this file.
#include <catch2/catch.hpp>

#include <leadhub/sdk/form.hpp>
#include <leadhub/sdk/testing.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace leadhub::sdk;
using leadhub::sdk::testing::FakeHost;
using leadhub::sdk::testing::Harness;

namespace {

const std::filesystem::path data_dir = LEADHUB_TEST_DATA;

Json load_fixture(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return Json::parse(text.str());
}

std::vector<std::filesystem::path> fixture_files() {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(data_dir)) {
        const std::string file = entry.path().filename().string();
        if (file.rfind("webform-", 0) == 0 && entry.path().extension() == ".json") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

std::string percent_encode(const std::string& s) { return url_encode(s); }

// The instance's options as the fixture's hub would be configured.
Json options_for(const Json& fixture) {
    Json options = fixture.value("config", Json::object());
    const Json secret = fixture.value("secret", Json::object());
    if (secret.value("kind", "") == "url-token") options["token"] = secret.at("value");
    return options;
}

HttpRequest request_for(const Json& fixture) {
    const Json& r = fixture.at("request");
    HttpRequest request;
    request.method = r.value("method", "POST");
    request.target = "/";
    const Json query = r.value("query", Json::object()), headers = r.value("headers", Json::object());
    for (const auto& [key, value] : query.items())
        request.query += (request.query.empty() ? "" : "&") + percent_encode(key) + "=" + percent_encode(value.get<std::string>());
    for (const auto& [key, value] : headers.items()) request.headers[key] = value.get<std::string>();
    const Json& body = r.at("body");
    request.body = body.is_string() ? body.get<std::string>() : dump(body);
    return request;
}

void check_lead(const Json& fixture, const Json& expected, const Message& actual) {
    Json got = to_json(actual);
    CHECK(got["channel"] == fixture.value("channel", "webform"));
    CHECK(actual.extra.value("provider", "") == fixture.value("provider", ""));
    for (const auto& [key, value] : expected.items()) {
        INFO("lead field " << key);
        if (got.contains(key)) CHECK(got[key] == value);
        else CHECK(actual.extra.value(key, Json()) == value);
    }
}

void check_fixture(const Json& fixture) {
    FakeHost host;
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("form", options_for(fixture)) == "");
    REQUIRE(plugin.start() == "");
    const Json dependencies = fixture.value("depends_on", Json::array());
    for (const auto& dependency : dependencies)
        plugin.webhook(request_for(load_fixture(data_dir / (dependency.get<std::string>() + ".json"))));

    const Json& expect = fixture.at("expect");
    const std::string action = expect.at("action");
    WebhookResult result = plugin.webhook(request_for(fixture));
    CHECK(result.status == expect.at("response").at("status").get<int>());
    if (expect.at("response").contains("body")) CHECK(result.body == expect.at("response").at("body").get<std::string>());

    Json leads = expect.contains("leads") ? expect.at("leads") : expect.contains("lead") ? Json::array({expect.at("lead")}) : Json::array();
    if (action == "lead") {
        REQUIRE(result.messages.size() == leads.size());
        for (std::size_t i = 0; i < leads.size(); ++i) check_lead(fixture, leads[i], result.messages[i]);
    } else {
        CHECK((action == "verify" || action == "ignore" || action == "reject"));
        CHECK(result.messages.empty());
        if (action == "reject") CHECK(result.status == 403);
    }
}

}  // namespace

TEST_CASE("every webform fixture gets its expected answer and lead") {
    auto files = fixture_files();
    REQUIRE(files.size() >= 4);
    for (const auto& file : files) {
        INFO("fixture " << file.filename().string());
        Json fixture = load_fixture(file);
        CHECK(fixture.value("id", "") == file.stem().string());
        check_fixture(fixture);
    }
}
