// Each admin endpoint through the real table (admin_endpoints) over a real store in a temporary
// directory: its 200, and its 401 (no token, wrong token), 404, 405 and malformed parameters.
// The API has one token and no scopes, so a wrong token is 401 too; the one 403 is take's "not
// offered to you".
#include "api/admin_endpoints.hpp"
#include "store/tests/store_fixture.hpp"

#include <leadhub/sdk/json.hpp>

#include <catch2/catch.hpp>

using namespace leadhub;
using namespace leadhub::app;
using namespace leadhub::store::testing;
using Json = nlohmann::json;

namespace {

const std::string kToken = "a-token-of-sixteen-chars";

struct Hub {
    TempDir dir;
    std::unique_ptr<store::Store> store = store::Store::open(options_for(dir.file("leads.db")));
    int wakes = 0;
    std::vector<std::pair<std::string, Json>> controls;  // (tenant/instance, request) the API passed on
    AdminApi api{admin_endpoints(*store, [] { return Json{{"version", "test"}}; }, [this] { ++wakes; },
                                 [this](const std::string& tenant, const std::string& instance, const Json& request) {
                                     controls.emplace_back(tenant + "/" + instance, request);
                                     if (instance == "missing") return Json{{"error", "no instance salon/missing"}};
                                     return Json{{"performed", true}, {"steps", {"setWebhook: ok"}}};
                                 })};
    config::Config config;

    Hub() {
        config.admin.enabled = true;
        config.admin.token = kToken;
    }

