// What /proc says of another process (a hub under test): a value of its status in kB (VmRSS,
// VmHWM) and the descriptors it holds. For tests and probes that bound a hub's memory and
// connections from outside.
#pragma once

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <string>

namespace leadhub::testing {

// -1 when the process or the key is not there.
inline long status_kb(int pid, const std::string& key) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(in, line))
        if (line.compare(0, key.size() + 1, key + ":") == 0) return std::stol(line.substr(key.size() + 1));
    return -1;
}

inline std::size_t open_descriptors(int pid) {
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/fd")) ++n;
    return n;
}

}  // namespace leadhub::testing
