// Text from outside made safe to quote in a log line or an answer: control characters become
// visible escapes, so a field name with a newline cannot write a line that reads like a genuine
// log record (a log injection), and a terminal that shows the log runs no escape sequence.
//
// Contract: printable ASCII and every well-formed non-control UTF-8 sequence pass unchanged.
// C0 controls and DEL become "\n", "\r", "\t" or "\xNN"; a backslash stays a backslash (the
// escapes are for a human reader, not a round trip). C1 controls (U+0080..U+009F) and the Unicode
// line and paragraph separators (U+2028, U+2029), which some viewers also break lines at, become
// "\u0085" style escapes. Bytes that are not UTF-8 pass unchanged: they are not line breaks.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

namespace leadhub::sdk {

inline std::string escape_control(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    auto hex = [&out](const char* format, unsigned value) {
        char buf[8];
        std::snprintf(buf, sizeof buf, format, value);
        out += buf;
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (c == '\n') out += "\\n";
        else if (c == '\r') out += "\\r";
        else if (c == '\t') out += "\\t";
        else if (c < 0x20 || c == 0x7f) hex("\\x%02x", c);
        else if (c == 0xc2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
                 static_cast<unsigned char>(text[i + 1]) <= 0x9f) {
            hex("\\u%04x", static_cast<unsigned char>(text[++i]));
        } else if (c == 0xe2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
                   (static_cast<unsigned char>(text[i + 2]) == 0xa8 || static_cast<unsigned char>(text[i + 2]) == 0xa9)) {
            hex("\\u%04x", 0x2000u + (static_cast<unsigned char>(text[i + 2]) - 0x80u));
            i += 2;
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

// True when escape_control would change nothing (the common case: no copy needed).
inline bool is_safe_text(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (c < 0x20 || c == 0x7f) return false;
        if (c == 0xc2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) <= 0x9f &&
            static_cast<unsigned char>(text[i + 1]) >= 0x80)
            return false;
        if (c == 0xe2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
            (static_cast<unsigned char>(text[i + 2]) == 0xa8 || static_cast<unsigned char>(text[i + 2]) == 0xa9))
            return false;
    }
    return true;
}

}  // namespace leadhub::sdk
