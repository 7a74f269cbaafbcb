// A caller's number as a telephony provider reports it (Zadarma, Mango Office, ...), read into
// E.164 by the hub's conventions for calls. Shared by the telephony plugins.
#pragma once

#include <leadhub/sdk/ascii_text.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace leadhub::sdk {

struct CallerNumber {
    std::optional<std::string> e164;  // set when the number could be read
    bool hidden = false;              // the caller withheld it: empty, "anonymous", all zeros
};

// 8XXXXXXXXXX and 7XXXXXXXXXX -> +7XXXXXXXXXX; 10 digits starting with 9 -> +7...; +... kept
// (digits only, 8 to 15 of them); any other 11 to 15 digits -> "+" in front, since PBXs write
// numbers in international format without the plus. Spaces, dashes, dots and brackets are
// ignored. Shorter numbers (an extension) and text with other characters (a SIP URI) are neither
// read nor hidden: e164 stays empty and the raw value is kept by the caller.
inline CallerNumber read_caller_number(std::string_view raw) {
    raw = trim(raw);
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

}  // namespace leadhub::sdk
