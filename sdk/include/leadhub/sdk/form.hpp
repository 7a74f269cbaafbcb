// application/x-www-form-urlencoded and query strings, as browsers and form builders send them.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace leadhub::sdk {

// Percent-decoding; '+' is a space when `plus_is_space` (form bodies), kept otherwise (paths).
// A malformed escape ("%G1", a trailing "%") is kept literally rather than rejected.
inline std::string url_decode(std::string_view in, bool plus_is_space = true) {
    auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    std::string out;
    out.reserve(in.size());
    for (std::size_t i = 0; i < in.size(); ++i) {
        char c = in[i];
        if (c == '+' && plus_is_space) {
            out += ' ';
        } else if (c == '%' && i + 2 < in.size() && hex(in[i + 1]) >= 0 && hex(in[i + 2]) >= 0) {
            out += static_cast<char>(hex(in[i + 1]) * 16 + hex(in[i + 2]));
            i += 2;
        } else {
            out += c;
        }
    }
    return out;
}

// Percent-encoding of every byte but RFC 3986's unreserved characters (A-Z a-z 0-9 - _ . ~), for a
// query or form value or a path segment; `space_as_plus`: ' ' becomes '+', as forms write it.
inline std::string url_encode(std::string_view in, bool space_as_plus = false) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    out.reserve(in.size());
    for (unsigned char c : in) {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else if (c == ' ' && space_as_plus) {
            out += '+';
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

// An application/x-www-form-urlencoded body of the pairs, in their order.
inline std::string form_body(const std::vector<std::pair<std::string, std::string>>& fields) {
    std::string out;
    for (const auto& [name, value] : fields) {
        if (!out.empty()) out += '&';
        out += url_encode(name, true) + '=' + url_encode(value, true);
    }
    return out;
}

// Ordered name/value pairs; repeated names are kept in order.
inline std::vector<std::pair<std::string, std::string>> parse_form(std::string_view body) {
    std::vector<std::pair<std::string, std::string>> out;
    std::size_t start = 0;
    while (start <= body.size()) {
        std::size_t end = body.find('&', start);
        if (end == std::string_view::npos) end = body.size();
        std::string_view part = body.substr(start, end - start);
        if (!part.empty()) {
            std::size_t eq = part.find('=');
            if (eq == std::string_view::npos) out.emplace_back(url_decode(part), "");
            else out.emplace_back(url_decode(part.substr(0, eq)), url_decode(part.substr(eq + 1)));
        }
        start = end + 1;
    }
    return out;
}

inline std::string form_value(const std::vector<std::pair<std::string, std::string>>& form, std::string_view name) {
    for (const auto& [k, v] : form)
        if (k == name) return v;
    return {};
}

}  // namespace leadhub::sdk
