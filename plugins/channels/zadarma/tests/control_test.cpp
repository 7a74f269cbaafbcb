// The operator's actions: status counters and the connect steps (Zadarma has no API for the URL).
#include <catch2/catch.hpp>

#include "zadarma_request.hpp"

using namespace leadhub::sdk;
using namespace zadarma_test;

TEST_CASE("status counts calls, missed calls, ignored events and signature failures since start") {
    Account a;
    Json zero = a.plugin.control({{"action", "status"}});
    CHECK(zero["calls"] == 0);
    CHECK(zero["signature_failures"] == 0);

    a.plugin.webhook(signed_post(notify_end()));                                                   // missed
    a.plugin.webhook(signed_post(notify_end({{"pbx_call_id", "in_2"}, {"disposition", "answered"}})));  // answered
    a.plugin.webhook(signed_post({{"event", "NOTIFY_RECORD"}, {"pbx_call_id", "in_2"}, {"call_id_with_rec", "1.2"}}));
    a.plugin.webhook(post(form_encode(notify_end()), "d3Jvbmc="));
    a.plugin.webhook(post(form_encode(notify_end()), ""));
    HttpRequest echo;
    echo.method = "GET";
    echo.query = "zd_echo=abc";
    a.plugin.webhook(echo);

    Json s = a.plugin.control({{"action", "status"}});
    CHECK(s["plugin"] == "zadarma");
    CHECK(s["calls"] == 2);
    CHECK(s["missed"] == 1);
    CHECK(s["ignored_events"] == 1);
    CHECK(s["signature_failures"] == 2);
    CHECK(s["echo_checks"] == 1);
    CHECK(s["last_notification_ms"] == a.host.now);
    CHECK_FALSE(dump(s).find(kSecret) != std::string::npos);
}

TEST_CASE("connect cannot register by API: it returns the URL and the steps to paste it") {
    Account a;
    const std::string url = "https://hub.example.ru/hooks/salon/zadarma";
    Json c = a.plugin.control({{"action", "connect"}, {"webhook_url", url}});
    CHECK(c["performed"] == false);
    CHECK(c["url"] == url);
    REQUIRE(c["steps"].is_array());
    std::string all;
    for (const auto& line : c["steps"]) all += line.get<std::string>() + "\n";
    CHECK_THAT(all, Catch::Contains(url));
    CHECK_THAT(all, Catch::Contains("Integrations and API"));
    CHECK_THAT(all, Catch::Contains("PBX call notifications"));
    CHECK_THAT(all, Catch::Contains("NOTIFY_END"));
    CHECK_THAT(all, Catch::Contains("api_secret"));
}

TEST_CASE("connect without a usable URL, and unknown actions, are errors") {
    Account a;
    CHECK(a.plugin.control({{"action", "connect"}}).contains("error"));
    CHECK(a.plugin.control({{"action", "connect"}, {"webhook_url", "ftp://x"}}).contains("error"));
    CHECK(a.plugin.control({{"action", "connect"}, {"webhook_url", "https://a b"}}).contains("error"));
    CHECK(a.plugin.control({{"action", "reboot"}}).contains("error"));
}
