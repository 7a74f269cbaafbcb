#include "utf8_chunks.hpp"

namespace leadhub::meta {

namespace {
bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }
}  // namespace

std::string utf8_prefix(std::string_view text, std::size_t max_bytes) {
    if (text.size() <= max_bytes) return std::string(text);
    std::size_t cut = max_bytes;
    while (cut > 0 && is_continuation(text[cut])) --cut;
    return std::string(text.substr(0, cut));
}

std::vector<std::string> utf8_chunks(std::string_view text, std::size_t max_bytes) {
    std::vector<std::string> out;
    if (max_bytes < 4) max_bytes = 4;  // room for any one character
    while (text.size() > max_bytes) {
        std::size_t cut = max_bytes;
        while (cut > 0 && is_continuation(text[cut])) --cut;
        // Prefer the last line break, else the last space, in the second half of the piece, so
        // words stay whole without making tiny pieces.
        std::size_t soft = text.substr(0, cut).rfind('\n');
        if (soft == std::string_view::npos || soft < cut / 2) soft = text.substr(0, cut).rfind(' ');
        if (soft != std::string_view::npos && soft >= cut / 2) cut = soft + 1;
        out.emplace_back(text.substr(0, cut));
        text.remove_prefix(cut);
    }
    out.emplace_back(text);
    return out;
}

std::size_t utf8_length(std::string_view text) {
    std::size_t n = 0;
    for (char c : text)
        if (!is_continuation(c)) ++n;
    return n;
}

std::string utf8_first_chars(std::string_view text, std::size_t max_chars) {
    std::size_t chars = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (!is_continuation(text[i])) {
            if (chars == max_chars) return std::string(text.substr(0, i));
            ++chars;
        }
    }
    return std::string(text);
}

}  // namespace leadhub::meta
