// CRM burst benchmark (issue 14): a burst of web-form leads into a CRM sink whose fake enforces
// the API's documented limit the way the API signals it (tests/support/fake_crm_apis.hpp):
//
//   bitrix24      one sink, Bitrix24's leaky bucket (2 requests/s, 50 at once): 503 QUERY_LIMIT_EXCEEDED
//   bitrix24x2    two tenants' sinks on ONE portal, sharing `rate: {bucket: …}`: the same bucket
//   amocrm        one sink, amoCRM's 7 requests in any second: 429
//
// For each: the time from the first post to the last record in the fake, against the time the
// API's limit allows for the requests the fake saw ((requests - burst) / rate); the most requests
// in any one second; the refusals (503/429: the hub must never meet them); duplicates (records
// per lead key above one).
//
// Usage: leadhub_bench_crm_burst [LEADS] [SCENARIO...]   (default 500 leads, every scenario)
#include "support/child_process.hpp"
#include "support/fake_crm_apis.hpp"
#include "support/http_call.hpp"

#include <leadhub/sdk/testing/temp_dir.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

using namespace leadhub::testing;
using Clock = std::chrono::steady_clock;

namespace {

const std::string kToken = "bench-site-token-123456";

struct Result {
    std::string name;
    std::size_t leads = 0, records = 0, duplicates = 0, refused = 0, requests = 0;
    double seconds = 0, allowed_seconds = 0;
    std::size_t peak_per_second = 0;
};

std::size_t peak_in_one_second(std::vector<int64_t> times) {
    std::sort(times.begin(), times.end());
    std::size_t best = 0, first = 0;
    for (std::size_t i = 0; i < times.size(); ++i) {
        while (times[i] - times[first] >= 1000) ++first;
        best = std::max(best, i - first + 1);
    }
    return best;
}

std::string tenant_yaml(const std::string& id, const std::string& sink) {
    return "  - id: " + id + "\n    sources:\n      - {name: site, plugin: webform, options: {token: \"" + kToken +
           "\"}}\n    sinks:\n" + sink + "    routes:\n      - {from: [site], to: [crm]}\n";
}

// Runs a hub with `tenants` and posts `leads` web-form leads spread over `tenant_ids`; returns
// when `records()` reaches `leads` (or after the limit) and the seconds it took.
double run_burst(const std::vector<std::string>& tenant_ids, const std::string& tenants, std::size_t leads,
                 const std::function<std::size_t()>& records) {
    leadhub::sdk::testing::TempDir dir("leadhub-bench-crm");
    const int port = free_port();
    std::ofstream(dir / "leadhub.yaml") << "version: 1\nlisten: 127.0.0.1:" << port
                                        << "\nadmin:\n  token: bench-admin-token-0123456789\nstorage:\n  path: leadhub.db\n"
                                        << "tenants:\n" << tenants;
    ChildProcess hub({std::string(LEADHUB_BINARY_DIR) + "/bin/leadhub", "run", "-c", dir / "leadhub.yaml"},
                     {{"LEADHUB_ADMIN_TOKEN", "bench-admin-token-0123456789"}}, dir / "leadhub.log");
    if (!wait_for_status(port, "/readyz", 200, 10000)) throw std::runtime_error("the hub did not start");
    const auto start = Clock::now();
    for (std::size_t i = 0; i < leads; ++i) {
        // A phone of its own per lead: every one is a new customer, a new record.
        const std::string phone = "8913" + std::to_string(1000000 + i);
        const std::string& tenant = tenant_ids[i % tenant_ids.size()];
        auto r = http_call(port, "POST", "/hooks/" + tenant + "/site?token=" + kToken,
                           "name=Bench&phone=" + phone + "&message=manicure", {{"Content-Type", "application/x-www-form-urlencoded"}});
        if (r.status != 200) throw std::runtime_error("a post was answered " + std::to_string(r.status));
    }
    const auto limit = start + std::chrono::seconds(60 + 3 * leads);
    while (records() < leads && Clock::now() < limit) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    return std::chrono::duration<double>(Clock::now() - start).count();
}

std::size_t duplicates_by(const std::vector<nlohmann::json>& records, const std::string& field) {
    std::set<std::string> seen;
    std::size_t dup = 0;
    for (const auto& r : records) {
        std::string key = r.value(field, nlohmann::json("")).dump();
        if (!seen.insert(key).second) ++dup;
    }
    return dup;
}

Result bitrix24(std::size_t leads, bool two_tenants) {
    FakeBitrix24 portal(2, 50);
    const std::string bucket = two_tenants ? "        rate: {bucket: bench-portal}\n" : "";
    const std::string sink = "      - name: crm\n        plugin: bitrix24\n" + bucket + "        options: {webhook_url: \"" +
                             portal.webhook_url() + "\", application_token: \"bench-app-token\"}\n";
    std::vector<std::string> ids = two_tenants ? std::vector<std::string>{"t1", "t2"} : std::vector<std::string>{"t1"};
    std::string tenants;
    for (const auto& id : ids) tenants += tenant_yaml(id, sink);
    Result r{two_tenants ? "bitrix24x2" : "bitrix24", leads};
    r.seconds = run_burst(ids, tenants, leads, [&] { return portal.leads().size(); });
    auto records = portal.leads();
    r.records = records.size();
    r.duplicates = duplicates_by(records, "ORIGIN_ID");
    r.refused = portal.refused_by_limit();
    r.requests = portal.request_times().size();
    r.allowed_seconds = std::max(0.0, (double(r.requests - r.refused) - 50) / 2);
    r.peak_per_second = peak_in_one_second(portal.request_times());
    return r;
}

Result amocrm(std::size_t leads) {
    FakeAmoCrm amo(7);
    const std::string sink = "      - name: crm\n        plugin: amocrm\n        options: {base_url: \"" + amo.base_url() +
                             "\", access_token: \"" + amo.access_token() + "\"}\n";
    Result r{"amocrm", leads};
    r.seconds = run_burst({"t1"}, tenant_yaml("t1", sink), leads, [&] { return amo.leads().size(); });
    auto records = amo.leads();
    r.records = records.size();
    r.duplicates = duplicates_by(records, "request_id");
    r.refused = amo.refused_by_limit();
    r.requests = amo.request_times().size();
    r.allowed_seconds = double(r.requests - r.refused) / 7;
    r.peak_per_second = peak_in_one_second(amo.request_times());
    return r;
}

}  // namespace