    http::Response call(const std::string& method, const std::string& target, const std::string& body = "",
                        const std::string& token = kToken) {
        http::Request r;
        r.method = method;
        auto q = target.find('?');
        r.path = target.substr(0, q);
        if (q != std::string::npos) r.query = target.substr(q + 1);
        r.body = body;
        if (!token.empty()) r.headers["Authorization"] = "Bearer " + token;
        return api.handle(config, r, 50'000);
    }

    // A lead of "salon", offered to olga and irina when `offered`.
    int64_t lead(const std::string& message_id, bool offered = false) {
        store::IngestItem one = item(message("salon", "tg", message_id), {job_for("crm")}, {{"telegram", message_id}});
        if (offered)
            one.assign = [](store::AssignmentState&) -> std::optional<store::Assignment> {
                return store::Assignment{"offered", {}, {"olga", "irina"}, "предложена всем: 2"};
            };
        return ingest_one(*store, std::move(one)).lead_id;
    }

    // A dead letter of a new lead's job.
    int64_t dead_letter(const std::string& message_id) {
        auto r = ingest_one(*store, item(message("salon", "tg", message_id), {job_for("crm")}, {{"telegram", message_id}}));
        store->job_dead(r.job_ids.at(0), 3, "crm answered 500", 20'000);
        return r.job_ids.at(0);
    }
};

Json body_of(const http::Response& r) { return Json::parse(r.body); }

}  // namespace

TEST_CASE("every endpoint wants the admin token: 401 without it or with another, and a challenge") {
    Hub hub;
    for (const auto& [method, target] : std::vector<std::pair<std::string, std::string>>{
             {"GET", "/api/status"},
             {"GET", "/api/leads"},
             {"GET", "/api/leads/1/messages"},
             {"POST", "/api/leads/1/status"},
             {"POST", "/api/leads/1/take"},
             {"POST", "/api/leads/1/reply"},
             {"POST", "/api/channels/connect"},
             {"GET", "/api/deadletters"},
             {"POST", "/api/deadletters/1/replay"},
             {"POST", "/api/deadletters/replay"},
             {"GET", "/api/nothing-here"}}) {
        INFO(method << " " << target);
        auto none = hub.call(method, target, "", "");
        CHECK(none.status == 401);
        CHECK(none.headers["WWW-Authenticate"] == "Bearer realm=\"leadhub\"");
        CHECK(hub.call(method, target, "", "a-token-of-sixteen-charz").status == 401);
        CHECK(hub.call(method, target, "", kToken + "x").status == 401);
    }
    CHECK(hub.wakes == 0);
}

TEST_CASE("the admin API answers 404 to everything when admin.enabled is false") {
    Hub hub;
    hub.config.admin.enabled = false;
    auto r = hub.call("GET", "/api/leads");
    CHECK(r.status == 404);
    CHECK(body_of(r)["error"] == "the admin API is disabled (admin.enabled: false)");
}

TEST_CASE("a path no endpoint has is 404, quoted escaped; a known path with another method is 405 with Allow") {
    Hub hub;
    auto missing = hub.call("GET", "/api/no\nsuch");
    CHECK(missing.status == 404);
    CHECK(body_of(missing)["error"] == "no such API path: /api/no\\nsuch");
    CHECK(hub.call("GET", "/api/leads/").status == 404);
    CHECK(hub.call("GET", "/api/leads/1/messages/x").status == 404);

    for (const auto& [method, target, allowed] : std::vector<std::tuple<std::string, std::string, std::string>>{
             {"POST", "/api/status", "GET"},
             {"DELETE", "/api/leads", "GET"},
             {"POST", "/api/leads/1/messages", "GET"},
             {"GET", "/api/leads/1/status", "POST"},
             {"GET", "/api/leads/1/take", "POST"},
             {"POST", "/api/deadletters", "GET"},
             {"GET", "/api/deadletters/1/replay", "POST"},
             {"GET", "/api/deadletters/replay", "POST"}}) {
        INFO(method << " " << target);
        auto r = hub.call(method, target);
        CHECK(r.status == 405);
        CHECK(r.headers["Allow"] == allowed);
        CHECK(body_of(r)["error"] == "use " + allowed);
    }
}

TEST_CASE("an id that is not a whole number of 1 to 18 digits is 400, for every endpoint with an id") {
    Hub hub;
    for (std::string target : std::vector<std::string>{"/api/leads/{}/messages", "/api/leads/{}/status", "/api/leads/{}/take",
                                      "/api/deadletters/{}/replay"}) {
        std::string method = target.find("messages") != std::string::npos ? "GET" : "POST";
        for (const std::string& bad : std::vector<std::string>{"abc", "-1", "1.5", "0x10", "1234567890123456789", "%31"}) {
            std::string path = target;
            path.replace(path.find("{}"), 2, bad);
            INFO(method << " " << path);
            auto r = hub.call(method, path, "{\"status\":\"won\",\"staff\":\"olga\"}");
            CHECK(r.status == 400);
            CHECK(body_of(r)["error"].get<std::string>().find("is not an id") != std::string::npos);
        }
    }
    CHECK(hub.wakes == 0);
}

TEST_CASE("GET /api/status answers the runtime's status") {
    Hub hub;
    auto r = hub.call("GET", "/api/status");
    CHECK(r.status == 200);
    CHECK(body_of(r) == Json{{"version", "test"}});
}

TEST_CASE("GET /api/leads lists leads newest first, by tenant, within the limit; a bad limit is 400") {
    Hub hub;
    int64_t first = hub.lead("m1");
    int64_t second = hub.lead("m2");
    auto all = body_of(hub.call("GET", "/api/leads"))["leads"];
    REQUIRE(all.size() == 2);
    CHECK(all[0]["id"] == second);
    CHECK(all[1]["id"] == first);
    CHECK(body_of(hub.call("GET", "/api/leads?limit=1"))["leads"].size() == 1);
    CHECK(body_of(hub.call("GET", "/api/leads?tenant=other"))["leads"].empty());
    CHECK(body_of(hub.call("GET", "/api/leads?tenant=salon&limit=1000"))["leads"].size() == 2);

    for (const std::string& bad : std::vector<std::string>{"0", "1001", "-5", "ten", "5x", "%20"}) {
        INFO(bad);
        auto r = hub.call("GET", "/api/leads?limit=" + bad);
        CHECK(r.status == 400);
        CHECK(body_of(r)["error"].get<std::string>().rfind("limit must be a whole number from 1 to 1000", 0) == 0);
    }
}

TEST_CASE("GET /api/leads/{id}/messages lists a lead's messages; 404 for no such lead") {
    Hub hub;
    int64_t id = hub.lead("m1");
    auto r = hub.call("GET", "/api/leads/" + std::to_string(id) + "/messages");
    REQUIRE(r.status == 200);
    auto body = body_of(r);
    CHECK(body["lead_id"] == id);
    REQUIRE(body["messages"].size() == 1);
    CHECK(body["messages"][0]["source"] == "tg");
    CHECK(body["messages"][0]["text"] == "Здравствуйте, хочу записаться на стрижку");
    CHECK(body["messages"][0]["phone"].is_null());

    auto missing = hub.call("GET", "/api/leads/999/messages");
    CHECK(missing.status == 404);
    CHECK(body_of(missing)["error"] == "no lead with id 999");
}

TEST_CASE("POST /api/leads/{id}/status sets a status and records who; 400 for bad JSON or status, 404") {
    Hub hub;
    int64_t id = hub.lead("m1");
    std::string path = "/api/leads/" + std::to_string(id) + "/status";
    auto r = hub.call("POST", path, R"({"status": "booked", "booked_for": "2026-12-08T18:30", "staff": "olga"})");
    CHECK(r.status == 200);
    CHECK(body_of(r) == Json{{"id", id}, {"status", "booked"}});
    CHECK(hub.store->lead(id)->status == "booked");
    CHECK(hub.store->lead(id)->booked_for == "2026-12-08T18:30");
    auto lost = hub.call("POST", path, R"({"status": "lost", "reason": "дорого"})");
    CHECK(body_of(lost) == Json{{"id", id}, {"status", "lost"}});
    CHECK(hub.store->lead(id)->lost_reason == "дорого");
    auto won = hub.call("POST", path, R"({"status": "won"})");  // the legacy name of visited
    CHECK(body_of(won) == Json{{"id", id}, {"status", "visited"}});
    CHECK(hub.call("POST", path, R"({"status": "visited"})").status == 200);  // the same again changes nothing

    auto history = body_of(hub.call("GET", "/api/leads/" + std::to_string(id) + "/history"))["history"];
    REQUIRE(history.size() == 4);
    CHECK(history[0]["from"] == "new");
    CHECK(history[0]["to"] == "booked");
    CHECK(history[0]["actor"] == "olga");
    CHECK(history[0]["via"] == "api");
    CHECK(history[0]["detail"]["booked_for"] == "2026-12-08T18:30");
    CHECK(history[1]["kind"] == "first_response");  // olga's change was the first response: the SLA clock stops
    CHECK(history[1]["actor"] == "olga");
    CHECK(history[2]["to"] == "lost");
    CHECK(history[2]["actor"] == "api");
    CHECK(history[2]["detail"]["reason"] == "дорого");
    CHECK(history[3]["from"] == "lost");
    CHECK(history[3]["to"] == "visited");
    CHECK(hub.call("GET", "/api/leads/999/history").status == 404);
    CHECK(hub.call("POST", path, R"({"status": "booked", "booked_for": "tomorrow"})").status == 400);
    CHECK(hub.call("POST", path, R"({"status": "lost", "reason": 5})").status == 400);

    for (const std::string& bad : std::vector<std::string>{"", "not json", "[]", R"({"status": 1})", R"({"state": "won"})", R"({"status": "won")",
                                   std::string(200, '[')}) {
        INFO(bad);
        CHECK(hub.call("POST", path, bad).status == 400);
    }
    auto unknown = hub.call("POST", path, R"({"status": "maybe\n"})");
    CHECK(unknown.status == 400);
    CHECK(body_of(unknown)["error"] ==
          "unknown status 'maybe\\n': use new, in_work, booked, visited, no_show, cancelled, lost or nurture");
    CHECK(hub.store->lead(id)->status == "visited");

    auto missing = hub.call("POST", "/api/leads/999/status", R"({"status": "won"})");
    CHECK(missing.status == 404);
    CHECK(body_of(missing)["error"] == "no lead with id 999");
}

TEST_CASE("POST /api/leads/{id}/take: the first taker of an offered lead gets it; 403, 409, 404, 400") {
    Hub hub;
    int64_t id = hub.lead("m1", true);
    std::string path = "/api/leads/" + std::to_string(id) + "/take";

    auto stranger = hub.call("POST", path, R"({"staff": "boris"})");
    CHECK(stranger.status == 403);
    CHECK(body_of(stranger)["error"] == "lead " + std::to_string(id) + " was not offered to 'boris'");

    auto taken = hub.call("POST", path, R"({"staff": "olga"})");
    REQUIRE(taken.status == 200);
    CHECK(body_of(taken)["assignee"] == "olga");
    CHECK(body_of(taken)["assignment"] == "assigned");

    auto late = hub.call("POST", path, R"({"staff": "irina"})");
    CHECK(late.status == 409);
    CHECK(body_of(late)["assignee"] == "olga");

    CHECK(hub.call("POST", "/api/leads/999/take", R"({"staff": "olga"})").status == 404);
    for (const std::string& bad : std::vector<std::string>{"", "{", "[]", R"({"staff": ""})", R"({"staff": 7})", R"({"who": "olga"})"}) {
        INFO(bad);
        CHECK(hub.call("POST", path, bad).status == 400);
    }
}

TEST_CASE("GET /api/deadletters lists dead jobs newest first, by tenant, within the limit; a bad limit is 400") {
    Hub hub;
    int64_t first = hub.dead_letter("m1");
    int64_t second = hub.dead_letter("m2");
    auto all = body_of(hub.call("GET", "/api/deadletters"))["deadletters"];
    REQUIRE(all.size() == 2);
    CHECK(all[0]["id"] == second);
    CHECK(all[1]["id"] == first);
    CHECK(all[0]["reason"] == "crm answered 500");
    CHECK(all[0]["sink"] == "crm");
    CHECK(body_of(hub.call("GET", "/api/deadletters?limit=1"))["deadletters"].size() == 1);
    CHECK(body_of(hub.call("GET", "/api/deadletters?tenant=other"))["deadletters"].empty());
    CHECK(hub.call("GET", "/api/deadletters?limit=0").status == 400);
    CHECK(hub.call("GET", "/api/deadletters?limit=abc").status == 400);
}

TEST_CASE("POST /api/deadletters/{id}/replay puts one dead letter back and wakes the dispatcher; 404 otherwise") {
    Hub hub;
    int64_t id = hub.dead_letter("m1");
    auto r = hub.call("POST", "/api/deadletters/" + std::to_string(id) + "/replay");
    CHECK(r.status == 200);
    CHECK(body_of(r) == Json{{"replayed", {id}}});
    CHECK(hub.wakes == 1);
    CHECK(hub.store->dead_letters("", 10).empty());

    auto again = hub.call("POST", "/api/deadletters/" + std::to_string(id) + "/replay");
    CHECK(again.status == 404);
    CHECK(body_of(again)["error"] == "no dead letter with id " + std::to_string(id));
    CHECK(hub.wakes == 1);
}

TEST_CASE("POST /api/deadletters/replay puts back every dead letter of a tenant and wakes the dispatcher") {
    Hub hub;
    hub.dead_letter("m1");
    hub.dead_letter("m2");
    CHECK(body_of(hub.call("POST", "/api/deadletters/replay?tenant=other")) == Json{{"replayed", 0}});
    auto r = hub.call("POST", "/api/deadletters/replay?tenant=salon");
    CHECK(r.status == 200);
    CHECK(body_of(r) == Json{{"replayed", 2}});
    CHECK(hub.wakes == 2);
    CHECK(hub.store->dead_letters("", 10).empty());
}

TEST_CASE("reply: 202 with the queued job, recorded on the conversation, and the dispatcher woken") {
    Hub hub;
    store::InboundMessage m = message("salon", "tg", "m1");
    m.address = {{"chat_id", 555}};
    int64_t id = ingest_one(*hub.store, item(m, {}, {{"telegram", "555"}})).lead_id;

    auto r = hub.call("POST", "/api/leads/" + std::to_string(id) + "/reply",
                      R"({"text": "Здравствуйте! Записали на 15:00", "buttons": [{"title": "Спасибо"}], "author": "olga"})");
    REQUIRE(r.status == 202);
    Json b = body_of(r);
    CHECK(b["lead_id"] == id);
    CHECK(b["source"] == "tg");
    CHECK(b["channel"] == "telegram");
    CHECK(hub.wakes == 1);
    auto job = hub.store->job(b["job_id"].get<int64_t>());
    REQUIRE(job);
    CHECK(job->kind == "reply");
    CHECK(job->payload["reply"]["address"]["chat_id"] == 555);
    CHECK(job->payload["reply"]["buttons"][0] == Json{{"id", "Спасибо"}, {"title", "Спасибо"}});

    auto messages = body_of(hub.call("GET", "/api/leads/" + std::to_string(id) + "/messages"))["messages"];
    REQUIRE(messages.size() == 2);
    CHECK(messages[1]["kind"] == "reply");
    CHECK(messages[1]["direction"] == "out");
    CHECK(messages[1]["author"] == "olga");
    CHECK(messages[1]["job_id"] == b["job_id"]);
    CHECK(messages[0]["direction"] == "in");
}

TEST_CASE("reply: bad requests are 400 with the reason and queue nothing; no lead 404; no channel 409") {
    Hub hub;
    int64_t web = hub.lead("m1");  // no address: like a web form or a call
    store::InboundMessage m = message("salon", "tg", "m2");
    m.address = {{"chat_id", 1}};
    int64_t tg = ingest_one(*hub.store, item(m, {}, {{"telegram", "1"}})).lead_id;
    const std::string path = "/api/leads/" + std::to_string(tg) + "/reply";
    for (const auto& [body, why] : std::vector<std::pair<std::string, std::string>>{
             {"", "not JSON"},
             {"[1]", "{\"text\""},
             {R"({"text": 5})", "{\"text\""},
             {R"({"text": ""})", "empty"},
             {R"({"text": "   "})", "empty"},
             {R"({"text": "a\u0007b"})", "control characters"},
             {R"({"text": "hi", "buttons": {}})", "'buttons' must be an array"},
             {R"({"text": "hi", "buttons": [{"id": "x"}]})", "non-empty 'title'"},
             {R"({"text": "hi", "author": ""})", "'author'"},
             {R"({"text": "hi", "author": "a\nb"})", "'author'"}}) {
        INFO(body);
        auto r = hub.call("POST", path, body);
        CHECK(r.status == 400);
        CHECK_THAT(body_of(r)["error"].get<std::string>(), Catch::Contains(why));
    }
    std::string long_text(4097, 'a');
    auto too_long = hub.call("POST", path, Json{{"text", long_text}}.dump());
    CHECK(too_long.status == 400);
    CHECK_THAT(body_of(too_long)["error"].get<std::string>(), Catch::Contains("4097 characters; at most 4096"));
    CHECK(hub.call("POST", path, Json{{"text", std::string(4096, 'a')}}.dump()).status == 202);

    auto none = hub.call("POST", "/api/leads/999/reply", R"({"text": "hi"})");
    CHECK(none.status == 404);
    auto no_channel = hub.call("POST", "/api/leads/" + std::to_string(web) + "/reply", R"({"text": "hi"})");
    CHECK(no_channel.status == 409);
    CHECK_THAT(body_of(no_channel)["error"].get<std::string>(), Catch::Contains("cannot answer on"));
    CHECK(hub.call("POST", "/api/leads/abc/reply", R"({"text": "hi"})").status == 400);
    CHECK(hub.call("GET", path).status == 405);
    CHECK(hub.wakes == 1);  // only the one accepted reply
}

TEST_CASE("channels/connect passes the instance and the webhook URL to the instance; errors are 400 or 409") {
    Hub hub;
    auto ok = hub.call("POST", "/api/channels/connect",
                       R"({"instance": "salon/tg", "webhook_url": "https://hub.example.ru/hooks/salon/tg"})");
    REQUIRE(ok.status == 200);
    CHECK(body_of(ok)["performed"] == true);
    REQUIRE(hub.controls.size() == 1);
    CHECK(hub.controls[0].first == "salon/tg");
    CHECK(hub.controls[0].second == Json{{"action", "connect"}, {"webhook_url", "https://hub.example.ru/hooks/salon/tg"}});

    auto missing = hub.call("POST", "/api/channels/connect", R"({"instance": "salon/missing"})");
    CHECK(missing.status == 409);
    CHECK(body_of(missing)["error"] == "no instance salon/missing");
    for (const auto& body : {std::string("{}"), std::string(R"({"instance": "salon"})"), std::string(R"({"instance": "/tg"})"),
                             std::string(R"({"instance": "salon/tg", "webhook_url": "ftp://x"})"), std::string("nope")}) {
        INFO(body);
        CHECK(hub.call("POST", "/api/channels/connect", body).status == 400);
    }
    CHECK(hub.controls.size() == 2);
    CHECK(hub.call("GET", "/api/channels/connect").status == 405);
}

TEST_CASE("GET /api/reports/summary: the KPIs of a period of the tenant's days; bad periods and tenants refused") {
    Hub hub;
    config::TenantConfig salon;
    salon.id = "salon";
    salon.timezone = "UTC";
    hub.config.tenants = {salon};
    hub.lead("m1");
    hub.lead("m2");
    auto r = hub.call("GET", "/api/reports/summary?tenant=salon&from=1970-01-01&to=1970-01-01");
    REQUIRE(r.status == 200);
    Json body = body_of(r);
    CHECK(body["tenant"] == "salon");
    CHECK(body["from"] == "1970-01-01");
    CHECK(body["summary"]["leads"]["total"] == 2);
    CHECK(body["summary"]["leads"]["by_channel"]["telegram"]["leads"] == 2);
    // One tenant: it may be left out; the day after has none.
    CHECK(body_of(hub.call("GET", "/api/reports/summary?from=1970-01-02&to=1970-01-02"))["summary"]["leads"]["total"] == 0);

    // No period: the last 7 days up to today on the tenant's clocks (the call's now is 50 s after the epoch).
    Json week = body_of(hub.call("GET", "/api/reports/summary?tenant=salon"));
    CHECK(week["from"] == "1969-12-26");
    CHECK(week["to"] == "1970-01-01");
    CHECK(week["summary"]["leads"]["total"] == 2);
    CHECK(hub.call("GET", "/api/reports/summary?tenant=spa").status == 404);
    auto decade = hub.call("GET", "/api/reports/summary?tenant=salon&from=2016-01-01&to=2026-01-01");
    CHECK(decade.status == 400);
    CHECK_THAT(decade.body, Catch::Contains("at most 367 days"));
    CHECK(hub.call("GET", "/api/reports/summary?tenant=salon&from=yesterday&to=1970-01-01").status == 400);
    CHECK(hub.call("GET", "/api/reports/summary?tenant=salon&from=1970-01-01&to=1970-01-01", "", "wrong-token").status == 401);
    config::TenantConfig spa;
    spa.id = "spa";
    hub.config.tenants.push_back(spa);
    CHECK_THAT(hub.call("GET", "/api/reports/summary").body, Catch::Contains("say which tenant"));
}
