#include "ru_phone.hpp"

namespace leadhub::sms {

std::string normalize_ru_mobile(std::string_view text, std::string& problem) {
    std::string digits;
    bool plus = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c >= '0' && c <= '9') digits += c;
        else if (c == '+' && digits.empty() && !plus) plus = true;
        else if (c == ' ' || c == '-' || c == '(' || c == ')' || c == '.' || c == '\t') continue;
        else {
            problem = "в номере есть лишние знаки";
            return {};
        }
        if (digits.size() > 15) break;  // longer than any E.164 number: no need to read on
    }
    if (digits.empty()) {
        problem = "номер пустой";
        return {};
    }
    if (plus) {
        if (digits[0] != '7') {
            problem = "не российский номер (код страны не +7)";
            return {};
        }
    } else if (digits.size() == 11 && digits[0] == '8') {
        digits[0] = '7';  // the trunk prefix: 8 916 … is +7 916 …
    } else if (digits.size() == 10) {
        digits.insert(digits.begin(), '7');
    }
    if (digits.size() != 11 || digits[0] != '7') {
        problem = "в российском номере 11 цифр: +7 и ещё десять";
        return {};
    }
    // +7 is shared with Kazakhstan (+76…, +77…); Russian mobile numbers are +79…, and SMS goes
    // to mobiles only.
    if (digits[1] != '9') {
        problem = digits[1] == '6' || digits[1] == '7' ? "номер Казахстана, а не России" : "не мобильный номер (российские мобильные начинаются с +79)";
        return {};
    }
    problem.clear();
    return digits;
}

}  // namespace leadhub::sms