int main(int argc, char** argv) {
    std::size_t leads = argc > 1 ? std::stoul(argv[1]) : 500;
    std::set<std::string> wanted;
    for (int i = 2; i < argc; ++i) wanted.insert(argv[i]);
    auto want = [&](const std::string& s) { return wanted.empty() || wanted.count(s); };
    std::vector<Result> results;
    if (want("bitrix24")) results.push_back(bitrix24(leads, false));
    if (want("bitrix24x2")) results.push_back(bitrix24(leads, true));
    if (want("amocrm")) results.push_back(amocrm(leads));
    std::printf("%-11s %6s %8s %5s %8s %8s %9s %9s %6s %9s\n", "scenario", "leads", "records", "dup", "refused", "requests",
                "seconds", "allowed", "ratio", "peak/1s");
    bool ok = true;
    for (const auto& r : results) {
        std::printf("%-11s %6zu %8zu %5zu %8zu %8zu %9.1f %9.1f %6.2f %9zu\n", r.name.c_str(), r.leads, r.records, r.duplicates,
                    r.refused, r.requests, r.seconds, r.allowed_seconds,
                    r.allowed_seconds > 0 ? r.seconds / r.allowed_seconds : 0.0, r.peak_per_second);
        ok = ok && r.records == r.leads && r.duplicates == 0 && r.refused == 0;
    }
    return ok ? 0 : 1;
}
