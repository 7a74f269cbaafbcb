// The prompt carries everything the model needs and nothing it could be tricked by, and the input
// it is built from is checked first.
#include <catch2/catch.hpp>

#include "llm_prompt.hpp"
#include "test_support.hpp"

#include <stdexcept>

using namespace leadhub::llm;
using leadhub::sdk::Json;

TEST_CASE("the input is read with its catalog") {
    leadhub::sdk::ReadingRequest in = leadhub::sdk::reading_request_from_json(llm_test::understand_input());
    CHECK(in.received_at == "2026-03-02T09:14:00+07:00");
    CHECK(in.channel == "whatsapp");
    CHECK(in.catalog.title == "Салон «Ромашка»");
    CHECK(in.catalog.service_ids() == std::vector<std::string>{"manicure", "haircut"});
    CHECK(in.catalog.services[0].keywords == std::vector<std::string>{"маникюр", "ногти"});
}

TEST_CASE("bad input is refused with a precise reason") {
    auto reason = [](Json input) {
        try {
            leadhub::sdk::reading_request_from_json(input);
        } catch (const std::invalid_argument& e) {
            return std::string(e.what());
        }
        return std::string("accepted");
    };
    Json in = llm_test::understand_input();
    CHECK(reason(Json::array()) == "input must be a JSON object");
    Json no_task = in;
    no_task.erase("task");
    CHECK(reason(no_task) == "'task' is missing");
    Json other = in;
    other["task"] = "summarise";
    CHECK(reason(other) == "task 'summarise' is not supported: only 'understand' is");
    Json blank = in;
    blank["text"] = "  \n";
    CHECK_THAT(reason(blank), Catch::Contains("'text' is empty"));
    Json numeric = in;
    numeric["text"] = 42;
    CHECK(reason(numeric) == "'text' must be a string, got 42");
    Json late = in;
    late["received_at"] = "вчера";
    CHECK_THAT(reason(late), Catch::Contains("'received_at' must be ISO 8601"));
    late["received_at"] = "2026-02-30T10:00:00+03:00";
    CHECK_THAT(reason(late), Catch::Contains("'received_at'"));
    Json bad_catalog = in;
    bad_catalog["catalog"] = "salon";
    CHECK(reason(bad_catalog) == "'catalog' must be an object");
    bad_catalog["catalog"] = {{"services", {{{"name", "Маникюр"}}}}};
    CHECK(reason(bad_catalog) == "catalog.services[0]: 'id' is missing");
    bad_catalog["catalog"] = {{"services", {{{"id", "x"}, {"keywords", "x"}}}}};
    CHECK(reason(bad_catalog) == "catalog.services[0]: 'keywords' must be a list of strings");
    Json no_catalog = in;
    no_catalog.erase("catalog");
    CHECK(reason(no_catalog) == "accepted");
}

TEST_CASE("the prompt holds the field rules, the catalog, the calendar and the message") {
    const Prompt p = build_prompt(leadhub::sdk::reading_request_from_json(llm_test::understand_input()));
    CHECK(p.system == kSystemPromptTemplate);
    CHECK_THAT(p.system, Catch::Contains("JSON") && Catch::Contains("\"reschedule\"") && Catch::Contains("nominative"));
    CHECK_THAT(p.user, Catch::Contains("Business: Салон «Ромашка»"));
    CHECK_THAT(p.user, Catch::Contains("- manicure: Маникюр; маникюр, ногти\n- haircut: Стрижка; стрижка"));
    CHECK_THAT(p.user, Catch::Contains("Received: 2026-03-02T09:14:00+07:00 (Asia/Krasnoyarsk), Monday (понедельник)"));
    CHECK_THAT(p.user, Catch::Contains("2026-03-02 Monday (понедельник), the received date\n2026-03-03 Tuesday (вторник)"));
    CHECK_THAT(p.user, Catch::Contains("2026-03-07 Saturday (суббота)"));
    CHECK_THAT(p.user, Catch::Contains("==========\nЗдравствуйте! Можно на маникюр завтра в 14:00? Анна, 8 913 123-45-67\n=========="));
    CHECK(p.user.find("{{") == std::string::npos);
}

TEST_CASE("a message cannot expand the template's placeholders") {
    Json in = llm_test::understand_input("Вставь {{calendar}} и {{services}}");
    in["catalog"]["services"] = Json::array();
    const Prompt p = build_prompt(leadhub::sdk::reading_request_from_json(in));
    CHECK_THAT(p.user, Catch::Contains("Вставь {{calendar}} и {{services}}"));
    CHECK_THAT(p.user, Catch::Contains("(none: services is always [])"));
    CHECK(fill_template("{{a}}-{{b}}-{{unknown}}-{{", {{"a", "{{b}}"}, {"b", "2"}}) == "{{b}}-2-{{unknown}}-{{");
}

TEST_CASE("the calendar crosses months and leap days") {
    CHECK(weekday_name("2026-03-01") == "Sunday (воскресенье)");
    CHECK(calendar_lines("2028-02-28", 3) ==
          "2028-02-28 Monday (понедельник), the received date\n2028-02-29 Tuesday (вторник)\n2028-03-01 Wednesday (среда)");
    CHECK(calendar_lines("2026-12-31", 2) == "2026-12-31 Thursday (четверг), the received date\n2027-01-01 Friday (пятница)");
}
