// Bitrix24's outgoing webhook: the fixture events, the token and portal checks, the record read
// back, stages in and out of the map, a deal, a read that fails; and control().
#include "bitrix24_test_support.hpp"

#include <catch2/catch.hpp>

using namespace bitrix24_test;
using leadhub::sdk::HttpRequest;
using leadhub::sdk::testing::FakeHost;
using leadhub::sdk::testing::FakeHttpServer;
using leadhub::sdk::testing::Harness;

namespace {

const std::string kHookPath = "/rest/1/code/";

HttpRequest fixture_request(const std::string& file) {
    const Json r = sample(file).at("request");
    HttpRequest out;
    out.method = r.at("method");
    out.target = "/";
    out.headers["Content-Type"] = "application/x-www-form-urlencoded";
    out.body = r.at("body");
    return out;
}

HttpRequest deal_event(const std::string& id) {
    HttpRequest r = fixture_request("crm-bitrix24-01-oncrmleadupdate.json");
    std::string& b = r.body;
    b.replace(b.find("ONCRMLEADUPDATE"), 15, "ONCRMDEALUPDATE");
    b.replace(b.find("=3466"), 5, "=" + id);
    return r;
}

struct Hook {
    FakeHost host;
    FakeHttpServer server;
    Harness plugin = Harness::linked(host);
    explicit Hook(Json options = webhook_options("http://127.0.0.1")) {
        host.on_http = server.handler();
        options["portal_domain"] = "example.bitrix24.ru";
        options["member_id"] = "c4e8a1f0b7d94e2a8f61d3b5a9c07e12";
        REQUIRE(plugin.create("crm", options) == "");
        REQUIRE(plugin.start() == "");
    }
};

}  // namespace

TEST_CASE("ONCRMLEADUPDATE: the lead is read back and its stage becomes the hub's status") {
    Hook h;
    h.server.respond("POST", kHookPath + "crm.lead.get.json", recorded("crm.lead.get.json"));
    auto result = h.plugin.webhook(fixture_request("crm-bitrix24-01-oncrmleadupdate.json"));
    CHECK(result.status == 200);
    REQUIRE(result.messages.size() == 1);
    const auto& m = result.messages[0];
    CHECK(m.event == leadhub::sdk::MessageEvent::lead_status);
    CHECK(m.external_message_id == "bitrix24:ONCRMLEADUPDATE:3466:1714750242");
    REQUIRE(m.lead_status);
    CHECK(m.lead_status->external_id == "3466");
    CHECK(m.lead_status->status == "in_work");
    CHECK(m.lead_status->crm_status == "IN_PROCESS");
    CHECK(m.lead_status->changed_by == "7");
    REQUIRE(h.server.request_count() == 1);
    CHECK(Json::parse(h.server.requests()[0].body).at("id") == 3466);
    CHECK(h.host.http_calls.at(0).timeout_ms == 4000);  // short: Bitrix24 slows down for slow handlers
    CHECK(h.host.routes == std::vector<std::pair<std::string, std::string>>{{"POST", "/"}});
}

TEST_CASE("a wrong application token, another portal or a GET is refused and nothing is read") {
    Hook h;
    h.server.respond("POST", kHookPath + "crm.lead.get.json", recorded("crm.lead.get.json"));
    auto wrong = h.plugin.webhook(fixture_request("crm-bitrix24-02-wrong-application-token.json"));
    CHECK(wrong.status == 403);
    CHECK(wrong.messages.empty());

    HttpRequest other = fixture_request("crm-bitrix24-01-oncrmleadupdate.json");
    other.body.replace(other.body.find("example.bitrix24.ru"), 19, "evil.bitrix24.ru");
    CHECK(h.plugin.webhook(other).status == 403);
    HttpRequest no_token = fixture_request("crm-bitrix24-01-oncrmleadupdate.json");
    no_token.body = no_token.body.substr(0, no_token.body.find("&auth%5Bapplication_token%5D"));
    CHECK(h.plugin.webhook(no_token).status == 403);
    HttpRequest get = fixture_request("crm-bitrix24-01-oncrmleadupdate.json");
    get.method = "GET";
    CHECK(h.plugin.webhook(get).status == 405);
    CHECK(h.server.request_count() == 0);
}

