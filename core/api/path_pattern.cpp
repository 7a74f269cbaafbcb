#include "api/path_pattern.hpp"

#include <string_view>

namespace leadhub::app {

namespace {
std::vector<std::string_view> segments(std::string_view path) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    while (start <= path.size()) {
        std::size_t slash = path.find('/', start);
        if (slash == std::string_view::npos) slash = path.size();
        out.push_back(path.substr(start, slash - start));
        start = slash + 1;
    }
    return out;
}
}  // namespace

std::optional<std::vector<std::string>> match_path(const std::string& pattern, const std::string& path) {
    auto want = segments(pattern);
    auto have = segments(path);
    if (want.size() != have.size()) return std::nullopt;
    std::vector<std::string> ids;
    for (std::size_t i = 0; i < want.size(); ++i) {
        if (want[i] == "{id}") {
            if (have[i].empty()) return std::nullopt;
            ids.emplace_back(have[i]);
        } else if (want[i] != have[i]) {
            return std::nullopt;
        }
    }
    return ids;
}

std::optional<int64_t> parse_id(const std::string& segment) {
    if (segment.empty() || segment.size() > 18) return std::nullopt;
    int64_t value = 0;
    for (char c : segment) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

}  // namespace leadhub::app
