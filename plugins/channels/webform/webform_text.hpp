// Small text helpers the webform plugin's files share.
#pragma once

#include <leadhub/sdk/ascii_text.hpp>

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

namespace leadhub::webform {

// Header names, media types, charsets and field-name aliases compare in ASCII lower case (the
// SDK's, shared with the hub).
using sdk::ascii_lower;

// Drops the C0 control characters other than tab, line feed and carriage return, and DEL, from
// text a customer sent. A browser never puts them in a form; a NUL stored in a lead cuts the text
// short in every tool that reads it as a C string, and an escape sequence reaches a terminal that
// shows it. What a mature tool does with them too: strip them, rather than replace them with a
// visible character that the customer never typed.
inline void drop_control_characters(std::string& text) {
    auto control = [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return (byte < 0x20 && c != '\t' && c != '\n' && c != '\r') || byte == 0x7f;
    };
    text.erase(std::remove_if(text.begin(), text.end(), control), text.end());
}

}  // namespace leadhub::webform
