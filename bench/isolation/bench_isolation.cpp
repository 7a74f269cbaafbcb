// What `isolation: process` costs per delivery: the file sink of this repo (fsync off) driven directly
// (no store, no dispatcher) in-process and through a leadhub-plugin-host child, alternating, in
// one run, so the ratio is read on the same machine state.
//
//   leadhub_bench_isolation [DELIVERIES] [THREADS]
//
// DELIVERIES per round (default 20000) from THREADS callers at once (default 4, like a sink's
// concurrency). Finds leadhub-plugin-host and leadhub-file.so relative to its own binary
// (bin/ and lib/leadhub/plugins/ of the build tree). Prints, per round and mode, deliveries per
// second, p50/p99 latency of one deliver call, and CPU time per delivery of the hub process and
// of the plugin host.
#include "host/instance_services.hpp"
#include "host/plugin_instance.hpp"
#include "host/plugin_library.hpp"
#include "isolation/plugin_host_protocol.hpp"
#include "isolation/process_instance.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <sstream>
#include <sys/resource.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace leadhub;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

double cpu_seconds_self() {
    rusage u{};
    ::getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// utime + stime of another process, from /proc (0 when it cannot be read).
double cpu_seconds_of(pid_t pid) {
    if (pid <= 0) return 0;
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto close = s.rfind(')');
    if (close == std::string::npos) return 0;
    std::istringstream rest(s.substr(close + 2));
    std::string field;
    double utime = 0, stime = 0;
    for (int i = 3; i <= 15 && rest >> field; ++i) {
        if (i == 14) utime = std::stod(field);
        if (i == 15) stime = std::stod(field);
    }
    return (utime + stime) / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

json delivery(int64_t n) {
    return {{"job_id", n},
            {"idempotency_key", "bench-" + std::to_string(n)},
            {"attempt", 1},
            {"kind", "lead"},
            {"tenant", "bench"},
            {"sink", "file"},
            {"lead",
             {{"id", n},
              {"channel", "webform"},
              {"name", "Анна"},
              {"phone", "+79131234567"},
              {"text", "Здравствуйте! Хочу записаться на маникюр завтра в 10:00, если есть время"},
              {"service", "manicure"},
              {"score", 70}}}};
}

struct Result {
    double per_second = 0, p50_us = 0, p99_us = 0, hub_cpu_us = 0, host_cpu_us = 0;
};

Result run(host::Instance& instance, pid_t host_pid, int deliveries, int threads) {
    for (int i = 0; i < 200; ++i) instance.deliver(delivery(-i));  // warm-up
    std::vector<std::vector<double>> latencies(static_cast<std::size_t>(threads));
    const double hub_cpu = cpu_seconds_self(), host_cpu = cpu_seconds_of(host_pid);
    const auto start = std::chrono::steady_clock::now();
    std::vector<std::thread> callers;
    int failed = 0;
    std::mutex failed_mutex;
    for (int t = 0; t < threads; ++t)
        callers.emplace_back([&, t] {
            auto& mine = latencies[static_cast<std::size_t>(t)];
            for (int i = t; i < deliveries; i += threads) {
                auto before = std::chrono::steady_clock::now();
                auto outcome = instance.deliver(delivery(i));
                mine.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - before).count());
                if (outcome.kind != sdk::Outcome::Kind::ok) {
                    std::lock_guard lock(failed_mutex);
                    if (++failed == 1) std::cerr << "delivery failed: " << outcome.reason << "\n";
                }
            }
        });
    for (auto& c : callers) c.join();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (failed) throw std::runtime_error(std::to_string(failed) + " deliveries failed");
    std::vector<double> all;
    for (auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
    std::sort(all.begin(), all.end());
    Result r;
    r.per_second = deliveries / seconds;
    r.p50_us = all[all.size() / 2];
    r.p99_us = all[all.size() * 99 / 100];
    r.hub_cpu_us = (cpu_seconds_self() - hub_cpu) * 1e6 / deliveries;
    r.host_cpu_us = (cpu_seconds_of(host_pid) - host_cpu) * 1e6 / deliveries;
    return r;
}

void print(const char* mode, int round, const Result& r) {
    std::printf("%-11s %5d %14.0f %9.1f %9.1f %12.1f %13.1f\n", mode, round, r.per_second, r.p50_us, r.p99_us,
                r.hub_cpu_us, r.host_cpu_us);
}

}  // namespace

int main(int argc, char** argv) {
    try {
        const int deliveries = argc > 1 ? std::max(1000, std::stoi(argv[1])) : 20000;
        const int threads = argc > 2 ? std::max(1, std::stoi(argv[2])) : 4;
        const fs::path bin = fs::read_symlink("/proc/self/exe").parent_path();
        const fs::path plugin = bin.parent_path() / "lib" / "leadhub" / "plugins" / "leadhub-file.so";
        const fs::path scratch = fs::temp_directory_path() / ("leadhub-bench-isolation-" + std::to_string(::getpid()));
        fs::create_directories(scratch);

        auto loaded = host::PluginLibrary::load(plugin, scratch / "shadow");
        if (!loaded) throw std::runtime_error(loaded.error);
        // fsync off: the page-cache write is small next to the boundary, so the cost of isolation shows.
        const json options = {{"path", (scratch / "leads.jsonl").string()}, {"fsync", false}};
        auto services = std::make_shared<host::DefaultServices>([](lh_log_level, const std::string&) {});

        auto in_process = host::PluginInstance::create(loaded.library, "bench", "file", options, services);
        if (!in_process) throw std::runtime_error(in_process.error);
        if (auto e = in_process.instance->start(); !e.empty()) throw std::runtime_error(e);

        isolation::ProcessSettings settings;
        settings.program = bin / isolation::kPluginHostProgram;
        auto isolated = isolation::ProcessInstance::create(loaded.library, "bench", "file", options, services, settings);
        if (!isolated.instance) throw std::runtime_error(isolated.error);
        if (auto e = isolated.instance->start(); !e.empty()) throw std::runtime_error(e);

        std::printf("file sink, %d deliveries per round, %d calling threads\n", deliveries, threads);
        std::printf("%-11s %5s %14s %9s %9s %12s %13s\n", "mode", "round", "deliveries/s", "p50 µs", "p99 µs",
                    "hub CPU µs", "host CPU µs");
        Result best_in, best_out;
        for (int round = 1; round <= 3; ++round) {
            Result a = run(*in_process.instance, -1, deliveries, threads);
            print("in_process", round, a);
            Result b = run(*isolated.instance, isolated.instance->pid(), deliveries, threads);
            print("process", round, b);
            if (a.per_second > best_in.per_second) best_in = a;
            if (b.per_second > best_out.per_second) best_out = b;
        }
        std::printf("\nbest rounds: process / in_process throughput = %.2f; p50 +%.1f µs per delivery; "
                    "CPU per delivery %.1f µs (hub + host) vs %.1f µs\n",
                    best_out.per_second / best_in.per_second, best_out.p50_us - best_in.p50_us,
                    best_out.hub_cpu_us + best_out.host_cpu_us, best_in.hub_cpu_us);
        in_process.instance.reset();
        isolated.instance.reset();
        std::error_code ignored;
        fs::remove_all(scratch, ignored);
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "leadhub_bench_isolation: " << e.what() << "\n";
        return 1;
    }
}