TEST_CASE("a stage outside crm_status_map is no change; an event without an id is malformed") {
    Hook h;
    Json lead = sample("crm.lead.get.json").at("response").at("body");
    lead["result"]["STATUS_ID"] = "UC_7K2Q";
    h.server.respond("POST", kHookPath + "crm.lead.get.json", json_answer(200, lead));
    auto result = h.plugin.webhook(fixture_request("crm-bitrix24-01-oncrmleadupdate.json"));
    CHECK(result.status == 200);
    CHECK(result.messages.empty());

    HttpRequest no_id = fixture_request("crm-bitrix24-01-oncrmleadupdate.json");
    no_id.body.replace(no_id.body.find("=3466"), 5, "=");
    CHECK(h.plugin.webhook(no_id).status == 400);
    HttpRequest other = fixture_request("crm-bitrix24-01-oncrmleadupdate.json");
    other.body.replace(other.body.find("ONCRMLEADUPDATE"), 15, "ONCRMCONTACTADD");
    auto ignored = h.plugin.webhook(other);
    CHECK(ignored.status == 200);
    CHECK(ignored.messages.empty());
}

TEST_CASE("ONCRMDEALUPDATE reads the deal; a deal made from our lead names that lead") {
    Hook h;
    h.server.respond("POST", kHookPath + "crm.deal.get.json",
                     result_answer({{"ID", "88"}, {"STAGE_ID", "C1:LOSE"}, {"LEAD_ID", "3466"}, {"MOVED_BY_ID", "5"},
                                    {"ORIGINATOR_ID", "leadhub"}, {"ORIGIN_ID", "salon:42"}}));
    auto result = h.plugin.webhook(deal_event("88"));
    REQUIRE(result.messages.size() == 1);
    const auto& u = *result.messages[0].lead_status;
    CHECK(u.status == "lost");
    CHECK(u.external_id == "3466");
    CHECK(u.lead_id == 42);
    CHECK(u.changed_by == "5");
    CHECK(u.reason == "Bitrix24: стадия C1:LOSE");
    CHECK(Json::parse(h.server.requests().at(0).body).at("id") == 88);
}

TEST_CASE("a failed read still answers 200 (Bitrix24 never repeats an event) and the loss is logged and shown") {
    Hook h;
    h.server.respond("POST", kHookPath + "crm.lead.get.json", {502, {{"Content-Type", "text/html"}}, "<html>Bad gateway</html>", {}});
    auto result = h.plugin.webhook(fixture_request("crm-bitrix24-01-oncrmleadupdate.json"));
    CHECK(result.status == 200);
    CHECK(result.messages.empty());
    CHECK(h.host.logged("is lost"));
    Json status = h.plugin.control({{"action", "status"}});
    CHECK(status.at("events_lost") == 1);
    CHECK_THAT(status.at("last_error").get<std::string>(), Catch::Contains("3466"));
    CHECK(status.at("portal") == "http://127.0.0.1");  // never the webhook's code
}

TEST_CASE("control: status says how the instance authorises; connect trades an OAuth code for tokens") {
    Hook oauth(oauth_options("http://127.0.0.1"));
    CHECK(oauth.plugin.control({{"action", "status"}}).at("auth") == "oauth");
    CHECK(oauth.plugin.control({{"action", "connect"}}).at("connected") == false);
    oauth.server.respond("GET", "/oauth/token/", recorded("oauth.refresh.json"));
    Json connected = oauth.plugin.control({{"action", "connect"}, {"code", "c0de"}});
    CHECK(connected.at("connected") == true);
    CHECK_THAT(oauth.server.requests().at(0).query, Catch::Contains("grant_type=authorization_code"));
    CHECK_THAT(oauth.server.requests().at(0).query, Catch::Contains("code=c0de"));
    CHECK_THAT(oauth.host.state.at("oauth_tokens"), Catch::Contains("3s6lr4kr3cv2od4v853gvrchb875bwxb"));
    CHECK(oauth.plugin.control({{"action", "nope"}}).contains("error"));

    Hook webhook;
    CHECK(webhook.plugin.control({{"action", "connect"}}).at("auth") == "webhook");
}
