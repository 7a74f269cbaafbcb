// The amoCRM sink through its C exports on the SDK's fake host, against a fake amoCRM
// (FakeHttpServer in-process): the calls a lead makes, the key search on a retry, OAuth refresh
// stored before use, and every documented error.
#include <catch2/catch.hpp>

#include <leadhub/sdk/testing.hpp>
#include <leadhub/sdk/testing/fake_http_server.hpp>

using namespace leadhub::sdk;
using leadhub::sdk::testing::FakeHost;
using leadhub::sdk::testing::FakeHttpServer;
using leadhub::sdk::testing::Harness;
using leadhub::sdk::testing::RecordedResponse;

namespace {

const Json sink_lead = {{"id", 42}, {"tenant", "salon"}, {"key", "salon:42"}, {"channel", "telegram"},
                        {"name", "Анна"}, {"phone", "+79161234567"}, {"channel_title", "Telegram"},
                        {"service_names", {"стрижка"}}, {"utm", nullptr}};

const Json long_lived = {{"base_url", "https://example.amocrm.ru"}, {"access_token", "LLT"}};
const Json oauth = {{"base_url", "https://example.amocrm.ru"}, {"client_id", "cid"}, {"client_secret", "csecret"},
                    {"redirect_uri", "https://hub.example/cb"}};

Delivery lead_delivery(int attempt = 1, Json lead = sink_lead) {
    Delivery d;
    d.job_id = 7;
    d.attempt = attempt;
    d.tenant = "salon";
    d.sink = "amo";
    d.lead = lead_from_json(lead);
    d.payload = {{"kind", "lead"}, {"lead", lead}};
    return d;
}

RecordedResponse hal(const Json& body) { return {200, {{"Content-Type", "application/hal+json"}}, body.dump()}; }
RecordedResponse problem(int status, Json extra = Json::object()) {
    Json body = {{"title", "x"}, {"status", status}, {"detail", "problem " + std::to_string(status)}};
    body.update(extra);
    return {status, {{"Content-Type", "application/problem+json"}}, body.dump()};
}
const Json complex_ok = Json::array({{{"id", 9774766}, {"contact_id", 5}, {"request_id", {"salon:42"}}, {"merged", false}}});
const Json note_ok = {{"_embedded", {{"notes", {{{"id", 1}, {"entity_id", 9774766}}}}}}};

std::vector<std::string> calls(const FakeHttpServer& amo) {
    std::vector<std::string> out;
    for (const auto& r : amo.requests()) out.push_back(r.method + " " + r.target);
    return out;
}

}  // namespace

TEST_CASE("a new customer: contact search finds none, one complex lead with a new contact, then the note") {
    FakeHost host;
    FakeHttpServer amo;
    host.on_http = amo.handler();
    amo.respond("GET", "/api/v4/contacts", {204, {}, ""});
    amo.respond("POST", "/api/v4/leads/complex", hal(complex_ok));
    amo.respond("POST", "/api/v4/leads/notes", hal(note_ok));
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("amo", long_lived) == "");
    REQUIRE(plugin.start() == "");
    auto out = plugin.deliver(lead_delivery());
    CHECK(out.kind == Outcome::Kind::ok);
    CHECK(out.external_id == "9774766");
    CHECK(calls(amo) == std::vector<std::string>{"GET /api/v4/contacts", "POST /api/v4/leads/complex", "POST /api/v4/leads/notes"});
    auto sent = amo.requests();
    CHECK(sent[0].query == "query=79161234567&limit=5");
    CHECK(sent[0].header("Authorization") == "Bearer LLT");
    Json lead = Json::parse(sent[1].body)[0];
    CHECK(lead["name"] == "Заявка: стрижка — Анна [salon:42]");
    CHECK(lead["_embedded"]["contacts"][0]["name"] == "Анна");
    CHECK(Json::parse(sent[2].body)[0]["entity_id"] == 9774766);
    CHECK_FALSE(host.logged("LLT"));
}

TEST_CASE("a known customer: the found contact is linked; a note failure still answers ok") {
    FakeHost host;
    FakeHttpServer amo;
    host.on_http = amo.handler();
    amo.respond("GET", "/api/v4/contacts", hal({{"_embedded", {{"contacts", {{{"id", 12117258}}}}}}}));
    amo.respond("POST", "/api/v4/leads/complex", hal(Json::array({{{"id", 9774766}, {"merged", true}}})));
    amo.respond("POST", "/api/v4/leads/notes", problem(500));
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("amo", long_lived) == "");
    auto out = plugin.deliver(lead_delivery());
    CHECK(out.kind == Outcome::Kind::ok);
    CHECK(out.external_id == "9774766");
    auto sent = amo.requests();
    CHECK(Json::parse(sent[1].body)[0]["_embedded"]["contacts"] == Json{{{"id", 12117258}}});
    CHECK(Json::parse(sent[2].body)[0]["params"]["text"].get<std::string>().find("объединил") != std::string::npos);
    CHECK(host.logged("created without its note"));
}

