// The webform fuzz targets read their input as "<first line>\n<rest>": the first line is a
// header value (a Content-Type, a boundary, a charset), the rest the body. Seed files are written
// the same way, so a person can read and edit them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>

namespace leadhub::webform::fuzz {

inline std::pair<std::string_view, std::string_view> split_first_line(const std::uint8_t* data, std::size_t size) {
    std::string_view all(reinterpret_cast<const char*>(data), size);
    std::size_t nl = all.find('\n');
    if (nl == std::string_view::npos) return {all, {}};
    return {all.substr(0, nl), all.substr(nl + 1)};
}

}  // namespace leadhub::webform::fuzz
