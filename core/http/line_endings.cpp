#include "http/line_endings.hpp"

namespace leadhub::http::detail {

std::size_t bare_line_feeds(std::string_view text) {
    std::size_t n = 0;
    for (std::size_t i = text.find('\n'); i != std::string_view::npos; i = text.find('\n', i + 1))
        if (i == 0 || text[i - 1] != '\r') ++n;
    return n;
}

std::string with_crlf(std::string_view text) {
    std::string out;
    out.reserve(text.size() + bare_line_feeds(text));
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) out += '\r';
        out += text[i];
    }
    return out;
}

}  // namespace leadhub::http::detail
