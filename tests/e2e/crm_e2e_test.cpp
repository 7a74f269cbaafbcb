// Leads out to CRMs and staff, and the answers back, through the real binary against fakes that
// behave as the APIs' documentation says (tests/support/fake_crm_apis.hpp): every sink ends with
// exactly one record per lead whatever faults were injected, dead letters hold only what must
// not be retried, and a CRM's stage change and a staff member's press act on the lead.
#include "channel_e2e_support.hpp"
#include "support/fake_crm_apis.hpp"

#include <set>

using namespace leadhub::testing;
using nlohmann::json;

namespace {

const std::string kSiteToken = "e2e-site-token-123456";
const std::string kB24AppToken = "q7w2k9d4m1x8c5v3b6n0z2l4p7r9t1ya";

std::string crm_config(int port, const std::string& sinks, const std::string& extra_sources = "",
                       const std::string& staff = "") {
    std::ostringstream y;
    y << "version: 1\n"
      << "listen: 127.0.0.1:" << port << "\n"
      << "admin:\n  token: ${LEADHUB_ADMIN_TOKEN}\n"
      << "storage:\n  path: leadhub.db\n"
      // Retries come fast in a test: the faults below each cost one attempt.
      << "dispatch:\n  backoff: {initial: 200ms, max: 1s, multiplier: 2, jitter: 0}\n"
      << "tenants:\n"
      << "  - id: t1\n"
      << "    timezone: Europe/Moscow\n"
      << "    services:\n      - {id: manicure, name: Маникюр, keywords: [маникюр]}\n"
      << staff
      << "    sources:\n"
      << "      - {name: site, plugin: webform, options: {token: \"" << kSiteToken << "\"}}\n"
      << extra_sources
      << "    sinks:\n"
      << sinks
      << "    routes:\n      - {from: [site], to: [" << "ROUTE_TARGETS" << "]}\n";
    return y.str();
}

std::string with_targets(std::string config, const std::string& targets) {
    config.replace(config.find("ROUTE_TARGETS"), 13, targets);
    return config;
}

HttpReply post_form_lead(const Hub& hub, const std::string& name, const std::string& phone, const std::string& message) {
    return http_call(hub.port(), "POST", "/hooks/t1/site?token=" + kSiteToken,
                     "name=" + name + "&phone=" + phone + "&message=" + message,
                     {{"Content-Type", "application/x-www-form-urlencoded"}});
}

json dead_letters(const Hub& hub) {
    auto r = hub.api("/api/deadletters");
    return r.status == 200 ? json::parse(r.body)["deadletters"] : json::array();
}

json history(const Hub& hub, int64_t lead_id) {
    auto r = hub.api("/api/leads/" + std::to_string(lead_id) + "/history");
    return r.status == 200 ? json::parse(r.body)["history"] : json::array();
}

}  // namespace

TEST_CASE("Bitrix24: a lead arrives once through a lost answer and a full bucket, and its stage comes back", "[crm][bitrix24]") {
    FakeBitrix24 portal;
    // The first add is applied and its answer never arrives (the plugin's call times out); the
    // retry must find the lead by its origin instead of adding a second. Then the bucket is full.
    portal.inject("crm.lead.add", Fault{0, "", "application/json", {}, 2500, false, true});
    portal.inject("batch", Fault{503, R"({"error":"QUERY_LIMIT_EXCEEDED","error_description":"Too many requests"})"});

    TempDir dir("leadhub-e2e-bitrix24");
    const int port = free_port();
    const std::string sinks = "      - name: b24\n        plugin: bitrix24\n        timeout: 10s\n"
                              "        options: {webhook_url: \"" + portal.webhook_url() + "\", application_token: \"" +
                              kB24AppToken + "\", timeout_ms: 1000}\n";
    Hub hub(dir, port, with_targets(crm_config(port, sinks), "b24"));
    hub.start();
    REQUIRE(hub.wait_ready());

    REQUIRE(post_form_lead(hub, "Ольга", "89131234567", "Хочу на маникюр завтра").status == 200);
    json leads = hub.wait_for_leads(1);
    REQUIRE(leads.size() == 1);
    const int64_t lead_id = leads[0]["id"];
    REQUIRE(eventually([&] { return lead_by_id(hub, lead_id)["external_ids"].contains("b24"); },
                       std::chrono::milliseconds(20000)));
    INFO(hub.log());
    REQUIRE(portal.leads().size() == 1);  // the lost answer did not make a second lead
    const json crm_lead = portal.leads()[0];
    CHECK(lead_by_id(hub, lead_id)["external_ids"]["b24"] == crm_lead["ID"]);
    CHECK(crm_lead["NAME"] == "Ольга");
    CHECK(crm_lead["PHONE"][0]["VALUE"] == "+79131234567");
    CHECK(dead_letters(hub).empty());

    // A manager moves it to PROCESSED; Bitrix24 posts ONCRMLEADUPDATE with only the id.
    portal.set_stage(crm_lead["ID"], "PROCESSED");
    const std::string event = "event=ONCRMLEADUPDATE&event_handler_id=27&data%5BFIELDS%5D%5BID%5D=" +
                              crm_lead["ID"].get<std::string>() +
                              "&ts=1714750242&auth%5Bdomain%5D=example.bitrix24.ru&auth%5Bapplication_token%5D=";
    const std::map<std::string, std::string> form = {{"Content-Type", "application/x-www-form-urlencoded"}};
    CHECK(http_call(port, "POST", "/hooks/t1/b24", event + "wrong-token", form).status == 403);
    CHECK(http_call(port, "POST", "/hooks/t1/b24", event + kB24AppToken, form).status == 200);
    REQUIRE(eventually([&] { return lead_by_id(hub, lead_id)["status"] == "booked"; }));
    json changes = history(hub, lead_id);
    REQUIRE(changes.size() == 1);
    CHECK(changes[0]["via"] == "b24");
    CHECK(changes[0]["to"] == "booked");
    CHECK(http_call(port, "POST", "/hooks/t1/b24", event + kB24AppToken, form).status == 200);  // Bitrix24 repeats itself
    REQUIRE(inbox_settled(hub));
    CHECK(history(hub, lead_id).size() == 1);
}
