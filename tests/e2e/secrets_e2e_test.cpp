// Secrets stay inside the process (invariant 7) wherever text leaves it, not only in the log: an
// instance's error in /readyz (no token needed), /api/status and `leadhub status`; a refused
// reload's error; `leadhub validate` and `leadhub run` on a config whose error quotes a secret;
// a dead letter whose reason is an API's echo of the request with its token. Each secret comes
// from another place the config takes secrets from: the environment, a file, an option the
// plugin declares secret.
#include <catch2/catch.hpp>

#include "e2e_support.hpp"
#include "reload/reload_support.hpp"
#include "support/fake_receiver.hpp"
#include "support/hub_config.hpp"

#include <csignal>
#include <sstream>

using namespace leadhub::testing;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

Run run_leadhub(const TempDir& dir, std::vector<std::string> args, std::map<std::string, std::string> env) {
    args.insert(args.begin(), leadhub_binary());
    const std::string log = dir / ("cli-" + std::to_string(std::rand()) + ".log");
    ChildProcess p(args, env, log);
    auto code = p.wait(30s);
    return {code.value_or(-1), read_file(log)};
}

// Checks that `text` holds none of `secrets` (and says which one leaked).
void check_masked(const std::string& where, const std::string& text, const std::vector<std::string>& secrets) {
    for (const auto& secret : secrets) {
        INFO(where << " must not show " << secret << ":\n" << text);
        CHECK(text.find(secret) == std::string::npos);
    }
}

}  // namespace

TEST_CASE("an instance's error that quotes a secret is masked in /readyz, /api/status and leadhub status") {
    TempDir dir("leadhub-e2e-secrets");
    const int port = free_port();
    const std::string key = "crm-key-from-the-environment-1";
    // The http sink refuses an ftp:// url at create, quoting the url: the key is in the error.
    Hub hub(dir, port, HubConfigHead(port).yaml() + site_webform_source() +
                           "    sinks:\n"
                           "      - {name: crm, plugin: http, options: {url: \"ftp://crm.example.org/leads?key=${CRM_KEY}\"}}\n"
                           "    routes:\n"
                           "      - {from: [site], to: [crm]}\n");
    const std::map<std::string, std::string> env = {{"CRM_KEY", key}, {"LEADHUB_ADMIN_TOKEN", kAdminToken}};
    hub.start(env);
    REQUIRE(wait_for_status(port, "/readyz", 503, 20000));

    const std::string ready = http_call(port, "GET", "/readyz").body;
    CHECK_THAT(ready, Catch::Contains("t1/crm: "));
    CHECK_THAT(ready, Catch::Contains("option 'url' must be an http:// or https:// address without spaces, got "
                                      "'ftp://crm.example.org/leads?key=***'"));
    check_masked("/readyz", ready, {key});

    const json crm = instance_status(hub_status(hub), "crm");
    CHECK_FALSE(crm.value("running", true));
    CHECK_THAT(crm.value("error", ""), Catch::Contains("key=***"));
    check_masked("/api/status", crm.dump(), {key});

    const Run status = run_leadhub(dir, {"status", "-c", dir / "leadhub.yaml"}, env);
    CHECK(status.code == 0);
    CHECK_THAT(status.output, Catch::Contains("t1/crm  sink  http 1.0.0  NOT RUNNING: "));
    CHECK_THAT(status.output, Catch::Contains("key=***"));
    check_masked("leadhub status", status.output, {key});
    check_masked("the log", hub.log(), {key});
}

TEST_CASE("a dead letter whose reason echoes the request's credentials is stored masked") {
    FakeReceiver api([](int) { return ScriptedAnswer{400, {}, 0}; });
    api.echo_headers({"Authorization", "X-Api-Key"});
    TempDir dir("leadhub-e2e-secrets");
    const int port = free_port();
    const std::string inline_token = "inline-crm-token-2";  // written in the config: a secret option
    const std::string env_key = "api-key-from-the-environment-3";
    std::ostringstream y;
    y << HubConfigHead(port).yaml() << site_webform_source() << "    sinks:\n"
      << "      - name: crm\n"
      << "        plugin: http\n"
      << "        options:\n"
      << "          url: 'http://127.0.0.1:" << api.port() << "/leads'\n"
      << "          headers: {Authorization: 'Bearer " << inline_token << "', X-Api-Key: '${CRM_API_KEY}'}\n"
      << "    routes:\n"
      << "      - {from: [site], to: [crm]}\n";
    Hub hub(dir, port, y.str());
    const std::map<std::string, std::string> env = {{"CRM_API_KEY", env_key}, {"LEADHUB_ADMIN_TOKEN", kAdminToken}};
    hub.start(env);
    REQUIRE(hub.wait_ready());
    REQUIRE(http_call(port, "POST", "/hooks/t1/site", json{{"name", "Анна"}, {"phone", "89131234567"}}.dump(),
                      {{"Content-Type", "application/json"}})
                .status == 200);

    json dead;
    REQUIRE(eventually([&] {
        auto r = hub.api("/api/deadletters");
        dead = r.status == 200 ? json::parse(r.body)["deadletters"] : json::array();
        return dead.size() == 1;
    }, 15s));
    const std::string reason = dead[0].value("reason", "");
    INFO(reason);
    // The API did see the credentials (so they were there to leak) ...
    CHECK(api.requests() == 1);
    // ... and the reason keeps everything but them (the whole header value is the secret option's).
    CHECK_THAT(reason, Catch::Contains("HTTP 400: {\"echo\":{\"Authorization\":\"***\",\"X-Api-Key\":\"***\"}"));
    check_masked("/api/deadletters", dead.dump(), {inline_token, env_key});

    const Run list = run_leadhub(dir, {"deadletters", "list", "-c", dir / "leadhub.yaml"}, env);
    CHECK(list.code == 0);
    CHECK_THAT(list.output, Catch::Contains("\"Authorization\":\"***\""));
    check_masked("leadhub deadletters list", list.output, {inline_token, env_key});
    check_masked("the log", hub.log(), {inline_token, env_key});
}