TEST_CASE("a retry finds the lead an earlier attempt wrote and makes no second one") {
    FakeHost host;
    FakeHttpServer amo;
    host.on_http = amo.handler();
    amo.respond("GET", "/api/v4/leads", hal({{"_embedded", {{"leads", {{{"id", 9774766}, {"name", "Заявка [salon:42]"}}}}}}}));
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("amo", long_lived) == "");
    auto out = plugin.deliver(lead_delivery(2));
    CHECK(out.kind == Outcome::Kind::ok);
    CHECK(out.external_id == "9774766");
    CHECK(calls(amo) == std::vector<std::string>{"GET /api/v4/leads"});
    CHECK(amo.requests()[0].query == "query=salon%3A42&limit=50");

    FakeHttpServer empty;  // none found (204): the retry creates it
    host.on_http = empty.handler();
    empty.respond("GET", "/api/v4/leads", {204, {}, ""});
    empty.respond("GET", "/api/v4/contacts", {204, {}, ""});
    empty.respond("POST", "/api/v4/leads/complex", hal(complex_ok));
    empty.respond("POST", "/api/v4/leads/notes", hal(note_ok));
    CHECK(plugin.deliver(lead_delivery(3)).kind == Outcome::Kind::ok);
    CHECK(calls(empty).size() == 4);
}

TEST_CASE("OAuth: connect stores the pair; a 401 refreshes, stores before use and repeats once") {
    FakeHost host;
    FakeHttpServer amo;
    host.on_http = amo.handler();
    amo.respond("POST", "/oauth2/access_token", hal({{"token_type", "Bearer"}, {"access_token", "A1"}, {"refresh_token", "R1"}}));
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("amo", oauth) == "");
    REQUIRE(plugin.start() == "");
    CHECK(plugin.control({{"action", "status"}})["connected"] == false);
    CHECK(plugin.deliver(lead_delivery()).kind == Outcome::Kind::retry);  // not connected: the lead waits
    CHECK(plugin.control({{"action", "connect"}, {"code", "C0DE"}}) == Json{{"connected", true}, {"auth", "oauth"}});
    CHECK(Json::parse(amo.requests().at(0).body)["grant_type"] == "authorization_code");
    CHECK(Json::parse(host.state.at("tokens"))["refresh_token"] == "R1");

    FakeHttpServer later;
    host.on_http = [&](const HttpRequest& r) {
        if (r.target.ends_with("/oauth2/access_token"))  // the pair is stored before the repeat uses it
            return HttpResponse{200, {}, Json{{"access_token", "A2"}, {"refresh_token", "R2"}}.dump(), ""};
        if (r.header("Authorization") == "Bearer A2") CHECK(Json::parse(host.state.at("tokens"))["access_token"] == "A2");
        return later.handler()(r);
    };
    later.respond("GET", "/api/v4/contacts", problem(401));
    later.respond("GET", "/api/v4/contacts", {204, {}, ""});
    later.respond("POST", "/api/v4/leads/complex", hal(complex_ok));
    later.respond("POST", "/api/v4/leads/notes", hal(note_ok));
    auto out = plugin.deliver(lead_delivery());
    CHECK(out.kind == Outcome::Kind::ok);
    auto sent = later.requests();
    REQUIRE(sent.size() == 4);
    CHECK(sent[0].header("Authorization") == "Bearer A1");
    CHECK(sent[1].header("Authorization") == "Bearer A2");
    CHECK(Json::parse(host.state.at("tokens"))["refresh_token"] == "R2");

    // A restart reads the stored pair back.
    auto again = Harness::linked(host);
    REQUIRE(again.create("amo", oauth) == "");
    REQUIRE(again.start() == "");
    CHECK(again.control({{"action", "status"}})["connected"] == true);
}

TEST_CASE("OAuth: a refused refresh is permanent and tells the owner to reconnect") {
    FakeHost host;
    host.state["tokens"] = Json{{"access_token", "OLD"}, {"refresh_token", "REVOKED"}}.dump();
    FakeHttpServer amo;
    host.on_http = amo.handler();
    amo.respond("GET", "/api/v4/contacts", problem(401));
    amo.respond("POST", "/oauth2/access_token", problem(400, {{"hint", "Token has been revoked"}}));
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("amo", oauth) == "");
    REQUIRE(plugin.start() == "");
    auto out = plugin.deliver(lead_delivery());
    CHECK(out.kind == Outcome::Kind::permanent);
    CHECK(out.reason.find("leadhub crm connect salon/amo --code") != std::string::npos);
    CHECK(out.reason.find("Token has been revoked") != std::string::npos);
    CHECK(Json::parse(host.state.at("tokens"))["refresh_token"] == "REVOKED");
}

