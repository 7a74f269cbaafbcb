// Replays every VK fixture in tests/data (vk-*.json, the shared api-samples format) through the
// plugin's real exports and checks the expected answer and message. New fixture files are picked
// up without touching this file.
#include "vk_test_support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

using namespace leadhub::sdk;
using leadhub::sdk::testing::FakeHost;
using leadhub::sdk::testing::Harness;

namespace {

std::vector<std::filesystem::path> fixture_files() {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(LEADHUB_TEST_DATA)) {
        const std::string file = entry.path().filename().string();
        if (file.rfind("vk-", 0) == 0 && entry.path().extension() == ".json") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

// The instance as the fixture's hub is configured. A fixture without a secret (the confirmation
// request) still gets one: this plugin requires it in callback mode.
Json options_for(const Json& fixture) {
    Json options = vk_test::callback_options();
    const Json config = fixture.value("config", Json::object());
    options["group_id"] = config.at("vk_group_id");
    options["confirmation_code"] = config.at("vk_confirmation_code");
    const Json secret = fixture.value("secret", Json::object());
    if (secret.value("kind", "") == "body-field") options["secret"] = secret.at("value");
    return options;
}

HttpRequest request_for(const Json& fixture) {
    const Json& r = fixture.at("request");
    HttpRequest request = vk_test::post("");
    request.method = r.value("method", "POST");
    const Json headers = r.value("headers", Json::object());
    for (const auto& [key, value] : headers.items()) request.headers[key] = value.get<std::string>();
    const Json& body = r.at("body");
    request.body = body.is_string() ? body.get<std::string>() : body.dump();
    return request;
}

void check_message(const Json& expected, const Json& actual) {
    for (const char* field : {"external_user_id", "external_message_id", "name", "phone", "text", "utm"}) {
        INFO(field);
        CHECK(actual.value(field, Json()) == expected.value(field, Json()));
    }
    CHECK(actual.at("channel") == "vk");
}

}  // namespace

TEST_CASE("every VK fixture gets the answer and the message it expects") {
    const auto files = fixture_files();
    REQUIRE(files.size() >= 3);
    for (const auto& path : files) {
        SECTION(path.filename().string()) {
            const Json fixture = vk_test::sample(path.filename().string());
            const Json& expect = fixture.at("expect");
            FakeHost host;
            auto plugin = Harness::linked(host);
            REQUIRE(plugin.create("vk", options_for(fixture)) == "");
            WebhookResult result = plugin.webhook(request_for(fixture));
            CHECK(result.status == expect.at("response").at("status").get<int>());
            if (expect.at("response").contains("body")) CHECK(result.body == expect.at("response").at("body"));
            const std::string action = expect.at("action");
            if (action == "lead") {
                Json expected = expect.contains("leads") ? expect.at("leads") : Json::array({expect.at("lead")});
                REQUIRE(result.messages.size() == expected.size());
                for (std::size_t i = 0; i < expected.size(); ++i) check_message(expected[i], to_json(result.messages[i]));
            } else {
                CHECK(result.messages.empty());
            }
        }
    }
}

TEST_CASE("vk-02's message carries the address a reply goes to and is a customer's message") {
    FakeHost host;
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("vk", vk_test::callback_options()) == "");
    Json fixture = vk_test::sample("vk-02-message-new.json");
    WebhookResult result = plugin.webhook(request_for(fixture));
    REQUIRE(result.messages.size() == 1);
    CHECK(result.messages[0].address == Json{{"peer_id", 512345678}});
    CHECK(result.messages[0].event == MessageEvent::customer_message);
    CHECK_FALSE(result.messages[0].extra.contains("attachments"));
}
