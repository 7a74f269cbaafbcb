// ASCII-only text helpers the hub and the plugins share: protocol tokens (header names, media
// types, URL schemes) and values typed into forms. Bytes outside ASCII (UTF-8 Cyrillic) are
// left as they are.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>

namespace leadhub::sdk {

// `s` without the spaces, tabs, carriage returns and line feeds at either end.
inline std::string_view trim(std::string_view s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

// `s` with its ASCII letters in lower case.
inline std::string ascii_lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; });
    return out;
}

}  // namespace leadhub::sdk
