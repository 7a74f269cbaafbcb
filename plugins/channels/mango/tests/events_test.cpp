// Every Mango event through the real exports: only the summary of an incoming call is a lead, with
// the call's details; the rest are answered 200 and produce nothing.
#include <catch2/catch.hpp>

#include "mango_api.hpp"
#include "mango_request.hpp"

using namespace leadhub::sdk;
using namespace mango_test;

TEST_CASE("a lost incoming call is one missed-call lead") {
    Vpbx v;
    auto r = v.plugin.webhook(signed_event("/events/summary", summary()));
    CHECK(r.status == 200);
    CHECK(r.body == R"({"success": true})");
    REQUIRE(r.messages.size() == 1);
    const Message& m = r.messages[0];
    CHECK(m.channel == "call");
    CHECK(m.phone == std::optional<std::string>("+79031234567"));
    CHECK(m.external_user_id == std::optional<std::string>("+79031234567"));
    CHECK(m.external_message_id == std::optional<std::string>("MzUyODMzNzk3NTo0MDE="));
    CHECK_FALSE(m.name.has_value());
    CHECK_FALSE(m.text.has_value());
    const Json& call = m.extra.at("call");
    CHECK(call["provider"] == "mango");
    CHECK(call["direction"] == "in");
    CHECK(call["missed"] == true);
    CHECK(call["disposition"].is_null());
    CHECK(call["duration_sec"] == 0);
    CHECK(call["called_number"] == "74951234567");
    CHECK(call["line_number"] == "74951234567");
    CHECK(call["extension"] == "101");
    CHECK(call["started_at"] == "2026-03-10T10:05:00.000Z");
    CHECK(call["answered_at"].is_null());
    CHECK(call["ended_at"] == "2026-03-10T10:05:31.000Z");
    CHECK(call["entry_result"] == 0);
    CHECK(call["disconnect_reason"] == 1100);
    CHECK(call["caller"] == "79031234567");
    CHECK(v.host.metrics["mango_missed_calls"] == 1);
}

TEST_CASE("a talked incoming call is a lead that is not missed, its duration counted from the talk") {
    Vpbx v;
    auto r = v.plugin.webhook(signed_event("/events/summary", summary({{"talk_time", 1773137110}, {"end_time", 1773137230}, {"entry_result", 1}})));
    REQUIRE(r.messages.size() == 1);
    const Json& call = r.messages[0].extra.at("call");
    CHECK(call["missed"] == false);
    CHECK(call["duration_sec"] == 120);
    CHECK(call["answered_at"] == "2026-03-10T10:05:10.000Z");
    CHECK(v.host.metrics["mango_missed_calls"] == 0);
    CHECK(v.host.metrics["mango_calls"] == 1);
}

TEST_CASE("without entry_result a call nobody talked on is missed; numbers may come as strings") {
    Vpbx v;
    Json no_result = Json::parse(summary());
    no_result.erase("entry_result");
    auto lost = v.plugin.webhook(signed_event("/events/summary", no_result.dump()));
    REQUIRE(lost.messages.size() == 1);
    CHECK(lost.messages[0].extra["call"]["missed"] == true);
    CHECK_FALSE(lost.messages[0].extra["call"].contains("entry_result"));

    auto as_text = v.plugin.webhook(signed_event("/events/summary", summary({{"call_direction", "1"}, {"talk_time", "1773137110"},
                                                                            {"end_time", "1773137130"}, {"entry_result", "1"},
                                                                            {"from", {{"number", 79031234567}}}})));
    REQUIRE(as_text.messages.size() == 1);
    CHECK(as_text.messages[0].extra["call"]["missed"] == false);
    CHECK(as_text.messages[0].extra["call"]["duration_sec"] == 20);
    CHECK(as_text.messages[0].phone == std::optional<std::string>("+79031234567"));
}

TEST_CASE("summaries of outgoing, internal and other calls are answered and make nothing") {
    Vpbx v;
    for (Json direction : {Json(2), Json(0), Json(3), Json("2"), Json(nullptr)}) {
        INFO("call_direction " << direction.dump());
        auto r = v.plugin.webhook(signed_event("/events/summary", summary({{"call_direction", direction}})));
        CHECK(r.status == 200);
        CHECK(r.messages.empty());
    }
    Json absent = Json::parse(summary());
    absent.erase("call_direction");
    CHECK(v.plugin.webhook(signed_event("/events/summary", absent.dump())).messages.empty());
    CHECK(v.host.metrics["mango_ignored"] == 6);
}

