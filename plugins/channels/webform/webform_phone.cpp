#include "webform_phone.hpp"

namespace leadhub::webform {

namespace {
bool is_separator(char c) { return c == ' ' || c == '\t' || c == '(' || c == ')' || c == '-' || c == '.'; }

// No-break spaces (U+00A0, U+202F) appear when numbers are pasted from documents.
bool skip_unicode_space(std::string_view s, std::size_t& i) {
    if (s.substr(i, 2) == "\xC2\xA0") return i += 1, true;
    if (s.substr(i, 3) == "\xE2\x80\xAF") return i += 2, true;
    return false;
}
}  // namespace

std::optional<std::string> normalise_phone(std::string_view raw, std::string_view country) {
    std::string digits;
    bool plus = false;
    for (std::size_t i = 0; i < raw.size(); ++i) {
        char c = raw[i];
        if (c >= '0' && c <= '9') digits += c;
        else if (c == '+' && digits.empty() && !plus) plus = true;
        else if (!is_separator(c) && !skip_unicode_space(raw, i)) return std::nullopt;
    }
    if (plus) {
        if (digits.size() < 8 || digits.size() > 15 || digits[0] == '0') return std::nullopt;
        return "+" + digits;
    }
    if (country != "RU" && country != "KZ") return std::nullopt;
    if (digits.size() == 11 && (digits[0] == '8' || digits[0] == '7')) return "+7" + digits.substr(1);
    if (digits.size() == 10 && digits[0] == '9') return "+7" + digits;
    return std::nullopt;
}

}  // namespace leadhub::webform
