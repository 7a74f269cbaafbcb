#include "mango_phone.hpp"

#include <leadhub/sdk/ascii_text.hpp>

namespace leadhub::mango {

CallerNumber read_caller_number(std::string_view raw) {
    raw = sdk::trim(raw);
    bool plus = !raw.empty() && raw.front() == '+';
    if (plus) raw.remove_prefix(1);
    std::string digits;
    bool other = false;
    for (char c : raw) {
        if (c >= '0' && c <= '9') digits += c;
        else if (c != ' ' && c != '-' && c != '(' && c != ')' && c != '.') other = true;
    }
    CallerNumber out;
    // "anonymous", "Unknown", "", "0", "000": nothing to call back.
    if (digits.find_first_not_of('0') == std::string::npos) {
        out.hidden = true;
        return out;
    }
    if (other) return out;
    const std::size_t n = digits.size();
    if (plus) {
        if (n >= 8 && n <= 15) out.e164 = "+" + digits;
    } else if (n == 11 && (digits[0] == '8' || digits[0] == '7')) {
        out.e164 = "+7" + digits.substr(1);
    } else if (n == 10 && digits[0] == '9') {
        out.e164 = "+7" + digits;
    } else if (n >= 11 && n <= 15 && digits[0] != '0') {
        out.e164 = "+" + digits;
    }
    return out;
}

}  // namespace leadhub::mango
