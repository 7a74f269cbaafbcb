// The hostile-client probe: starts the real hub (web form source, file sink) and measures what
// the faults of issue 11 cost it, as the probe that found them did, over raw sockets:
//   - resident memory under a chunk-extension flood (4 connections, 1 KB of extension per byte);
//   - /healthz and a webhook behind 2,000 idle connections (one address, and spread over 8);
//   - how long 100 half-closed requests a second (FIN and RST) hold descriptors;
//   - the time of a 1 MB multipart post of 24,000 tiny parts, and of a 200 KB JSON post nested
//     100,000 arrays deep (and that the hub is alive after it).
// Baselines measured in the same run: the hub's idle RSS and descriptors, and /healthz and a
// small form post on a quiet hub.
//
// Usage: leadhub_bench_hostile_clients   (run from anywhere; builds nothing, installs nothing)
#include "e2e/e2e_support.hpp"
#include "support/hub_config.hpp"
#include "support/process_figures.hpp"
#include "support/raw_client.hpp"

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <thread>
#include <vector>

using namespace leadhub::testing;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

// One request on a fresh connection from `from`: its status and milliseconds (status 0: none).
std::pair<int, double> timed(uint16_t port, const std::string& request, const std::string& from = "127.0.0.1") {
    auto start = Clock::now();
    try {
        Raw c(port, from);
        c.timeout(30000ms);
        c.send(request);
        int status = c.read().status;
        return {status, ms_since(start)};
    } catch (const std::exception&) {
        return {0, ms_since(start)};
    }
}

std::string hook_post(const std::string& type, const std::string& body) {
    return "POST /hooks/t1/site HTTP/1.1\r\nHost: t\r\nContent-Type: " + type +
           "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

const std::string kHealthz = "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n";
const std::string kForm = hook_post("application/x-www-form-urlencoded", "name=Anna&phone=89131234567&message=manicure");

}  // namespace

int main() {
    rlimit limit{};
    ::getrlimit(RLIMIT_NOFILE, &limit);
    limit.rlim_cur = limit.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &limit);

    TempDir dir("probe");
    int port = free_port();
    auto uport = static_cast<uint16_t>(port);
    std::ostringstream yaml;
    yaml << HubConfigHead(port).yaml() << "    timezone: Europe/Moscow\n"
         << site_webform_source() << "    sinks:\n      - {name: crm, plugin: file, options: {path: \"" << (dir / "crm.jsonl")
         << "\"}}\n"
         << "    routes:\n      - {from: '*', to: [crm]}\n";
    Hub hub(dir, port, yaml.str());
    hub.start();
    if (!hub.wait_ready()) {
        std::fprintf(stderr, "the hub did not start; its log:\n%s\n", hub.log().c_str());
        return 2;
    }
    const int pid = hub.process().pid();
    std::printf("baseline: idle RSS %ld kB, %zu descriptors; /healthz %.2f ms; form post %.2f ms\n",
                status_kb(pid, "VmRSS"), open_descriptors(pid), timed(uport, kHealthz).second, timed(uport, kForm).second);

    {  // chunk extensions
        long before = status_kb(pid, "VmRSS"), peak = before;
        std::vector<std::unique_ptr<Raw>> floods;
        for (int i = 0; i < 4; ++i) {
            floods.push_back(std::make_unique<Raw>(uport));
            floods.back()->send("POST /hooks/t1/site HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n");
        }
        std::string batch;
        for (int i = 0; i < 100; ++i) batch += "1;" + std::string(1000, 'e') + "\r\nx\r\n";
        std::size_t sent = 0;
        std::vector<bool> done(floods.size());
        for (int round = 0; round < 1000; ++round) {
            bool all = true;
            for (std::size_t i = 0; i < floods.size(); ++i) {
                if (done[i]) continue;
                all = false;
                if (!floods[i]->try_send(batch) || floods[i]->socket.poll(Poco::Timespan(0), Poco::Net::Socket::SELECT_READ))
                    done[i] = true;
                else sent += batch.size();
            }
            peak = std::max(peak, status_kb(pid, "VmRSS"));
            if (all) break;
        }
        std::string statuses;
        for (auto& f : floods) statuses += std::to_string(f->read().status) + " ";
        std::printf("chunk-extension flood, 4 connections: answers %s; %.1f MB sent; hub RSS %ld -> peak %ld kB (+%ld kB)\n",
                    statuses.c_str(), double(sent) / 1e6, before, peak, peak - before);
    }

    {  // half-closed requests, 100 a second for 3 s
        std::size_t before = open_descriptors(pid);
        std::size_t most = before;
        double worst_healthz = 0;
        auto start = Clock::now();
        for (int i = 0; i < 300; ++i) {
            Raw c(uport);
            c.send("POST /hooks/t1/site HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\nname=Half");
            if (i % 2) c.socket.setLinger(true, 0);
            else c.socket.shutdownSend();
            c.socket.close();
            most = std::max(most, open_descriptors(pid));
            if (i % 50 == 49) worst_healthz = std::max(worst_healthz, timed(uport, kHealthz).second);
            std::this_thread::sleep_until(start + 10ms * (i + 1));
        }
        auto ended = Clock::now();
        while (open_descriptors(pid) > before + 4 && ms_since(ended) < 30000) std::this_thread::sleep_for(1ms);
        std::printf("half-closed requests, 100/s for 3 s: hub descriptors %zu at rest, %zu at most; back at rest %.1f ms after "
                    "the last; worst /healthz meanwhile %.2f ms\n",
                    before, most, ms_since(ended), worst_healthz);
    }

    for (int addresses : {1, 8}) {  // idle connections
        std::vector<std::unique_ptr<Raw>> idle;
        auto start = Clock::now();
        for (int i = 0; i < 2000; ++i) {
            try {
                idle.push_back(std::make_unique<Raw>(uport, "127.0.1." + std::to_string(1 + i % addresses)));
            } catch (const std::exception&) {
            }
        }
        double opened = ms_since(start);
        std::this_thread::sleep_for(200ms);
        auto h = timed(uport, kHealthz);
        auto w = timed(uport, kForm);
        std::printf("2,000 idle connections from %d address(es) (opened in %.0f ms, hub descriptors %zu): /healthz %d in %.2f ms, "
                    "webhook %d in %.2f ms\n",
                    addresses, opened, open_descriptors(pid), h.first, h.second, w.first, w.second);
    }

    {  // multipart of tiny parts
        std::string boundary = "b";
        std::string body;
        while (body.size() < 1000000) body += "--b\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nx\r\n";
        body += "--b--\r\n";
        std::printf("multipart post of %zu bytes: ", body.size());
        auto [status, ms] = timed(uport, hook_post("multipart/form-data; boundary=b", body));
        std::printf("%d in %.1f ms\n", status, ms);
    }

    {  // deeply nested JSON
        std::string body = "{\"message\":" + std::string(100000, '[') + std::string(100000, ']') + "}";
        auto [status, ms] = timed(uport, hook_post("application/json", body));
        bool alive = hub.process().running();
        std::printf("JSON post nested 100,000 deep (%zu bytes): %d in %.1f ms; hub %s; /healthz %.2f ms\n", body.size(), status, ms,
                    alive ? "alive" : "DEAD", alive ? timed(uport, kHealthz).second : -1.0);
    }
    std::printf("hub peak RSS (VmHWM) %ld kB\n", status_kb(pid, "VmHWM"));
    return 0;
}