TEST_CASE("a refused reload's error is masked with the new secrets, and rotated secrets stay masked") {
    FakeReceiver api([](int) { return ScriptedAnswer{}; });
    TempDir dir("leadhub-e2e-secrets");
    const int port = free_port();
    const std::string old_token = "old-token-from-a-file-4", new_token = "new-token-from-a-file-5";
    auto config = [&](const std::string& method) {
        std::ostringstream y;
        y << HubConfigHead(port).log_level("info").yaml() << site_webform_source() << "    sinks:\n"
          << "      - name: crm\n"
          << "        plugin: http\n"
          << "        options:\n"
          << "          url: 'http://127.0.0.1:" << api.port() << "/leads'\n"
          << "          headers: {Authorization: 'Bearer ${file:crm-token}'}\n";
        if (!method.empty()) y << "          method: \"" << method << "\"\n";
        y << "    routes:\n"
          << "      - {from: [site], to: [crm]}\n";
        return y.str();
    };
    write_file(dir / "crm-token", old_token + "\n");
    Hub hub(dir, port, config(""));
    hub.start();
    REQUIRE(hub_ready(hub));
    auto reload = [&](const std::string& method, const char* counter, int expected) {
        write_file(dir / "leadhub.yaml", config(method));
        hub.process().signal(SIGHUP);
        return eventually([&] { return hub_status(hub)["config"].value(counter, 0) == expected; }, 10s);
    };

    // The token file now holds a new token, and a mistake quotes it: "method must be one of
    // POST, PUT, got '<the new token>'". It is a secret of a config that never ran.
    write_file(dir / "crm-token", new_token + "\n");
    REQUIRE(reload("${file:crm-token}", "refused", 1));
    std::string last_error = hub_status(hub)["config"].value("last_error", "");
    CHECK_THAT(last_error, Catch::Contains("option 'method' must be one of POST, PUT, got '***'"));
    check_masked("the refused reload's last_error", last_error, {old_token, new_token});

    // The new token is applied; then the old one, pasted by mistake where no secret is expected,
    // is still masked: a hub never forgets a secret it held.
    REQUIRE(reload("", "reloads", 1));
    REQUIRE(reload(old_token, "refused", 2));
    last_error = hub_status(hub)["config"].value("last_error", "");
    CHECK_THAT(last_error, Catch::Contains("option 'method' must be one of POST, PUT, got '***'"));
    check_masked("the second refused reload's last_error", last_error, {old_token, new_token});

    const std::string log = hub.log();
    CHECK_THAT(log, Catch::Contains("reload refused, still running the previous config"));
    check_masked("the log", log, {old_token, new_token});
    const Run status = run_leadhub(dir, {"status", "-c", dir / "leadhub.yaml"}, {{"LEADHUB_ADMIN_TOKEN", kAdminToken}});
    CHECK_THAT(status.output, Catch::Contains("2 refused"));
    check_masked("leadhub status", status.output, {old_token, new_token});

    hub.process().signal(SIGTERM);
    CHECK(hub.process().wait(20s) == std::optional<int>(0));
}

TEST_CASE("leadhub validate and leadhub run mask a secret that a config error quotes") {
    TempDir dir("leadhub-e2e-secrets");
    const std::string env_method = "method-from-the-environment-6", inline_header = "inline-header-token-7";
    write_file(dir / "leadhub.yaml", HubConfigHead(free_port()).yaml() + site_webform_source() +
                                         "    sinks:\n"
                                         "      - name: crm\n"
                                         "        plugin: http\n"
                                         "        options:\n"
                                         "          url: 'http://127.0.0.1:1/leads'\n"
                                         "          method: \"${CRM_METHOD}\"\n"
                                         "          headers: {Authorization: [" + inline_header + "]}\n");
    const std::map<std::string, std::string> env = {{"CRM_METHOD", env_method}, {"LEADHUB_ADMIN_TOKEN", kAdminToken}};

    const Run validate = run_leadhub(dir, {"validate", "-c", dir / "leadhub.yaml"}, env);
    CHECK(validate.code == 1);
    CHECK_THAT(validate.output, Catch::Contains("leadhub.yaml:16:19: sink 'crm': option 'method' must be one of POST, PUT, got '***'"));
    CHECK_THAT(validate.output, Catch::Contains("leadhub.yaml:17:20: sink 'crm': option 'headers'"));
    CHECK_THAT(validate.output, Catch::Contains("2 errors"));
    check_masked("leadhub validate", validate.output, {env_method, inline_header});

    const Run run = run_leadhub(dir, {"run", "-c", dir / "leadhub.yaml"}, env);
    CHECK(run.code == 1);
    CHECK_THAT(run.output, Catch::Contains("cannot start"));
    CHECK_THAT(run.output, Catch::Contains("got '***'"));
    check_masked("leadhub run", run.output, {env_method, inline_header});
}
