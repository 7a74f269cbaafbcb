// Text a client sends cannot forge a log record: a field name with a line break, quoted in a
// plugin's warning (in the hub's process and from a plugin process), stays on its record's line.
#include <catch2/catch.hpp>

#include "e2e_support.hpp"
#include "support/hub_config.hpp"

#include <sstream>

using namespace leadhub::testing;
using nlohmann::json;

namespace {

// A record that a field name would forge if its line break reached the log.
const std::string kForged = "2026-01-01T00:00:00.000Z error [leadhub] injected";

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
    CHECK(wait_until([&] { return quoting() == 2; }, 5000));

    const std::string log = hub.log();
    INFO(log);
    std::istringstream lines(log);
    for (std::string line; std::getline(lines, line);) CHECK(line.rfind(kForged, 0) != 0);
}

