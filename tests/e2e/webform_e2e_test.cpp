// The first end-to-end path: real-format webform and Tilda requests into the running binary,
// stored, visible in /api/leads, delivered to the file sink; bad input refused; clean shutdown.
#include <catch2/catch.hpp>

#include "e2e_support.hpp"

#include <csignal>
#include <filesystem>
#include <sstream>
#include <thread>

using namespace leadhub::testing;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

std::vector<json> webform_fixtures();

// One webform source per fixture, named after it and configured with its secret.
std::string config_yaml(int port, const TempDir& dir) {
    std::ostringstream y;
    y << "version: 1\n"
      << "listen: 127.0.0.1:" << port << "\n"
      << "admin:\n  token: ${LEADHUB_ADMIN_TOKEN}\n"
      << "storage:\n  path: leadhub.db\n"
      << "http:\n  max_body_bytes: 65536\n"
      << "tenants:\n"
      << "  - id: t1\n"
      << "    timezone: Europe/Moscow\n"
      << "    sources:\n"
      << "      - {name: json, plugin: webform}\n";
    for (const auto& f : webform_fixtures()) {
        y << "      - name: " << f["id"].get<std::string>() << "\n        plugin: webform\n";
        if (f.contains("secret") && f["secret"]["kind"] == "url-token")
            y << "        options: {token: \"" << f["secret"]["value"].get<std::string>() << "\"}\n";
    }
    y << "    sinks:\n"
      << "      - {name: crm, plugin: file, options: {path: \"" << (dir / "crm.jsonl") << "\"}}\n"
      << "    routes:\n"
      << "      - {from: '*', to: [crm]}\n";
    return y.str();
}

// Fixture paths are examples (/hooks/<channel>/<tenant>); ours are /hooks/<tenant>/<source>.
std::string hub_uri(const json& fixture) {
    std::string uri = "/hooks/t1/" + fixture["id"].get<std::string>();
    std::string sep = "?";
    const json query = fixture["request"].value("query", json::object());
    for (const auto& [k, v] : query.items()) {
        uri += sep + k + "=" + v.get<std::string>();
        sep = "&";
    }
    return uri;
}

HttpReply post_fixture(const Hub& hub, const json& fixture) {
    const auto& req = fixture["request"];
    std::map<std::string, std::string> headers;
    const json request_headers = req.value("headers", json::object());
    for (const auto& [k, v] : request_headers.items()) headers[k] = v.get<std::string>();
    std::string body = req["body"].is_string() ? req["body"].get<std::string>() : req["body"].dump();
    return http_call(hub.port(), req.value("method", std::string("POST")), hub_uri(fixture), body, headers);
}

std::vector<json> webform_fixtures() {
    std::vector<json> out;
    for (const auto& entry : std::filesystem::directory_iterator(source_dir() + "/plugins/channels/webform/tests/data")) {
        if (entry.path().extension() == ".json") out.push_back(json::parse(read_file(entry.path().string())));
    }
    std::sort(out.begin(), out.end(), [](const json& a, const json& b) { return a["id"] < b["id"]; });
    return out;
}

std::size_t line_count(const std::string& path) {
    std::string text = read_file(path);
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

}  // namespace

