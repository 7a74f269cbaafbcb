// The YAML config of a hub under test, for the tests that run the real binary on a generated
// config (fault, reload, isolation): the top sections every such config repeats (listen on the
// test's port, the admin token from the environment, the store in the working directory) and the
// tenant `t1` with the web form source `site` and the http sink `crm` that they post to and
// deliver from. Each test adds what it is about (its plugin folders, its dispatch backoff, more
// sinks and routes) through the setters.
#pragma once

#include <string>
#include <vector>

namespace leadhub::testing {

// From `version: 1` to `tenants:`, `  - id: t1` included; the tenant's keys follow (4 spaces).
class HubConfigHead {
public:
    explicit HubConfigHead(int port) : port_(port) {}
    HubConfigHead& log_level(std::string level);          // logging.level (default: no logging section)
    HubConfigHead& plugin_dir(std::string dir);           // appended to plugins.dirs
    HubConfigHead& watch_plugins();                       // plugins.watch: true
    // dispatch.backoff (a YAML flow map) and, when > 0, dispatch.max_attempts.
    HubConfigHead& dispatch(std::string backoff, int max_attempts = 0);
    std::string yaml() const;

private:
    int port_;
    std::string log_level_;
    std::vector<std::string> plugin_dirs_;
    bool watch_plugins_ = false;
    std::string backoff_;
    int max_attempts_ = 0;
};

// `    sources:` with the web form `site`; more sources may follow as `      - ...` lines.
std::string site_webform_source();

// One `      - name: crm` entry of a `sinks:` list: the http sink to http://127.0.0.1:<port>/leads.
class CrmHttpSink {
public:
    explicit CrmHttpSink(int receiver_port) : receiver_port_(receiver_port) {}
    CrmHttpSink& timeout_ms(int ms);              // the plugin's timeout_ms option
    CrmHttpSink& unlimited_rate();                // rate: {per_second: 1000, burst: 1000}
    CrmHttpSink& concurrency(int n);
    CrmHttpSink& timeout(std::string duration);   // the instance's timeout, e.g. "2s"
    std::string yaml() const;

private:
    int receiver_port_;
    int timeout_ms_ = 0;
    bool unlimited_rate_ = false;
    int concurrency_ = 0;
    std::string timeout_;
};

}  // namespace leadhub::testing
