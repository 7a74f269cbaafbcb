#include <catch2/catch.hpp>

#include <sstream>

#include "understand/understand.hpp"

using namespace leadhub::understand;

namespace {
std::map<std::string, Catalog> catalogs() {
    return {{"salon", Catalog{"Салон", "Asia/Krasnoyarsk", "RU", {{"manicure", "Маникюр", {"маникюр"}}}}}};
}
}  // namespace

TEST_CASE("classify writes one line per message with exactly the reading's fields") {
    std::istringstream in(
        R"({"id": "a1", "business": "salon", "received_at": "2026-03-02T09:14:00+07:00", "text": "хочу на маникюр завтра к 10, Оксана, 8 913 123-45-67"})"
        "\n\n"
        R"({"id": 7, "business": "salon", "received_at": "2026-03-02T09:14:00+07:00", "text": "Здравствуйте"})"
        "\n");
    std::ostringstream out, err;
    CHECK(run_classify(in, out, err, catalogs()) == 0);
    CHECK(err.str().empty());
    std::istringstream lines(out.str());
    std::string first, second;
    REQUIRE(std::getline(lines, first));
    REQUIRE(std::getline(lines, second));
    CHECK(first ==
          R"({"id":"a1","intent":"book","services":["manicure"],"urgent":false,"name":"Оксана","phone":"+79131234567","date":"2026-03-03","time":"10:00","daypart":null})");
    CHECK(nlohmann::json::parse(second)["id"] == 7);
    CHECK(nlohmann::json::parse(second)["intent"] == "other");
}

TEST_CASE("bad lines are reported by number and skipped") {
    std::istringstream in(
        "not json\n"
        R"({"id": "b", "business": "barbershop", "received_at": "2026-03-02T09:14:00+07:00", "text": "x"})" "\n"
        R"({"id": "c", "business": "salon", "text": "x"})" "\n"
        R"({"id": "d", "business": "salon", "received_at": "вчера", "text": "x"})" "\n"
        R"([1, 2])" "\n"
        R"({"id": "e", "business": "salon", "received_at": "2026-03-02T09:14:00+07:00", "text": "маникюр"})" "\n");
    std::ostringstream out, err;
    CHECK(run_classify(in, out, err, catalogs()) == 1);
    std::string e = err.str();
    CHECK_THAT(e, Catch::Contains("line 1: not valid JSON"));
    CHECK_THAT(e, Catch::Contains("line 2: unknown business 'barbershop'"));
    CHECK_THAT(e, Catch::Contains("line 3: missing field 'received_at'"));
    CHECK_THAT(e, Catch::Contains("line 4: received_at"));
    CHECK_THAT(e, Catch::Contains("line 5: expected a JSON object"));
    CHECK(nlohmann::json::parse(out.str())["id"] == "e");
}
