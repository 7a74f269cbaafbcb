// Mango's paths and event JSON read without the plugin around them (mango_api.hpp, no I/O).
#include <catch2/catch.hpp>

#include "mango_api.hpp"

using namespace leadhub::mango;

TEST_CASE("Mango's paths below the base URL are told apart") {
    CHECK(classify_path("/ping") == EventPath::ping);
    CHECK(classify_path("/ping/") == EventPath::ping);
    CHECK(classify_path("/events/summary") == EventPath::summary);
    CHECK(classify_path("/events/summary//") == EventPath::summary);
    for (const char* p : {"/events/call", "/events/recording", "/events/dtmf", "/result/sms", "/result/callback", "/result/stat", "/events/new_thing"})
        CHECK(classify_path(p) == EventPath::event);
    for (const char* p : {"", "/", "/events", "/events/", "/result", "/summary", "/hooks/x/events/summary", "/pingx"})
        CHECK(classify_path(p) == EventPath::unknown);
}

TEST_CASE("an event's json is read for summaries only; others just need to be a JSON object") {
    CHECK(read_event(EventPath::event, R"({"call_state":"Appeared"})").kind == ReadEvent::Kind::ignored);
    CHECK(read_event(EventPath::event, "[]").kind == ReadEvent::Kind::malformed);
    auto lead = read_event(EventPath::summary, R"({"entry_id":"e1","call_direction":1,"from":{"number":"89031234567"}})");
    REQUIRE(lead.kind == ReadEvent::Kind::lead);
    CHECK(lead.message->phone == std::optional<std::string>("+79031234567"));
    CHECK(lead.message->extra["call"]["missed"] == true);          // talk_time absent: nobody talked
    CHECK(lead.message->extra["call"]["called_number"].is_null());  // to absent
    CHECK(read_event(EventPath::summary, R"({"entry_id":"e1","call_direction":2})").kind == ReadEvent::Kind::ignored);
}

TEST_CASE("duration is end_time - talk_time only when a talk began and ended after it") {
    auto duration = [](const char* json) {
        auto e = read_event(EventPath::summary, json);
        REQUIRE(e.message);
        return e.message->extra["call"]["duration_sec"].get<int64_t>();
    };
    CHECK(duration(R"({"entry_id":"e","call_direction":1,"talk_time":100,"end_time":160})") == 60);
    CHECK(duration(R"({"entry_id":"e","call_direction":1,"talk_time":0,"end_time":160})") == 0);
    CHECK(duration(R"({"entry_id":"e","call_direction":1,"talk_time":200,"end_time":160})") == 0);
    CHECK(duration(R"({"entry_id":"e","call_direction":1,"talk_time":1,"end_time":9223372036854775807})") == 0);
    CHECK(duration(R"({"entry_id":"e","call_direction":1,"talk_time":-9223372036854775807,"end_time":100})") == 0);
}
