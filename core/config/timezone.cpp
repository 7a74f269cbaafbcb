#include "config/timezone.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace leadhub::config {

namespace {
// A name must stay inside the zoneinfo directory: no absolute paths, no "..".
bool is_safe_zone_name(const std::string& name) {
    if (name.empty() || name.front() == '/' || name.find("..") != std::string::npos) return false;
    for (char c : name) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' ||
                  c == '_' || c == '-' || c == '+';
        if (!ok) return false;
    }
    return true;
}
}  // namespace

bool timezone_exists(const std::string& name) {
    if (!is_safe_zone_name(name)) return false;
    const char* tzdir = std::getenv("TZDIR");
    std::filesystem::path dir = tzdir && *tzdir ? tzdir : "/usr/share/zoneinfo";
    std::filesystem::path file = dir / name;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) return false;
    // Zone files start with the magic "TZif"; this rejects zone.tab, leapseconds and the like.
    std::ifstream in(file, std::ios::binary);
    char magic[4] = {};
    in.read(magic, sizeof magic);
    return in.gcount() == 4 && std::string(magic, 4) == "TZif";
}

}  // namespace leadhub::config
