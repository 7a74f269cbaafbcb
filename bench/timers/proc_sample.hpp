// What /proc says of a running hub, for the timer benchmark's "at rest" figures: resident memory,
// CPU time and wake-ups (context switches summed over its threads).
#pragma once

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

namespace leadhub::bench {

struct ProcSample {
    long rss_kb = 0, hwm_kb = 0, anon_kb = 0, file_kb = 0;
    long long cpu_ticks = 0;          // utime + stime of the whole process
    long long context_switches = 0;   // voluntary + involuntary, every thread: how often it woke
    int threads = 0;
};

inline long status_value(const std::string& path, const std::string& key) {
    std::ifstream in(path);
    for (std::string line; std::getline(in, line);)
        if (line.compare(0, key.size() + 1, key + ":") == 0) return std::stol(line.substr(key.size() + 1));
    return 0;
}

// CPU ticks (utime + stime) of one /proc stat file.
inline long long stat_ticks(const std::string& stat_path) {
    std::ifstream stat(stat_path);
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    if (text.empty()) return 0;
    std::istringstream fields(text.substr(text.rfind(')') + 2));
    std::string field;
    long long ticks = 0;
    for (int i = 3; fields >> field && i <= 15; ++i)  // field 3 is the state; 14 utime, 15 stime
        if (i >= 14) ticks += std::stoll(field);
    return ticks;
}

// CPU ticks per thread name (lh-timers, lh-writer, ...) of the threads alive now.
inline std::map<std::string, long long> thread_ticks(int pid) {
    std::map<std::string, long long> out;
    std::error_code ec;
    for (const auto& task : std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/task", ec)) {
        std::ifstream comm(task.path() / "comm");
        std::string name;
        std::getline(comm, name);
        out[name] += stat_ticks((task.path() / "stat").string());
    }
    return out;
}

inline ProcSample sample_process(int pid) {
    const std::string dir = "/proc/" + std::to_string(pid);
    ProcSample s;
    s.rss_kb = status_value(dir + "/status", "VmRSS");
    s.hwm_kb = status_value(dir + "/status", "VmHWM");
    s.anon_kb = status_value(dir + "/status", "RssAnon");
    s.file_kb = status_value(dir + "/status", "RssFile");
    s.threads = static_cast<int>(status_value(dir + "/status", "Threads"));
    // /proc/PID/stat: the command may hold spaces, so the fields are read after the last ')'.
    s.cpu_ticks = stat_ticks(dir + "/stat");
    std::error_code ec;
    for (const auto& task : std::filesystem::directory_iterator(dir + "/task", ec)) {
        const std::string status = task.path().string() + "/status";
        s.context_switches += status_value(status, "voluntary_ctxt_switches") + status_value(status, "nonvoluntary_ctxt_switches");
    }
    return s;
}

}  // namespace leadhub::bench
