// Deliveries against a fake Bitrix24 (FakeHttpServer answering the plugin's calls in-process):
// a new lead, a known customer, a retry after a lost answer, OAuth refresh, every error class.
#include "bitrix24_test_support.hpp"

#include <catch2/catch.hpp>

using namespace bitrix24_test;
using leadhub::sdk::Outcome;
using leadhub::sdk::testing::FakeHost;
using leadhub::sdk::testing::FakeHttpServer;
using leadhub::sdk::testing::Harness;
using leadhub::sdk::testing::make_delivery;

namespace {

const std::string kHook = "/rest/1/code/";

Json no_duplicates() { return {{"result", {{"phone", Json::array()}, {"email", Json::array()}}}, {"result_error", Json::array()}}; }

Json body_of(const leadhub::sdk::HttpRequest& r) { return Json::parse(r.body); }

std::vector<leadhub::sdk::HttpRequest> calls_to(const FakeHttpServer& server, const std::string& path) {
    std::vector<leadhub::sdk::HttpRequest> out;
    for (const auto& r : server.requests())
        if (r.target == path) out.push_back(r);
    return out;
}

leadhub::sdk::Delivery message_added(const Json& external_ids, const std::string& text = "А в воскресенье можно?") {
    Json lead = hub_lead();
    lead["external_ids"] = external_ids;
    auto d = make_delivery(lead, 2);
    d.payload["event"] = "message_added";
    d.payload["message"] = {{"at", "2026-01-01T11:00:00Z"}, {"kind", "customer"}, {"author", nullptr}, {"text", text}};
    return d;
}

struct Portal {
    FakeHost host;
    FakeHttpServer server;
    Harness plugin = Harness::linked(host);
    explicit Portal(const Json& options, std::map<std::string, std::string> state = {}) {
        host.state = std::move(state);
        host.on_http = server.handler();
        REQUIRE(plugin.create("crm", options) == "");
        REQUIRE(plugin.start() == "");
    }
};

}  // namespace

TEST_CASE("a new customer becomes a new lead, after one batch that searches phone and e-mail") {
    Portal p(webhook_options("http://127.0.0.1"));
    p.server.respond("POST", kHook + "batch.json", result_answer(no_duplicates()));
    p.server.respond("POST", kHook + "crm.lead.add.json", recorded("crm.lead.add.hub-lead.json"));
    Outcome o = p.plugin.deliver(make_delivery(hub_lead()));
    REQUIRE(o.kind == Outcome::Kind::ok);
    CHECK(o.external_id == "3466");
    REQUIRE(p.server.request_count() == 2);
    Json batch = body_of(p.server.requests().at(0));
    CHECK(batch.at("cmd").at("phone").get<std::string>().starts_with("crm.duplicate.findbycomm?type=PHONE"));
    Json add = body_of(p.server.requests().at(1));
    CHECK(add.at("fields").at("ORIGIN_ID") == "salon:42");
    CHECK(add.at("fields").at("ASSIGNED_BY_ID") == "7");
    CHECK_FALSE(add.contains("auth"));  // a webhook carries its credential in the address
}

TEST_CASE("a customer the CRM knows as a contact gets the enquiry as a timeline comment, not a duplicate") {
    Portal p(webhook_options("http://127.0.0.1"));
    p.server.respond("POST", kHook + "batch.json",
                     result_answer({{"result", {{"phone", {{"CONTACT", {275}}, {"LEAD", {"3001"}}}}, {"email", Json::array()}}},
                                    {"result_error", Json::array()}}));
    p.server.respond("POST", kHook + "crm.timeline.comment.add.json", recorded("crm.timeline.comment.add.json"));
    Outcome o = p.plugin.deliver(make_delivery(hub_lead()));
    REQUIRE(o.kind == Outcome::Kind::ok);
    CHECK(o.external_id == "contact:275");
    CHECK(calls_to(p.server, kHook + "crm.lead.add.json").empty());
    auto comments = calls_to(p.server, kHook + "crm.timeline.comment.add.json");
    REQUIRE(comments.size() == 1);
    Json fields = body_of(comments[0]).at("fields");
    CHECK(fields.at("ENTITY_TYPE") == "contact");
    CHECK(fields.at("ENTITY_ID") == 275);
    CHECK_THAT(fields.at("COMMENT").get<std::string>(), Catch::Contains("Заявка: Стрижка, Окрашивание — Анна"));
    CHECK_THAT(fields.at("COMMENT").get<std::string>(), Catch::Contains("Клиент: Хочу записаться"));
}

