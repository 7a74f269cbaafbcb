// amoCRM's status webhooks through the plugin's C exports: the documented sample, the token and
// account checks, several leads in one body, unmapped stages and malformed bodies.
#include "amocrm_webhook.hpp"

#include <catch2/catch.hpp>

#include <leadhub/sdk/testing.hpp>

#include <fstream>

using namespace leadhub::sdk;
using leadhub::sdk::testing::FakeHost;
using leadhub::sdk::testing::Harness;

namespace {

Json hook_sample() {
    std::ifstream in(std::string(LEADHUB_TEST_DATA) + "/crm-amocrm-01-lead-status-changed.json");
    REQUIRE(in);
    return Json::parse(in);
}

Json hook_options() {
    Json s = hook_sample();
    return {{"base_url", "https://example.amocrm.ru"}, {"access_token", "LLT"},
            {"webhook_token", s["secret"]["value"]}, {"account_id", s["config"]["amocrm_account_id"]},
            {"subdomain", s["config"]["amocrm_subdomain"]}, {"crm_status_map", s["config"]["crm_status_map"]}};
}

HttpRequest hook_request(const std::string& body, const std::string& token = "amo_4Rk8wQ2zT6") {
    HttpRequest r;
    r.method = "POST";
    r.target = "/";
    r.query = "token=" + token;
    r.headers = {{"Content-Type", "application/x-www-form-urlencoded"}, {"X-Amocrm-Requestid", "req-1"}};
    r.body = body;
    return r;
}

}  // namespace

TEST_CASE("the documented status webhook becomes one lead_status message") {
    FakeHost host;
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("amo", hook_options()) == "");
    Json s = hook_sample();
    HttpRequest r = hook_request(s["request"]["body"].get<std::string>());
    r.headers["X-Amocrm-Requestid"] = s["request"]["headers"]["X-Amocrm-Requestid"].get<std::string>();
    auto result = plugin.webhook(r);
    CHECK(result.status == 200);
    CHECK(result.body == "ok");
    REQUIRE(result.messages.size() == 1);
    const Message& m = result.messages[0];
    CHECK(m.channel == "crm");
    CHECK(m.event == MessageEvent::lead_status);
    CHECK(*m.external_message_id == "status:9774766:33929752:9c4f2e71-3b8a-4d05-a6e2-5f1c8b7d3a90");
    REQUIRE(m.lead_status);
    CHECK(m.lead_status->external_id == s["expect"]["event"]["crm_id"]);
    CHECK(m.lead_status->status == s["expect"]["event"]["status"]);
    CHECK(m.lead_status->crm_status == "33929752");
    CHECK(m.extra["old_status_id"] == "33929749");
}

TEST_CASE("a wrong or missing token, another account or subdomain is refused with 403") {
    FakeHost host;
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("amo", hook_options()) == "");
    const std::string good = "leads[status][0][id]=1&leads[status][0][status_id]=33929752&account[id]=31245870&account[subdomain]=example";
    CHECK(plugin.webhook(hook_request(good)).status == 200);
    CHECK(plugin.webhook(hook_request(good, "amo_4Rk8wQ2zT7")).status == 403);
    CHECK(plugin.webhook(hook_request(good, "")).status == 403);
    auto other = plugin.webhook(hook_request("leads[status][0][id]=1&leads[status][0][status_id]=33929752&account[id]=999&account[subdomain]=example"));
    CHECK(other.status == 403);
    CHECK(other.messages.empty());
    CHECK(plugin.webhook(hook_request("leads[status][0][id]=1&leads[status][0][status_id]=33929752&account[id]=31245870&account[subdomain]=evil")).status == 403);

    Json no_token = hook_options();
    no_token.erase("crm_status_map");
    no_token.erase("webhook_token");
    REQUIRE(plugin.create("amo", no_token) == "");
    CHECK(plugin.webhook(hook_request(good, "")).status == 403);
    CHECK(host.logged("webhook_token"));
}

TEST_CASE("two leads in one body, extra keys ignored, unmapped stages are no change") {
    FakeHost host;
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("amo", hook_options()) == "");
    auto result = plugin.webhook(hook_request(
        "account%5Bid%5D=31245870&leads%5Bstatus%5D%5B1%5D%5Bstatus_id%5D=33929755&leads[status][0][name]=x&"
        "leads[status][0][id]=10&leads[status][0][status_id]=33929749&leads[status][1][id]=11&"
        "leads[status][2][id]=12&leads[status][2][status_id]=142&account[subdomain]=example&leads[status][0][modified_user_id]=2004184"));
    CHECK(result.status == 200);
    REQUIRE(result.messages.size() == 2);
    CHECK(result.messages[0].lead_status->external_id == "10");
    CHECK(result.messages[0].lead_status->status == "new");
    CHECK(result.messages[0].lead_status->changed_by == "2004184");
    CHECK(result.messages[1].lead_status->external_id == "11");
    CHECK(result.messages[1].lead_status->status == "booked");
}

TEST_CASE("a malformed body is refused with 400 and the reason") {
    FakeHost host;
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("amo", hook_options()) == "");
    auto empty = plugin.webhook(hook_request(""));
    CHECK(empty.status == 400);
    CHECK(empty.body.find("empty") != std::string::npos);
    auto no_status = plugin.webhook(hook_request("leads[status][0][id]=5&account[id]=31245870"));
    CHECK(no_status.status == 400);
    CHECK(no_status.body.find("status_id") != std::string::npos);
    CHECK(plugin.webhook(hook_request("leads[status][0][id]=abc&leads[status][0][status_id]=1")).status == 400);
    auto parsed = leadhub::amocrm::parse_status_webhook("leads[add][0][id]=1&account[id]=31245870");
    CHECK(parsed.error.empty());
    CHECK(parsed.changes.empty());
}
