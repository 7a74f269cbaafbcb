// The processor's typed contract: the JSON the host sends read into a ReadingRequest, the
// ReadingResult written back as the JSON the host reads.
#include <catch2/catch.hpp>

#include <leadhub/sdk/plugin.hpp>
#include <leadhub/sdk/testing.hpp>

using namespace leadhub::sdk;

namespace {

Json request_json() {
    return {{"task", "understand"},
            {"text", "Запишите на стрижку завтра"},
            {"received_at", "2026-03-02T09:14:00+07:00"},
            {"channel", "webform"},
            {"catalog", {{"title", "Salon"}, {"timezone", "Asia/Krasnoyarsk"},
                         {"services", {{{"id", "haircut"}, {"name", "Haircut"}, {"keywords", {"стрижк"}}}}}}},
            {"baseline", {{"intent", "book"}, {"services", {"haircut"}}, {"urgent", false}, {"date", "2026-03-03"},
                          {"time", nullptr}, {"daypart", nullptr}, {"score", "hot"}}}};
}

// Answers with the baseline, marked; "fail" in the text fails retryably.
class BaselineProcessor final : public Processor {
public:
    using Processor::Processor;
    ReadingResult read(const ReadingRequest& request) override {
        if (request.text == "fail") return ReadingResult::failed("backend down", true, 1500);
        Reading r = request.baseline.value_or(Reading{});
        r.backend = "baseline";
        r.warnings = {request.catalog.title + ":" + request.catalog.service_ids().at(0)};
        return ReadingResult::ok(r);
    }
};

}  // namespace

TEST_CASE("a reading request is read from the host's JSON and written back the same") {
    ReadingRequest r = reading_request_from_json(request_json());
    CHECK(r.text == "Запишите на стрижку завтра");
    CHECK(r.channel == "webform");
    CHECK(r.catalog.services.at(0).keywords == std::vector<std::string>{"стрижк"});
    REQUIRE(r.baseline);
    CHECK(r.baseline->intent == "book");
    CHECK(r.baseline->date == std::optional<std::string>("2026-03-03"));
    CHECK_FALSE(r.baseline->time);
    CHECK(reading_request_from_json(to_json(r)).catalog.title == "Salon");
}

TEST_CASE("input that is no reading request is refused with a precise reason") {
    Json in = request_json();
    in["task"] = "translate";
    CHECK_THROWS_WITH(reading_request_from_json(in), "task 'translate' is not supported: only 'understand' is");
    in = request_json();
    in["received_at"] = "2026-02-30T10:00:00Z";
    CHECK_THROWS_WITH(reading_request_from_json(in), Catch::Contains("'received_at' must be ISO 8601"));
    in = request_json();
    in["catalog"]["services"][0]["id"] = "";
    CHECK_THROWS_WITH(reading_request_from_json(in), "catalog.services[0]: 'id' is empty");
    CHECK_THROWS_WITH(reading_request_from_json(Json::array()), "input must be a JSON object");
}

TEST_CASE("a processor answers the host's JSON through its typed read") {
    testing::FakeHost host;
    BaselineProcessor processor(Context{host.host(), "reader", Options()});
    Json out = processor.process(request_json());
    CHECK(out == Json{{"intent", "book"}, {"services", {"haircut"}}, {"urgent", false}, {"name", nullptr},
                      {"phone", nullptr}, {"date", "2026-03-03"}, {"time", nullptr}, {"daypart", nullptr},
                      {"backend", "baseline"}, {"warnings", {"Salon:haircut"}}});

    Json failing = request_json();
    failing["text"] = "fail";
    CHECK(processor.process(failing) == Json{{"error", "backend down"}, {"retryable", true}, {"retry_after_ms", 1500}});
    CHECK(processor.process(Json::object()) == Json{{"error", "bad input: 'task' is missing"}, {"retryable", false}});
}
