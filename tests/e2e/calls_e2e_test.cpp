// Telephony through the real binary, Zadarma and Mango Office: each platform's check answered
// exactly, the sample end-of-call event made a lead with the fixture's fields and extra.call (a
// missed call: hot, call back), a repeat and a wrong signature storing nothing. Calls take no
// reply: the lead's reply is refused with 409.
#include "channel_e2e_support.hpp"

using namespace leadhub::testing;
using nlohmann::json;

namespace {

// The same form body with one field's value replaced (the field must be present).
std::string with_form_value(std::string body, const std::string& field, const std::string& value) {
    const std::size_t at = body.find(field + "=");
    REQUIRE(at != std::string::npos);
    const std::size_t start = at + field.size() + 1;
    const std::size_t end = body.find('&', start);
    return body.replace(start, (end == std::string::npos ? body.size() : end) - start, value);
}

// The call lead's common checks after the fixture's own fields.
void check_missed_call_lead(const json& lead, const json& fixture) {
    check_lead_matches(lead, fixture["expect"]["lead"]);
    CHECK(lead["channel"] == "call");
    CHECK(lead["score"] == "hot");
    CHECK(lead["extra"]["call_back"] == true);
}

}  // namespace

TEST_CASE("zadarma: zd_echo, a missed call becomes one hot lead, repeats and wrong signatures store nothing", "[channels][zadarma]") {
    const json echo = channel_fixture("zadarma", "call-zadarma-01-zd-echo-verify.json");
    const json call = channel_fixture("zadarma", "call-zadarma-02-notify-end-missed.json");
    const json forged = channel_fixture("zadarma", "call-zadarma-03-wrong-signature.json");

    TempDir dir("leadhub-e2e-zadarma");
    const int port = free_port();
    Hub hub(dir, port, channel_config(port, "      - {name: pbx, plugin: zadarma, options: {api_secret: \"" +
                                                 call["secret"]["value"].get<std::string>() + "\"}}\n"));
    hub.start();
    REQUIRE(hub.wait_ready());

    auto echoed = post_channel_fixture(hub, echo, "pbx");
    CHECK(echoed.status == 200);
    CHECK(echoed.body == echo["expect"]["response"]["body"].get<std::string>());

    // The fixture's wrong signature, and the same on another call id.
    CHECK(post_channel_fixture(hub, forged, "pbx").status == 403);
    json forged_other = forged;
    forged_other["request"]["body"] = with_form_value(forged["request"]["body"], "pbx_call_id", "in_ffffffffffffffffffffffffffffffff");
    CHECK(post_channel_fixture(hub, forged_other, "pbx").status == 403);
    json unsigned_call = call;
    unsigned_call["request"]["headers"].erase("Signature");
    unsigned_call["request"]["body"] = with_form_value(call["request"]["body"], "pbx_call_id", "in_eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee");
    CHECK(post_channel_fixture(hub, unsigned_call, "pbx").status == 403);

    // The start of another call, signed over the same fields (NOTIFY_START signs caller_id,
    // called_did and call_start as NOTIFY_END does): answered, and no lead of its own.
    json start = call;
    std::string start_body = with_form_value(call["request"]["body"], "event", "NOTIFY_START");
    start["request"]["body"] = with_form_value(start_body, "pbx_call_id", "in_dddddddddddddddddddddddddddddddd");
    CHECK(post_channel_fixture(hub, start, "pbx").status == 200);

    CHECK(post_channel_fixture(hub, call, "pbx").status == call["expect"]["response"]["status"].get<int>());
    json leads = hub.wait_for_leads(1);
    REQUIRE(leads.size() == 1);
    check_missed_call_lead(leads[0], call);
    const int64_t lead_id = leads[0]["id"];

    CHECK(post_channel_fixture(hub, call, "pbx").status == 200);
    REQUIRE(inbox_settled(hub));
    CHECK(hub.leads().size() == 1);
    CHECK(lead_messages(hub, lead_id).size() == 1);
    // A call has no address to answer to.
    CHECK(post_reply(hub, lead_id, "Перезвоним!").status == 409);
}

TEST_CASE("mango: ping, a missed call summary becomes one hot lead, repeats and wrong signs store nothing", "[channels][mango]") {
    const json call = channel_fixture("mango", "call-mango-04-summary-missed.json");
    const json forged = channel_fixture("mango", "call-mango-05-wrong-sign.json");

    TempDir dir("leadhub-e2e-mango");
    const int port = free_port();
    Hub hub(dir, port, channel_config(port, "      - {name: vpbx, plugin: mango, options: {vpbx_api_key: \"" +
                                                 call["secret"]["vpbx_api_key"].get<std::string>() + "\", vpbx_api_salt: \"" +
                                                 call["secret"]["value"].get<std::string>() + "\"}}\n"));
    hub.start();
    REQUIRE(hub.wait_ready());

    // Mango's "check connection" calls /ping.
    auto ping = http_call(hub.port(), "POST", "/hooks/t1/vpbx/ping", "", {{"Content-Type", "application/x-www-form-urlencoded"}});
    CHECK(ping.status == 200);
    CHECK(json::parse(ping.body, nullptr, false) == json{{"success", true}});

    // The fixture's wrong sign, and the genuine sign over another entry id.
    CHECK(post_channel_fixture(hub, forged, "vpbx").status == 403);
    json tampered = call;
    std::string body = call["request"]["body"];
    body.replace(body.find("MzUyODMzNzk3NTo0MDE"), 19, "MzUyODMzNzk3NTo5OTk");
    tampered["request"]["body"] = body;
    CHECK(post_channel_fixture(hub, tampered, "vpbx").status == 403);

    CHECK(post_channel_fixture(hub, call, "vpbx").status == call["expect"]["response"]["status"].get<int>());
    json leads = hub.wait_for_leads(1);
    REQUIRE(leads.size() == 1);
    check_missed_call_lead(leads[0], call);
    const int64_t lead_id = leads[0]["id"];

    CHECK(post_channel_fixture(hub, call, "vpbx").status == 200);
    REQUIRE(inbox_settled(hub));
    CHECK(hub.leads().size() == 1);
    CHECK(lead_messages(hub, lead_id).size() == 1);
    CHECK(post_reply(hub, lead_id, "Перезвоним!").status == 409);
}
