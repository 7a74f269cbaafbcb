// The options as the hub validates and reads them: a webhook without its secret, a malformed
// secret or token, an api_url that is not http(s) are config errors naming the option.
#include "options.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace telegram_test;
using leadhub::sdk::testing::FakeHost;
using leadhub::sdk::testing::Harness;

namespace {
std::string create_with(const Json& options) {
    FakeHost host;
    auto plugin = Harness::linked(host);
    return plugin.create("tg", options);
}
}  // namespace

TEST_CASE("options: a webhook instance with a token and a secret is created, defaults filled in") {
    CHECK(create_with(webhook_options()) == "");
    auto defaults = leadhub::telegram::telegram_options().defaults();
    CHECK(defaults.mode == leadhub::telegram::Mode::webhook);
    CHECK(defaults.api_url == "https://api.telegram.org");
    CHECK(defaults.poll_timeout_s == 10);
}

TEST_CASE("options: bot_token is required and must look like BotFather's") {
    CHECK(create_with({{"secret_token", kSecret}}).find("bot_token") != std::string::npos);
    CHECK(create_with({{"bot_token", ""}, {"secret_token", kSecret}}).find("bot_token") != std::string::npos);
    CHECK(create_with({{"bot_token", "123:abc/../x"}, {"secret_token", kSecret}}).find("bot_token") != std::string::npos);
    CHECK(create_with({{"bot_token", "abc:def"}, {"secret_token", kSecret}}).find("bot_token") != std::string::npos);
}

TEST_CASE("options: secret_token is required in webhook mode, 1-256 of A-Z a-z 0-9 _ -") {
    CHECK(create_with({{"bot_token", kToken}}).find("secret_token") != std::string::npos);
    CHECK(create_with({{"bot_token", kToken}, {"secret_token", "has space"}}).find("secret_token") != std::string::npos);
    CHECK(create_with({{"bot_token", kToken}, {"secret_token", "кириллица"}}).find("secret_token") != std::string::npos);
    CHECK(create_with({{"bot_token", kToken}, {"secret_token", std::string(257, 'a')}}).find("secret_token") != std::string::npos);
    CHECK(create_with({{"bot_token", kToken}, {"secret_token", std::string(256, 'a')}}) == "");
    CHECK(create_with({{"bot_token", kToken}, {"secret_token", "a"}}) == "");
}

TEST_CASE("options: polling needs no secret_token") {
    CHECK(create_with({{"bot_token", kToken}, {"mode", "polling"}}) == "");
}

TEST_CASE("options: mode, api_url and poll_timeout_s are checked") {
    CHECK(create_with({{"bot_token", kToken}, {"mode", "push"}}).find("mode") != std::string::npos);
    CHECK(create_with({{"bot_token", kToken}, {"secret_token", kSecret}, {"api_url", "ftp://x"}}).find("api_url") != std::string::npos);
    CHECK(create_with({{"bot_token", kToken}, {"mode", "polling"}, {"poll_timeout_s", 51}}).find("poll_timeout_s") != std::string::npos);
    CHECK(create_with({{"bot_token", kToken}, {"mode", "polling"}, {"poll_timeout_s", 0}}).find("poll_timeout_s") != std::string::npos);
}

TEST_CASE("options: the manifest marks the credentials secret and the plugin as source, sink and notifier") {
    FakeHost host;
    auto plugin = Harness::linked(host);
    const Json manifest = plugin.manifest();
    CHECK(manifest["kinds"] == Json({"source", "sink", "notifier"}));
    for (const auto& option : manifest["options"]) {
        const std::string name = option["name"];
        INFO(name);
        CHECK(option.value("secret", false) == (name == "bot_token" || name == "secret_token"));
    }
    CHECK(manifest["defaults"]["rate_per_second"] == 30);
}

TEST_CASE("options: a trailing slash of api_url is dropped") {
    leadhub::sdk::Options options(Json{{"bot_token", kToken}, {"secret_token", kSecret}, {"api_url", "http://h/"}});
    CHECK(leadhub::telegram::read_telegram_options(options).api_url == "http://h");
}