TEST_CASE("webform and Tilda requests become stored, delivered leads; bad input is refused") {
    TempDir dir("leadhub-e2e");
    int port = free_port();
    Hub hub(dir, port, config_yaml(port, dir));
    hub.start();
    REQUIRE(hub.wait_ready());

    std::size_t expected_leads = 0;
    for (const auto& fixture : webform_fixtures()) {
        INFO(fixture["id"].get<std::string>());
        auto reply = post_fixture(hub, fixture);
        CHECK(reply.status == fixture["expect"]["response"]["status"].get<int>());
        std::string action = fixture["expect"]["action"];
        if (action == "lead") expected_leads += fixture["expect"].contains("leads") ? fixture["expect"]["leads"].size() : 1;
    }
    // Acknowledged means in the inbox; the lead appears once the background stage processed it.
    REQUIRE(eventually([&] { return hub.leads().size() >= expected_leads; }, 10000ms));
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    json leads = hub.leads();
    REQUIRE(leads.size() == expected_leads);

    SECTION("a stored lead carries what the platform sent") {
        json tilda;
        for (const auto& l : leads)
            if (l["external_message_id"] == "4567890:1234567890") tilda = l;
        REQUIRE(tilda.is_object());
        CHECK(tilda["tenant"] == "t1");
        CHECK(tilda["source"] == "webform-tilda-02-submission-with-utm");
        CHECK(tilda["channel"] == "webform");
        CHECK(tilda["name"] == "Анна");
        CHECK(tilda["phone"] == "+79161234567");
        CHECK(tilda["email"] == "anna.smirnova@example.com");
        CHECK(tilda["utm"]["utm_campaign"] == "spring_manicure");
        CHECK(tilda["created_at"].get<std::string>().back() == 'Z');
    }

    SECTION("every stored lead reaches the sink once") {
        CHECK(eventually([&] { return line_count(dir / "crm.jsonl") == expected_leads; }, 10000ms));
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        CHECK(line_count(dir / "crm.jsonl") == expected_leads);
    }

    SECTION("a platform's repeat of the same message id stores nothing new") {
        for (const auto& fixture : webform_fixtures())
            if (fixture["id"] == "webform-tilda-02-submission-with-utm") CHECK(post_fixture(hub, fixture).status == 200);
        CHECK(hub.leads().size() == expected_leads);
    }

    SECTION("bad input gets a clear 4xx and stores nothing") {
        auto malformed = http_call(hub.port(), "POST", "/hooks/t1/json", "{\"name\": ", {{"Content-Type", "application/json"}});
        CHECK(malformed.status == 400);
        CHECK_FALSE(malformed.body.empty());
        auto big = http_call(hub.port(), "POST", "/hooks/t1/json", std::string(70000, 'x'), {{"Content-Type", "application/json"}});
        CHECK(big.status == 413);
        auto wrong_token = http_call(hub.port(), "POST", "/hooks/t1/webform-html-04-post-with-utm?token=nope", "name=A&phone=89131234567",
                                     {{"Content-Type", "application/x-www-form-urlencoded"}});
        CHECK(wrong_token.status == 403);
        auto no_source = http_call(hub.port(), "POST", "/hooks/t1/nosuch", "{}", {{"Content-Type", "application/json"}});
        CHECK(no_source.status == 404);
        auto no_tenant = http_call(hub.port(), "POST", "/hooks/t9/json", "{}", {{"Content-Type", "application/json"}});
        CHECK(no_tenant.status == 404);
        CHECK(hub.leads().size() == expected_leads);
    }

    SECTION("the admin API needs the token and checks its parameters") {
        CHECK(http_call(hub.port(), "GET", "/api/leads").status == 401);
        CHECK(http_call(hub.port(), "GET", "/api/leads", {}, {{"Authorization", "Bearer wrong"}}).status == 401);
        CHECK(hub.api("/api/leads?limit=abc").status == 400);
        CHECK(hub.api("/api/leads?limit=0").status == 400);
        auto one = hub.api("/api/leads?limit=1&tenant=t1");
        REQUIRE(one.status == 200);
        CHECK(json::parse(one.body)["leads"].size() == 1);
        CHECK(json::parse(hub.api("/api/leads?tenant=other").body)["leads"].empty());
        CHECK(json::parse(hub.api("/api/deadletters").body)["deadletters"].empty());
        CHECK(http_call(hub.port(), "POST", "/api/deadletters/999/replay", {}, {{"Authorization", "Bearer " + kAdminToken}}).status == 404);
    }

    SECTION("metrics count what was received, per source") {
        auto metrics = http_call(hub.port(), "GET", "/metrics");
        REQUIRE(metrics.status == 200);
        CHECK_THAT(metrics.body, Catch::Contains("leadhub_received_total{tenant=\"t1\",source=\"webform-tilda-02-submission-with-utm\"} 1"));
        CHECK_THAT(metrics.body, Catch::Contains("leadhub_webhook_seconds_bucket"));
        CHECK_THAT(metrics.body, Catch::Contains("leadhub_queue_depth"));
        // A plugin's own counter (host().metric), labelled with its instance; a repeat of the
        // same submission counts again there (the plugin cannot know it is a repeat).
        const std::string plugin_counter =
            "leadhub_plugin_webform_leads{tenant=\"t1\",instance=\"webform-tilda-02-submission-with-utm\"} ";
        CHECK_THAT(metrics.body, Catch::Contains(plugin_counter + "1\n"));
        for (const auto& fixture : webform_fixtures())
            if (fixture["id"] == "webform-tilda-02-submission-with-utm") CHECK(post_fixture(hub, fixture).status == 200);
        CHECK_THAT(http_call(hub.port(), "GET", "/metrics").body, Catch::Contains(plugin_counter + "2\n"));
    }

    SECTION("SIGTERM drains and exits 0; a restart serves the same leads") {
        hub.process().signal(SIGTERM);
        CHECK(hub.process().wait(std::chrono::seconds(15)) == std::optional<int>(0));
        CHECK_THAT(hub.log(), Catch::Contains("stopped"));
        CHECK_THAT(hub.log(), !Catch::Contains(kAdminToken));
        hub.start();
        REQUIRE(hub.wait_ready());
        CHECK(hub.leads().size() == expected_leads);
    }
}

TEST_CASE("a JSON post nested 100,000 deep gets 400 from the running hub, which stores nothing and serves the next post") {
    TempDir dir("leadhub-e2e-deep");
    int port = free_port();
    std::ostringstream y;
    y << "version: 1\n"
      << "listen: 127.0.0.1:" << port << "\n"
      << "admin:\n  token: ${LEADHUB_ADMIN_TOKEN}\n"
      << "storage:\n  path: leadhub.db\n"
      << "http:\n  max_body_bytes: 262144\n"  // room for the 200 KB body: the webform must refuse it, not the front
      << "tenants:\n"
      << "  - id: t1\n"
      << "    timezone: Europe/Moscow\n"
      << "    sources:\n"
      << "      - {name: json, plugin: webform}\n";
    Hub hub(dir, port, y.str());
    hub.start();
    REQUIRE(hub.wait_ready());

    const std::string deep = R"({"name": "Анна", "message": )" + std::string(100000, '[') + std::string(100000, ']') + "}";
    REQUIRE(deep.size() > 200000);
    auto refused = http_call(hub.port(), "POST", "/hooks/t1/json", deep, {{"Content-Type", "application/json"}});
    CHECK(refused.status == 400);
    CHECK_THAT(refused.body, Catch::Contains("JSON nested deeper than 64 levels"));
    CHECK(hub.process().running());

    auto next = http_call(hub.port(), "POST", "/hooks/t1/json", R"({"name": "Анна", "phone": "89031112233"})",
                          {{"Content-Type", "application/json"}});
    CHECK(next.status == 200);
    json leads = hub.wait_for_leads(1);
    REQUIRE(leads.size() == 1);
    CHECK(leads[0]["phone"] == "+79031112233");
    CHECK(hub.process().running());
}
