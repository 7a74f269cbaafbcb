// The {{name}} processor through its real C exports on the SDK's fake host, and its text helpers.
#include <catch2/catch.hpp>

#include "{{identifier}}_processor.hpp"

#include <leadhub/sdk/testing.hpp>

using namespace leadhub::sdk;
using leadhub::sdk::testing::FakeHost;
using leadhub::sdk::testing::Harness;
using Strings = std::vector<std::string>;

namespace {

// What the hub sends: the message, and its own reading of it as the baseline.
Json request(const std::string& text) {
    ReadingRequest r;
    r.text = text;
    r.received_at = "2026-03-02T09:14:00+03:00";
    r.channel = "webform";
    Reading baseline;
    baseline.intent = "book";
    r.baseline = baseline;
    return to_json(r);
}

}  // namespace

TEST_CASE("options: defaults work, and a bad country code or type is refused") {
    FakeHost host;
    auto plugin = Harness::linked(host);
    CHECK_THAT(plugin.create("contacts", {{"country_code", "+7"}}), Catch::Contains("1 to 3 digits"));
    CHECK_THAT(plugin.create("contacts", {{"urgent_words", "срочно"}}), Catch::Contains("a list of strings"));
    CHECK_THAT(plugin.create("contacts", {{"urgent_word", Json::array()}}), Catch::Contains("did you mean 'urgent_words'?"));
    CHECK(plugin.create("contacts") == "");
}

TEST_CASE("a customer's text adds its phone and urgency to the hub's reading") {
    FakeHost host;
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("contacts") == "");
    REQUIRE(plugin.start() == "");
    Json out = plugin.process(request("СРОЧНО! Запишите на сегодня. Мой номер 8 (916) 123-45-67."));
    CHECK(out["intent"] == "book");  // the baseline's
    CHECK(out["phone"] == "+79161234567");
    CHECK(out["urgent"] == true);
    CHECK(out["backend"] == "{{name}}");

    Json calm = plugin.process(request("Здравствуйте, сколько стоит стрижка?"));
    CHECK(calm["phone"].is_null());
    CHECK(calm["urgent"] == false);
}

TEST_CASE("input that is no reading request gets an error, not an exception") {
    FakeHost host;
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("contacts") == "");
    for (const Json& input : {Json::object(), Json::array({1, 2}), Json{{"text", 42}}, Json{{"task", "understand"}, {"text", nullptr}}}) {
        Json out = plugin.process(input);
        CHECK_THAT(out.value("error", std::string()), Catch::StartsWith("bad input: "));
        CHECK(out["retryable"] == false);
    }
}

TEST_CASE("phones: formats people write, without repeats, and what is not a phone") {
    using {{identifier}}_plugin::find_phones;
    CHECK(find_phones("+7 916 123-45-67", "7") == Strings{"+79161234567"});
    CHECK(find_phones("9161234567 и 8-916-123-45-67", "7") == Strings{"+79161234567"});
    CHECK(find_phones("+375 29 123-45-67", "7") == Strings{"+375291234567"});
    CHECK(find_phones("77011234567", "7") == Strings{"+77011234567"});
    CHECK(find_phones("в 10:30, 2 человека, заказ 123456", "7").empty());
    CHECK(find_phones("", "7").empty());
}

TEST_CASE("letter case") {
    using namespace {{identifier}}_plugin;
    CHECK(lower_case("ЁЛКА Срочно ABC") == "ёлка срочно abc");
}
