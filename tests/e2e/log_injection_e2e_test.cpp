// Text a client sends cannot forge a log record or put control characters into an answer: a
// field name with a line break, quoted in a plugin's warning (in the hub's process and from a
// plugin process), stays on its record's line; the hub's answers that quote a path, a query
// parameter or a body field show control characters as escapes.
#include <catch2/catch.hpp>

#include "e2e_support.hpp"
#include "support/hub_config.hpp"

#include <sstream>

using namespace leadhub::testing;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

// A record that a field name would forge if its line break reached the log.
const std::string kForged = "2026-01-01T00:00:00.000Z error [leadhub] injected";

bool has_control(const std::string& text) {
    for (unsigned char c : text)
        if (c < 0x20 || c == 0x7f) return true;
    return false;
}

}  // namespace

TEST_CASE("a field name with a line break stays on the line of the warning that quotes it") {
    TempDir dir("leadhub-e2e-log-injection");
    const int port = free_port();
    Hub hub(dir, port, HubConfigHead(port).yaml() +
                           "    sources:\n"
                           "      - {name: site, plugin: webform}\n"
                           "      - {name: isolated, plugin: webform, isolation: process}\n");
    hub.start();
    REQUIRE(hub.wait_ready(20000));

    // The field's value is not ASCII, so the form is refused with 400 and a reason that names
    // the field; the web form plugin logs that reason as a warning.
    const std::string body = "x%0A2026-01-01T00:00:00.000Z+error+%5Bleadhub%5D+injected=%FF";
    const std::map<std::string, std::string> form = {{"Content-Type", "application/x-www-form-urlencoded; charset=ascii"}};
    for (const std::string source : {"site", "isolated"}) {
        INFO(source);
        CHECK(http_call(port, "POST", "/hooks/t1/" + source, body, form).status == 400);
    }
    // The lines of the two warnings that quote the field name, its line break shown as \n.
    auto quoting = [&] {
        std::istringstream lines(hub.log());
        int n = 0;
        for (std::string line; std::getline(lines, line);)
            n += line.find("refused POST") != std::string::npos && line.find("x\\n" + kForged) != std::string::npos;
        return n;
    };
    CHECK(eventually([&] { return quoting() == 2; }, 5000ms));

    const std::string log = hub.log();
    INFO(log);
    std::istringstream lines(log);
    for (std::string line; std::getline(lines, line);) CHECK(line.rfind(kForged, 0) != 0);
}

TEST_CASE("answers that quote a path, a parameter or a body field escape control characters") {
    TempDir dir("leadhub-e2e-log-injection");
    const int port = free_port();
    Hub hub(dir, port, HubConfigHead(port).yaml() + site_webform_source());
    hub.start();
    REQUIRE(hub.wait_ready());
    const std::map<std::string, std::string> admin = {{"Authorization", "Bearer " + kAdminToken}};

    // Raw C0 control bytes in the request target never reach a handler: the HTTP front refuses
    // the request line (RFC 9112 3.2: no control characters in a target), with a one-line reason.
    HttpReply r = http_call(port, "GET", "/nope\x1b[2J\x7f");
    CHECK(r.status == 400);
    CHECK(r.body == "malformed request line: a control character in it");
    r = http_call(port, "POST", "/hooks/t1/no\x01such", "{}", {{"Content-Type", "application/json"}});
    CHECK(r.status == 400);

    // What the front lets through but a log viewer breaks lines at (NEL, LINE SEPARATOR, as raw
    // UTF-8) is escaped by the answers that quote the path.
    r = http_call(port, "GET", "/nope\xc2\x85x");
    CHECK(r.status == 404);
    CHECK(r.body == "not found: /nope\\u0085x");
    r = http_call(port, "POST", "/hooks/t1/no\xe2\x80\xa8such", "{}", {{"Content-Type", "application/json"}});
    CHECK(r.status == 404);
    CHECK(r.body == "no source 'no\\u2028such' for tenant 't1'");
    r = http_call(port, "POST", "/hooks/t\xc2\x85/site", "{}", {{"Content-Type", "application/json"}});
    CHECK(r.status == 404);
    CHECK(r.body == "no source 'site' for tenant 't\\u0085'");

    r = http_call(port, "GET", "/api/no\xe2\x80\xa9such", {}, admin);
    CHECK(r.status == 404);
    CHECK(json::parse(r.body)["error"] == "no such API path: /api/no\\u2029such");

    // A query parameter decoded from %0A: a real line break by the time it is quoted.
    r = http_call(port, "GET", "/api/leads?limit=1%0A2026-01-01T00:00:00.000Z+error+%5Bleadhub%5D+injected", {}, admin);
    CHECK(r.status == 400);
    const std::string limit_error = json::parse(r.body)["error"];
    CHECK_FALSE(has_control(limit_error));
    CHECK(limit_error == "limit must be a whole number from 1 to 1000, got '1\\n" + kForged + "'");

    // A field of the body, quoted by the answer to a take.
    REQUIRE(http_call(port, "POST", "/hooks/t1/site", json{{"name", "Анна"}, {"phone", "89131234567"}}.dump(),
                      {{"Content-Type", "application/json"}})
                .status == 200);
    json leads = hub.wait_for_leads(1);
    REQUIRE(leads.size() == 1);
    const std::string id = std::to_string(leads[0]["id"].get<int64_t>());
    auto headers = admin;
    headers["Content-Type"] = "application/json";
    r = http_call(port, "POST", "/api/leads/" + id + "/take", json{{"staff", "olga\n" + kForged}}.dump(), headers);
    CHECK(r.status == 403);
    CHECK(json::parse(r.body)["error"] == "lead " + id + " was not offered to 'olga\\n" + kForged + "'");
}
