// `leadhub status` as an operator types it: the running hub's answer as text or JSON, and a clear
// message with exit 1 when no hub answers, the token is wrong, or the config cannot be read.
#include <catch2/catch.hpp>

#include "reload/reload_support.hpp"
#include "support/hub_config.hpp"

#include <csignal>
#include <sstream>

using namespace leadhub::testing;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

struct Run {
    int code;
    std::string output;
};

Run run_leadhub(const TempDir& dir, const std::vector<std::string>& args, const std::string& token = kAdminToken) {
    static int n = 0;
    std::vector<std::string> argv = {leadhub_binary()};
    argv.insert(argv.end(), args.begin(), args.end());
    std::string log = dir / ("status-" + std::to_string(++n) + ".out");
    ChildProcess p(argv, {{"LEADHUB_ADMIN_TOKEN", token}}, log);
    return {p.wait(30s).value_or(-1), read_file(log)};
}

std::string config_yaml(int port) { return HubConfigHead(port).yaml() + site_webform_source(); }

}  // namespace

TEST_CASE("leadhub status reports what runs and what does not") {
    TempDir dir("leadhub-status");
    int port = free_port();
    Hub hub(dir, port, config_yaml(port));
    hub.start();
    REQUIRE(hub_ready(hub));

    auto text = run_leadhub(dir, {"status", "-c", dir / "leadhub.yaml"});
    INFO(text.output);
    CHECK(text.code == 0);
    CHECK_THAT(text.output, Catch::Contains("watching nothing (SIGHUP reloads)"));
    CHECK_THAT(text.output, Catch::Contains("0 reloads, 0 refused"));
    CHECK_THAT(text.output, Catch::Contains("t1/site  source  webform 1.0.0  running"));

    auto as_json = run_leadhub(dir, {"status", "-c", dir / "leadhub.yaml", "--json"});
    CHECK(as_json.code == 0);
    json status = json::parse(as_json.output, nullptr, false);
    REQUIRE_FALSE(status.is_discarded());
    CHECK(status["pid"] == hub.process().pid());
    CHECK(instance_status(status, "site")["running"] == true);
    CHECK(plugin_status(status, "webform")["refused"] == 0);

    auto wrong_token = run_leadhub(dir, {"status", "-c", dir / "leadhub.yaml"}, "not-the-token-0123456789");
    CHECK(wrong_token.code == 1);
    CHECK_THAT(wrong_token.output, Catch::Contains("answered 401"));
    CHECK_THAT(wrong_token.output, Catch::Contains("admin token"));

    hub.process().signal(SIGTERM);
    REQUIRE(hub.process().wait(20s) == std::optional<int>(0));
    auto no_hub = run_leadhub(dir, {"status", "-c", dir / "leadhub.yaml"});
    CHECK(no_hub.code == 1);
    CHECK_THAT(no_hub.output, Catch::Contains("no hub answers at 127.0.0.1:" + std::to_string(port)));
}

TEST_CASE("leadhub status needs a readable config") {
    TempDir dir("leadhub-status");
    auto missing = run_leadhub(dir, {"status", "-c", dir / "nope.yaml"});
    CHECK(missing.code == 1);
    CHECK_THAT(missing.output, Catch::Contains("cannot read the config"));
    auto usage = run_leadhub(dir, {"status"});
    CHECK(usage.code == 2);
}
