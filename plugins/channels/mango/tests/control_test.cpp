// The operator's actions: status counters and the connect steps (Mango has no API for the URL).
#include <catch2/catch.hpp>

#include "mango_request.hpp"

using namespace leadhub::sdk;
using namespace mango_test;

TEST_CASE("status counts calls, missed calls, ignored events and signature failures since start") {
    Vpbx v;
    Json zero = v.plugin.control({{"action", "status"}});
    CHECK(zero["calls"] == 0);
    CHECK(zero["missed"] == 0);

    v.plugin.webhook(signed_event("/events/summary", summary()));                                                     // missed
    v.plugin.webhook(signed_event("/events/summary", summary({{"entry_id", "e2"}, {"entry_result", 1}, {"talk_time", 1773137110}})));
    v.plugin.webhook(signed_event("/events/summary", summary({{"entry_id", "e3"}, {"call_direction", 2}})));        // outgoing
    v.plugin.webhook(signed_event("/events/call", R"({"call_state":"Appeared"})"));
    v.plugin.webhook(post("/events/summary", body_of(summary(), "bad")));
    v.plugin.webhook(signed_event("/events/summary", "{"));

    Json s = v.plugin.control({{"action", "status"}});
    CHECK(s["plugin"] == "mango");
    CHECK(s["vpbx_api_key"] == kKey);
    CHECK(s["calls"] == 2);
    CHECK(s["missed"] == 1);
    CHECK(s["ignored_events"] == 2);
    CHECK(s["signature_failures"] == 1);
    CHECK(s["refused_malformed"] == 1);
    CHECK(s["last_event_ms"] == v.host.now);
    CHECK(dump(s).find(kSalt) == std::string::npos);
}

TEST_CASE("connect cannot register by API: it returns the base URL and the steps to paste it") {
    Vpbx v;
    Json c = v.plugin.control({{"action", "connect"}, {"webhook_url", "https://hub.example.ru/hooks/salon/mango/"}});
    CHECK(c["performed"] == false);
    CHECK(c["url"] == "https://hub.example.ru/hooks/salon/mango");
    CHECK(c["paths"][0] == "https://hub.example.ru/hooks/salon/mango/events/summary");
    std::string all;
    for (const auto& line : c["steps"]) all += line.get<std::string>() + "\n";
    CHECK_THAT(all, Catch::Contains("https://hub.example.ru/hooks/salon/mango "));
    CHECK_THAT(all, Catch::Contains("API connection"));
    CHECK_THAT(all, Catch::Contains("vpbx_api_key"));
    CHECK_THAT(all, Catch::Contains("vpbx_api_salt"));
    CHECK_THAT(all, Catch::Contains("/ping"));
}

TEST_CASE("connect without a usable URL, and unknown actions, are errors") {
    Vpbx v;
    CHECK(v.plugin.control({{"action", "connect"}}).contains("error"));
    CHECK(v.plugin.control({{"action", "connect"}, {"webhook_url", "hub.example.ru"}}).contains("error"));
    CHECK(v.plugin.control({{"action", "restart"}}).contains("error"));
}