TEST_CASE("a retry after an answer lost once Bitrix24 made the lead finds that lead and makes no second one") {
    Portal p(webhook_options("http://127.0.0.1"));
    auto serve = p.server.handler();
    p.host.on_http = [&](const leadhub::sdk::HttpRequest& r) {
        auto answer = serve(r);  // the fake records the write...
        if (r.target.ends_with("crm.lead.add.json")) return leadhub::sdk::HttpResponse{0, {}, "", "timed out"};  // ...the answer is lost
        return answer;
    };
    p.server.respond("POST", kHook + "batch.json", result_answer(no_duplicates()));
    p.server.respond("POST", kHook + "crm.lead.add.json", result_answer(3466));
    Outcome first = p.plugin.deliver(make_delivery(hub_lead(), 1, 1));
    CHECK(first.kind == Outcome::Kind::retry);

    p.server.respond("POST", kHook + "crm.lead.list.json", result_answer(Json::array({{{"ID", "3466"}}})));
    Outcome second = p.plugin.deliver(make_delivery(hub_lead(), 1, 2));
    REQUIRE(second.kind == Outcome::Kind::ok);
    CHECK(second.external_id == "3466");
    auto adds = calls_to(p.server, kHook + "crm.lead.add.json");
    CHECK(adds.size() == 1);
    auto lists = calls_to(p.server, kHook + "crm.lead.list.json");
    REQUIRE(lists.size() == 1);
    Json filter = body_of(lists[0]).at("filter");
    CHECK(filter.at("=ORIGIN_ID") == body_of(adds[0]).at("fields").at("ORIGIN_ID"));
    CHECK(filter.at("=ORIGINATOR_ID") == "leadhub");
}

TEST_CASE("a retry that finds nothing makes the lead; the first attempt never searches by origin") {
    Portal p(webhook_options("http://127.0.0.1"));
    p.server.respond("POST", kHook + "crm.lead.list.json", result_answer(Json::array()));
    p.server.respond("POST", kHook + "batch.json", result_answer(no_duplicates()));
    p.server.respond("POST", kHook + "crm.lead.add.json", result_answer("3470"));
    CHECK(p.plugin.deliver(make_delivery(hub_lead(), 1, 1)).external_id == "3470");
    CHECK(calls_to(p.server, kHook + "crm.lead.list.json").empty());
    CHECK(p.plugin.deliver(make_delivery(hub_lead(), 1, 3)).external_id == "3470");
    CHECK(calls_to(p.server, kHook + "crm.lead.list.json").size() == 1);
}

TEST_CASE("OAuth: a 401 expired_token refreshes once, stores the new tokens before using them, repeats once") {
    Portal p(oauth_options("http://127.0.0.1"));
    bool stored_before_use = false;
    auto serve = p.server.handler();
    p.host.on_http = [&](const leadhub::sdk::HttpRequest& r) {
        if (r.body.find("ydtj8pho532wydb5ixk78ol7uqlb7sch") != std::string::npos && !stored_before_use) {
            std::lock_guard lock(p.host.mutex);
            stored_before_use = p.host.state["oauth_tokens"].find("3s6lr4kr3cv2od4v853gvrchb875bwxb") != std::string::npos;
        }
        return serve(r);
    };
    p.server.respond("POST", "/rest/batch.json", recorded("error.expired-token.json"));
    p.server.respond("POST", "/rest/batch.json", result_answer(no_duplicates()));
    p.server.respond("GET", "/oauth/token/", recorded("oauth.refresh.json"));
    p.server.respond("POST", "/rest/crm.lead.add.json", result_answer(3466));
    Outcome o = p.plugin.deliver(make_delivery(hub_lead()));
    REQUIRE(o.kind == Outcome::Kind::ok);
    CHECK(stored_before_use);
    auto refreshes = calls_to(p.server, "/oauth/token/");
    REQUIRE(refreshes.size() == 1);
    CHECK_THAT(refreshes[0].query, Catch::Contains("refresh_token=4f9k4jpmg13usmybzuqknt2v9fh0q6rl"));
    CHECK_THAT(refreshes[0].query, Catch::Contains("grant_type=refresh_token"));
    auto batches = calls_to(p.server, "/rest/batch.json");
    REQUIRE(batches.size() == 2);
    CHECK(body_of(batches[0]).at("auth") == "old-access");
    CHECK(body_of(batches[1]).at("auth") == "ydtj8pho532wydb5ixk78ol7uqlb7sch");
    CHECK(p.plugin.control({{"action", "status"}}).at("token_refreshed_at_ms").is_number());

    // A new instance (a restart) starts from the stored tokens, not the config's.
    Portal again(oauth_options("http://127.0.0.1"), p.host.state);
    again.server.respond("POST", "/rest/batch.json", result_answer(no_duplicates()));
    again.server.respond("POST", "/rest/crm.lead.add.json", result_answer(3467));
    CHECK(again.plugin.deliver(make_delivery(hub_lead())).kind == Outcome::Kind::ok);
    CHECK(body_of(again.server.requests().at(0)).at("auth") == "ydtj8pho532wydb5ixk78ol7uqlb7sch");
}

