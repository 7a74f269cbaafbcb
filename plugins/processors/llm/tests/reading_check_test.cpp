// The model's answer is a guess: only a reading of the right shape gets through, repaired where
// the repair is safe and said in warnings.
#include <catch2/catch.hpp>

#include "reading_check.hpp"
#include "test_support.hpp"

using namespace leadhub::llm;
using leadhub::sdk::Json;

namespace {
const std::vector<std::string> kCatalog = {"manicure", "haircut", "coloring"};

Json with(const std::string& key, const Json& value) {
    Json r = Json::parse(llm_test::kGoodReading);
    r[key] = value;
    return r;
}

std::string error_of(const Json& answer) {
    CheckedReading c = check_reading(answer.dump(), kCatalog);
    CHECK_FALSE(c.reading.has_value());
    return c.error;
}
}  // namespace

TEST_CASE("a good answer becomes the reading, with the phone in E.164") {
    CheckedReading c = check_reading(llm_test::kGoodReading, kCatalog);
    REQUIRE(c.reading);
    CHECK(*c.reading == Json{{"intent", "book"}, {"services", {"manicure"}}, {"urgent", false}, {"name", "Анна"},
                             {"phone", "+79131234567"}, {"date", "2026-03-03"}, {"time", "14:00"}, {"daypart", nullptr}});
    CHECK(c.warnings.empty());
    CHECK(c.error.empty());
}

TEST_CASE("a Markdown fence around the JSON is tolerated") {
    CheckedReading c = check_reading("```json\n" + llm_test::kGoodReading + "\n```\n", kCatalog);
    REQUIRE(c.reading);
    CHECK((*c.reading)["intent"] == "book");
    CHECK(strip_code_fence("  ```\n{\"a\": 1}\n```  ") == "{\"a\": 1}");
    CHECK(strip_code_fence("{\"a\": 1}") == "{\"a\": 1}");
}

TEST_CASE("an answer that is not a JSON object is refused with what it was") {
    CHECK_THAT(check_reading("Hello! How can I help you?", kCatalog).error, Catch::StartsWith("the model's answer is not JSON: Hello!"));
    CHECK_THAT(check_reading("[1, 2]", kCatalog).error, Catch::Contains("not a JSON object"));
    CHECK_THAT(check_reading("```json\n{\"intent\": \n```", kCatalog).error, Catch::Contains("not JSON"));
    // The vendors' own sample answers use another schema: refused on their first wrong field.
    const Json vendor = llm_test::sample("openai-chat-completions.json-schema.json");
    const std::string content = vendor["response"]["body"]["choices"][0]["message"]["content"];
    CHECK(check_reading(content, kCatalog).error ==
          "field 'intent' must be one of book, reschedule, cancel, question, complaint, other, got \"booking\"");
}

TEST_CASE("wrong types and values are refused, naming the field") {
    CHECK_THAT(error_of(with("intent", "appointment")), Catch::Contains("field 'intent'") && Catch::Contains("\"appointment\""));
    CHECK_THAT(error_of(with("intent", nullptr)), Catch::Contains("field 'intent'"));
    Json no_intent = Json::parse(llm_test::kGoodReading);
    no_intent.erase("intent");
    CHECK_THAT(error_of(no_intent), Catch::Contains("field 'intent'") && Catch::Contains("got nothing"));
    CHECK_THAT(error_of(with("urgent", "false")), Catch::Contains("field 'urgent' must be true or false"));
    CHECK_THAT(error_of(with("services", "manicure")), Catch::Contains("field 'services' must be a list"));
    CHECK_THAT(error_of(with("services", {1})), Catch::Contains("strings only"));
    CHECK_THAT(error_of(with("name", 5)), Catch::Contains("field 'name' must be a string or null"));
    CHECK_THAT(error_of(with("phone", 89131234567LL)), Catch::Contains("field 'phone'"));
    CHECK_THAT(error_of(with("daypart", "night")), Catch::Contains("field 'daypart'") && Catch::Contains("night"));
}