TEST_CASE("call-state events, recordings, DTMF and command results are answered 200 and make nothing") {
    Vpbx v;
    const std::vector<std::pair<std::string, Json>> events = {
        {"/events/call", {{"entry_id", "MzUy"}, {"call_id", "MToxMDA"}, {"timestamp", 1773137100}, {"seq", 1}, {"call_state", "Appeared"},
                          {"location", "ivr"}, {"from", {{"number", "79031234567"}}}, {"to", {{"number", "74951234567"}, {"line_number", "74951234567"}}}}},
        {"/events/call", {{"entry_id", "MzUy"}, {"call_id", "MToxMDA"}, {"timestamp", 1773137103}, {"seq", 2}, {"call_state", "Connected"},
                          {"location", "abonent"}, {"from", {{"number", "79031234567"}}}, {"to", {{"extension", "101"}}}}},
        {"/events/call", {{"entry_id", "MzUy"}, {"call_id", "MToxMDA"}, {"timestamp", 1773137131}, {"seq", 3}, {"call_state", "Disconnected"},
                          {"location", "abonent"}, {"from", {{"number", "79031234567"}}}, {"disconnect_reason", 1100}}},
        {"/events/recording", {{"entry_id", "MzUy"}, {"recording_id", "rec1"}, {"recording_state", "Completed"}}},
        {"/events/dtmf", {{"entry_id", "MzUy"}, {"call_id", "MToxMDA"}, {"dtmf", "1"}}},
        {"/events/sms", {{"command_id", "c1"}}},
        {"/result/sms", {{"command_id", "c1"}, {"result", 1000}}},
        {"/result/callback", {{"command_id", "c2"}, {"result", 1000}}},
        {"/result/stat", {{"key", "k"}}},
        {"/events/call/", {{"call_state", "Appeared"}}},
    };
    for (const auto& [path, event] : events) {
        INFO(path << " " << event.dump());
        auto r = v.plugin.webhook(signed_event(path, event.dump()));
        CHECK(r.status == 200);
        CHECK(r.messages.empty());
    }
    CHECK(v.host.metrics["mango_calls"] == 0);
    CHECK(v.host.metrics["mango_ignored"] == static_cast<double>(events.size()));
}

TEST_CASE("hidden numbers still make a lead, with no phone and a text saying so") {
    for (Json from : {Json{{"number", ""}}, Json{{"number", "anonymous"}}, Json::object(), Json{{"number", "0"}}, Json(nullptr)}) {
        INFO("from " << from.dump());
        Vpbx v;
        Json s = Json::parse(summary());
        s["from"] = from;
        auto r = v.plugin.webhook(signed_event("/events/summary", s.dump()));
        REQUIRE(r.messages.size() == 1);
        CHECK_FALSE(r.messages[0].phone.has_value());
        CHECK_FALSE(r.messages[0].external_user_id.has_value());
        CHECK_FALSE(r.messages[0].text);
        CHECK(r.messages[0].extra["attachments_text"] == leadhub::mango::kHiddenNumberText);
        CHECK(r.messages[0].extra["call"]["missed"] == true);
    }
}

TEST_CASE("the same summary delivered twice carries the same entry_id, so the hub keeps one lead") {
    Vpbx v;
    auto first = v.plugin.webhook(signed_event("/events/summary", summary()));
    auto again = v.plugin.webhook(signed_event("/events/summary", summary()));
    REQUIRE(first.messages.size() == 1);
    REQUIRE(again.messages.size() == 1);
    CHECK(again.status == 200);
    CHECK(first.messages[0].external_message_id == again.messages[0].external_message_id);
}

TEST_CASE("signed bodies that are not Mango's shape get 400 with the reason, never half a lead") {
    struct Case {
        std::string path, json, reason;
    };
    std::string deep(70, '[');
    for (const auto& c : std::vector<Case>{{"/events/summary", R"({"entry_id": "x", "call_direction": 1)", "not valid JSON"},
                                           {"/events/summary", "", "not valid JSON"},
                                           {"/events/summary", R"(["entry_id"])", "not a JSON object"},
                                           {"/events/summary", R"("text")", "not a JSON object"},
                                           {"/events/summary", R"({"call_direction": 1})", "summary without entry_id"},
                                           {"/events/summary", R"({"entry_id": "", "call_direction": 1})", "summary without entry_id"},
                                           {"/events/summary", R"({"entry_id": {"a": 1}, "call_direction": 1})", "summary without entry_id"},
                                           {"/events/call", R"({"a":)" + deep, "deeper than 64"},
                                           {"/events/call", "not json", "not valid JSON"}}) {
        INFO(c.path << " " << c.json.substr(0, 60));
        Vpbx v;
        auto r = v.plugin.webhook(signed_event(c.path, c.json));
        CHECK(r.status == 400);
        CHECK_THAT(r.body, Catch::Contains(c.reason));
        CHECK(r.messages.empty());
    }
}

TEST_CASE("a huge summary is answered, not crashed on") {
    Vpbx v;
    auto r = v.plugin.webhook(signed_event("/events/summary", summary({{"padding", std::string(2'000'000, 'x')}})));
    CHECK(r.status == 200);
    CHECK(r.messages.size() == 1);
    auto odd = v.plugin.webhook(signed_event("/events/summary", summary({{"from", {{"number", "7903\x1b[2J1234567"}}},
                                                                         {"to", {{"number", "\n\t"}}},
                                                                         {"create_time", -5}, {"end_time", 1e300}})));
    REQUIRE(odd.messages.size() == 1);
    CHECK_FALSE(odd.messages[0].phone.has_value());
    CHECK(odd.messages[0].extra["call"]["started_at"].is_null());
    CHECK(odd.messages[0].extra["call"]["ended_at"].is_null());
    CHECK(odd.messages[0].extra["call"]["caller"] == "7903\\x1b[2J1234567");  // escaped, never raw
}