TEST_CASE("OAuth: a refused refresh (invalid_grant) is permanent and asks to re-authorise") {
    Portal p(oauth_options("http://127.0.0.1"));
    p.server.respond("POST", "/rest/batch.json", recorded("error.expired-token.json"));
    p.server.respond("GET", "/oauth/token/", json_answer(400, {{"error", "invalid_grant"}, {"error_description", "Refresh token expired"}}));
    Outcome o = p.plugin.deliver(make_delivery(hub_lead()));
    CHECK(o.kind == Outcome::Kind::permanent);
    CHECK_THAT(o.reason, Catch::Contains("re-authorise"));
    CHECK(p.server.request_count() == 2);  // no repeat without a token
    CHECK(p.host.state.count("oauth_tokens") == 0);
}

TEST_CASE("errors: a wrong webhook is permanent, limits and HTML are retried, validation names the field") {
    // One fresh portal per answer: the fake keeps answering a route with its last response.
    auto deliver = [](RecordedResponse batch, RecordedResponse add = result_answer(1), Json* status = nullptr) {
        Portal p(webhook_options("http://127.0.0.1"));
        p.server.respond("POST", kHook + "batch.json", std::move(batch));
        p.server.respond("POST", kHook + "crm.lead.add.json", std::move(add));
        Outcome o = p.plugin.deliver(make_delivery(hub_lead()));
        if (status) *status = p.plugin.control({{"action", "status"}});
        return o;
    };
    Json status;
    Outcome no_auth = deliver(recorded("error.no-auth-found.json"), result_answer(1), &status);
    CHECK(no_auth.kind == Outcome::Kind::permanent);
    CHECK_THAT(no_auth.reason, Catch::Contains("NO_AUTH_FOUND"));
    CHECK(status.at("last_error") == no_auth.reason);
    CHECK(status.at("auth") == "webhook");

    Outcome limited = deliver(recorded("error.query-limit-exceeded.json"));
    CHECK(limited.kind == Outcome::Kind::retry);
    CHECK(limited.retry_after_ms > 0);

    Outcome html = deliver({200, {{"Content-Type", "text/html"}}, "<html>Maintenance</html>", {}});
    CHECK(html.kind == Outcome::Kind::retry);
    CHECK_THAT(html.reason, Catch::Contains("не JSON"));
    CHECK(deliver({200, {}, "", {}}).kind == Outcome::Kind::retry);

    Outcome scope = deliver(recorded("batch.partial-error.json"));
    CHECK(scope.kind == Outcome::Kind::permanent);
    CHECK_THAT(scope.reason, Catch::Contains("insufficient_scope"));

    Outcome invalid = deliver(result_answer(no_duplicates()), recorded("crm.contact.add.validation-error.json"));
    CHECK(invalid.kind == Outcome::Kind::permanent);
    CHECK_THAT(invalid.reason, Catch::Contains("Work e-mail"));

    CHECK(deliver(result_answer(no_duplicates()), json_answer(200, {{"time", Json::object()}})).kind == Outcome::Kind::retry);
    CHECK(deliver(result_answer(no_duplicates()), {500, {}, "", {}}).kind == Outcome::Kind::retry);
    CHECK(deliver(result_answer(no_duplicates()), json_answer(503, {{"error", "OVERLOAD_LIMIT"}})).kind == Outcome::Kind::permanent);
}

TEST_CASE("a later customer message becomes a timeline comment on the record; before it exists, retry") {
    Portal p(webhook_options("http://127.0.0.1"));
    p.server.respond("POST", kHook + "crm.timeline.comment.add.json", recorded("crm.timeline.comment.add.json"));
    Outcome o = p.plugin.deliver(message_added({{"test", "3466"}, {"other", "9"}}));
    REQUIRE(o.kind == Outcome::Kind::ok);
    CHECK(o.external_id == "3466");
    Json fields = body_of(p.server.requests().at(0)).at("fields");
    CHECK(fields.at("ENTITY_TYPE") == "lead");
    CHECK(fields.at("ENTITY_ID") == 3466);
    CHECK(fields.at("COMMENT") == "Новое сообщение клиента (Сайт): А в воскресенье можно?");

    CHECK(p.plugin.deliver(message_added({{"test", "contact:275"}})).external_id == "contact:275");
    CHECK(body_of(p.server.requests().at(1)).at("fields").at("ENTITY_TYPE") == "contact");

    Outcome early = p.plugin.deliver(message_added({{"other", "9"}}));
    CHECK(early.kind == Outcome::Kind::retry);
    CHECK(p.server.request_count() == 2);
    CHECK(p.plugin.deliver(message_added({{"test", "deal:5"}})).kind == Outcome::Kind::permanent);
}