TEST_CASE("a date or time in the wrong format is refused") {
    for (const char* bad : {"2026-3-3", "03.03.2026", "2026-02-30", "2026-13-01", "завтра", "2026-03-03T14:00"}) {
        INFO(bad);
        CHECK_THAT(error_of(with("date", bad)), Catch::Contains("field 'date' must be a real date as YYYY-MM-DD"));
    }
    for (const char* bad : {"9:00", "24:00", "14:60", "14.00", "2 pm", "14:00:00"}) {
        INFO(bad);
        CHECK_THAT(error_of(with("time", bad)), Catch::Contains("field 'time' must be a clock time as HH:MM"));
    }
    CHECK(is_calendar_date("2028-02-29"));
    CHECK_FALSE(is_calendar_date("2026-02-29"));
    CHECK(is_clock_time("00:00"));
    CHECK(is_clock_time("23:59"));
}

TEST_CASE("service ids not in the catalog are dropped and said, repeats kept once") {
    CheckedReading c = check_reading(with("services", {"haircut", "pedicure", "haircut", "Маникюр"}).dump(), kCatalog);
    REQUIRE(c.reading);
    CHECK((*c.reading)["services"] == Json::array({"haircut"}));
    CHECK(c.warnings == std::vector<std::string>{"service 'pedicure' is not in the catalog: dropped",
                                                 "service 'Маникюр' is not in the catalog: dropped"});
}

TEST_CASE("missing nullable fields count as null, and extra keys are not passed on") {
    CheckedReading c = check_reading(R"({"intent": "question", "services": [], "urgent": true, "confidence": 0.9})", kCatalog);
    REQUIRE(c.reading);
    CHECK(*c.reading == Json{{"intent", "question"}, {"services", Json::array()}, {"urgent", true}, {"name", nullptr},
                             {"phone", nullptr}, {"date", nullptr}, {"time", nullptr}, {"daypart", nullptr}});
    CHECK((*check_reading(with("name", "  ").dump(), kCatalog).reading)["name"] == nullptr);
}

TEST_CASE("a phone that is not one is dropped with a warning; a daypart next to a time too") {
    CheckedReading c = check_reading(with("phone", "12345").dump(), kCatalog);
    REQUIRE(c.reading);
    CHECK((*c.reading)["phone"] == nullptr);
    CHECK(c.warnings == std::vector<std::string>{"phone '12345' is not a phone number: dropped"});

    CheckedReading both = check_reading(with("daypart", "afternoon").dump(), kCatalog);
    REQUIRE(both.reading);
    CHECK((*both.reading)["daypart"] == nullptr);
    CHECK((*both.reading)["time"] == "14:00");
    CHECK(both.warnings.size() == 1);
}

TEST_CASE("phones follow the simple Russian rules") {
    CHECK(normalize_phone("8 913 123-45-67") == "+79131234567");
    CHECK(normalize_phone("89131234567") == "+79131234567");
    CHECK(normalize_phone("79131234567") == "+79131234567");
    CHECK(normalize_phone("+7 (913) 123-45-67") == "+79131234567");
    CHECK(normalize_phone("9131234567") == "+79131234567");
    CHECK(normalize_phone("+79131234567") == "+79131234567");
    CHECK(normalize_phone("+375 29 123-45-67") == "+375291234567");
    CHECK(normalize_phone("8 (391) 245-67-89") == "+73912456789");
    CHECK_FALSE(normalize_phone("4951234567").has_value());   // ten digits not starting with 9: unknown code
    CHECK_FALSE(normalize_phone("123-45-67").has_value());
    CHECK_FALSE(normalize_phone("+7 913 123").has_value());
    CHECK_FALSE(normalize_phone("8 913 123 45 67 доб. 5").has_value());
    CHECK_FALSE(normalize_phone("").has_value());
    CHECK_FALSE(normalize_phone("7+9131234567").has_value());
}
