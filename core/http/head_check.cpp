#include "http/head_check.hpp"

#include <leadhub/sdk/safe_text.hpp>

namespace leadhub::http::detail {

namespace {

// A name quoted in a reason: escaped (it is the client's bytes) and cut to a readable length.
std::string quoted(std::string_view name) {
    constexpr std::size_t kMax = 64;
    std::string out = sdk::escape_control(name.substr(0, kMax));
    if (name.size() > kMax) out += "...";
    return "'" + out + "'";
}

// Control characters other than tab are not field content (RFC 9110 §5.5); a bare CR is refused
// rather than read as a line end or a space (RFC 9112 §2.2 allows either, which is the problem).
bool has_control(std::string_view line) {
    for (unsigned char c : line)
        if ((c < 0x20 && c != '\t') || c == 0x7f) return true;
    return false;
}

}  // namespace

bool is_token(std::string_view s) {
    if (s.empty()) return false;
    for (unsigned char c : s)
        if (c <= 32 || c >= 127 || std::string_view("()<>@,;:\\\"/[]?={}").find(char(c)) != std::string_view::npos)
            return false;
    return true;
}

std::string check_head(std::string_view head) {
    bool first = true;
    while (!head.empty()) {
        std::size_t nl = head.find('\n');
        std::string_view line = head.substr(0, nl);
        head = nl == std::string_view::npos ? std::string_view() : head.substr(nl + 1);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (first) {
            first = false;
            if (has_control(line)) return "malformed request line: a control character in it";
            continue;
        }
        if (line.empty()) return "malformed headers: an empty line inside the header block";
        if (line.front() == ' ' || line.front() == '\t')
            return "malformed headers: obsolete line folding (a header line starting with whitespace) is not accepted";
        std::size_t colon = line.find(':');
        if (colon == std::string_view::npos)
            return "malformed headers: a header line without a colon: " + quoted(line);
        std::string_view name = line.substr(0, colon);
        if (!name.empty() && (name.back() == ' ' || name.back() == '\t')) {
            std::string_view bare = name;
            while (!bare.empty() && (bare.back() == ' ' || bare.back() == '\t')) bare.remove_suffix(1);
            return "malformed headers: whitespace between the header name " + quoted(bare) + " and its colon";
        }
        if (!is_token(name)) return "malformed headers: invalid header name " + quoted(name);
        if (has_control(line.substr(colon + 1)))
            return "malformed headers: a control character in the value of " + quoted(name);
    }
    return {};
}

}  // namespace leadhub::http::detail