TEST_CASE("429 waits as amoCRM asks; 400 names the field; HTML and 5xx retry") {
    FakeHost host;
    FakeHttpServer amo;
    host.on_http = amo.handler();
    amo.respond("GET", "/api/v4/contacts", problem(429, {{"retry_after", 300}}));
    amo.respond("GET", "/api/v4/contacts", {200, {{"Content-Type", "text/html"}}, "<html>502 Bad Gateway</html>"});
    amo.respond("GET", "/api/v4/contacts", {204, {}, ""});
    amo.respond("POST", "/api/v4/leads/complex",
                {400, {}, R"({"validation-errors": [{"request_id": "0", "errors": [{"code": "InvalidType",
                  "path": "status_id", "detail": "bad"}]}], "title": "Bad Request", "status": 400})"});
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("amo", long_lived) == "");
    auto limited = plugin.deliver(lead_delivery());
    CHECK(limited.kind == Outcome::Kind::retry);
    CHECK(limited.retry_after_ms == 300000);
    auto html = plugin.deliver(lead_delivery());
    CHECK(html.kind == Outcome::Kind::retry);
    CHECK(html.reason.find("502 Bad Gateway") != std::string::npos);
    auto invalid = plugin.deliver(lead_delivery());
    CHECK(invalid.kind == Outcome::Kind::permanent);
    CHECK(invalid.reason.find("status_id: bad") != std::string::npos);
}

TEST_CASE("402 and a second 403 in a row stop the instance; deliveries wait without calling amoCRM") {
    FakeHost host;
    FakeHttpServer amo;
    host.on_http = amo.handler();
    amo.respond("GET", "/api/v4/contacts", problem(402));
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("amo", long_lived) == "");
    auto out = plugin.deliver(lead_delivery());
    CHECK(out.kind == Outcome::Kind::retry);
    CHECK(out.retry_after_ms == 15 * 60 * 1000);
    CHECK(out.reason == "amoCRM: оплаченный период закончился (402 Payment Required)");
    CHECK(plugin.deliver(lead_delivery()).retry_after_ms == 15 * 60 * 1000);
    CHECK(amo.request_count() == 1);
    Json status = plugin.control({{"action", "status"}});
    CHECK(status["stopped"] == true);
    CHECK(status["stopped_reason"] == out.reason);

    host.now += 16 * 60 * 1000;  // the stop expires: the next delivery probes
    FakeHttpServer blocked;
    host.on_http = blocked.handler();
    blocked.respond("GET", "/api/v4/contacts", {403, {}, "403 Forbidden"});
    auto first = plugin.deliver(lead_delivery());
    CHECK(first.kind == Outcome::Kind::retry);
    CHECK_FALSE(plugin.control({{"action", "status"}})["stopped"].get<bool>());
    auto second = plugin.deliver(lead_delivery());
    CHECK(second.reason == "amoCRM заблокировал IP после превышения лимита");
    CHECK(plugin.control({{"action", "status"}})["stopped"] == true);
}

TEST_CASE("a later message becomes a note on the lead this sink made, or waits for it") {
    FakeHost host;
    FakeHttpServer amo;
    host.on_http = amo.handler();
    amo.respond("POST", "/api/v4/leads/notes", hal(note_ok));
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("amo", long_lived) == "");
    Delivery d = lead_delivery();
    d.payload["event"] = "message_added";
    d.payload["message"] = {{"at", "2026-01-01T10:05:00Z"}, {"kind", "customer"}, {"author", nullptr}, {"text", "а можно в 15:00?"}};
    auto waiting = plugin.deliver(d);
    CHECK(waiting.kind == Outcome::Kind::retry);
    CHECK(waiting.reason == "the lead is not in amoCRM yet");
    Json lead = sink_lead;
    lead["external_ids"] = {{"amo", "9774766"}, {"other", "1"}};
    d.lead = lead_from_json(lead);
    d.payload["lead"] = lead;
    auto out = plugin.deliver(d);
    CHECK(out.kind == Outcome::Kind::ok);
    Json note = Json::parse(amo.requests().at(0).body)[0];
    CHECK(note["entity_id"] == 9774766);
    CHECK(note["params"]["text"] == "Новое сообщение клиента (Telegram): а можно в 15:00?");
}

TEST_CASE("options: a way to authenticate is required, and a status map needs the webhook token") {
    FakeHost host;
    auto plugin = Harness::linked(host);
    CHECK(plugin.create("amo", {{"base_url", "https://x.amocrm.ru"}}).find("access_token") != std::string::npos);
    CHECK(plugin.create("amo", {{"base_url", "https://x.amocrm.ru"}, {"client_id", "c"}}).find("client_secret") != std::string::npos);
    CHECK(plugin.create("amo", {{"base_url", "ftp://x"}, {"access_token", "t"}}).find("base_url") != std::string::npos);
    Json mapped = long_lived;
    mapped["crm_status_map"] = {{"142", "visited"}};
    CHECK(plugin.create("amo", mapped).find("webhook_token") != std::string::npos);
    mapped["webhook_token"] = "s";
    mapped["crm_status_map"] = {{"142", "won"}};
    CHECK(plugin.create("amo", mapped).find("not a hub status") != std::string::npos);
    CHECK(plugin.manifest()["defaults"]["lead_updates"] == true);
}
