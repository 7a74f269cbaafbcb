// The {{name}} processor through its real C exports on the SDK's fake host, and its text helpers.
#include <catch2/catch.hpp>

#include "{{identifier}}_processor.hpp"

#include <leadhub/sdk/testing.hpp>

using namespace leadhub::sdk;
using leadhub::sdk::testing::FakeHost;
using leadhub::sdk::testing::Harness;
using Strings = std::vector<std::string>;

TEST_CASE("options: defaults work, and a bad country code or type is refused") {
    FakeHost host;
    auto plugin = Harness::linked(host);
    CHECK_THAT(plugin.create("contacts", {{"country_code", "+7"}}), Catch::Contains("1 to 3 digits"));
    CHECK_THAT(plugin.create("contacts", {{"urgent_words", "срочно"}}), Catch::Contains("a list of strings"));
    CHECK_THAT(plugin.create("contacts", {{"urgent_word", Json::array()}}), Catch::Contains("did you mean 'urgent_words'?"));
    CHECK(plugin.create("contacts") == "");
}

TEST_CASE("a customer's text gives its contacts and urgency") {
    FakeHost host;
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("contacts") == "");
    REQUIRE(plugin.start() == "");
    Json out = plugin.process({{"text", "СРОЧНО! Запишите на сегодня. Мой номер 8 (916) 123-45-67, почта Anna@Example.ru."}});
    CHECK(out["phones"] == Json::array({"+79161234567"}));
    CHECK(out["emails"] == Json::array({"anna@example.ru"}));
    CHECK(out["urgent"] == true);
    CHECK(out["urgent_words"] == Json::array({"срочно", "сегодня"}));

    Json calm = plugin.process({{"text", "Здравствуйте, сколько стоит стрижка?"}});
    CHECK(calm["phones"].empty());
    CHECK(calm["emails"].empty());
    CHECK(calm["urgent"] == false);
}

TEST_CASE("input it cannot use gets an error, not an exception") {
    FakeHost host;
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("contacts") == "");
    for (const Json& input : {Json::object(), Json::array({1, 2}), Json{{"text", 42}}, Json{{"text", nullptr}}})
        CHECK(plugin.process(input) == Json{{"error", "the input must be an object with a string 'text'"}});
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

TEST_CASE("e-mails and letter case") {
    using namespace {{identifier}}_plugin;
    CHECK(find_emails("пишите: A.Petrova@Mail.RU, или a.petrova@mail.ru.") == Strings{"a.petrova@mail.ru"});
    CHECK(find_emails("@ nobody@ @nowhere x@y").empty());
    CHECK(lower_case("ЁЛКА Срочно ABC") == "ёлка срочно abc");
}
