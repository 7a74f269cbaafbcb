// Small text helpers the webform plugin's files share.
#pragma once

#include <cctype>
#include <string>
#include <string_view>

namespace leadhub::webform {

// `s` with its ASCII letters in lower case; other bytes (UTF-8 Cyrillic) are left as they are.
// Header names, media types, charsets and field-name aliases compare this way.
inline std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

}  // namespace leadhub::webform
