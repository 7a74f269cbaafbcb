#include "{{identifier}}_processor.hpp"

#include <algorithm>

namespace {{identifier}}_plugin {

namespace {

constexpr std::size_t kMinDigits = 10;
constexpr std::size_t kMaxDigits = 15;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

void add_unique(std::vector<std::string>& list, std::string value) {
    if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(std::move(value));
}

// E.164 for one run of digits, or "" when it is no phone number.
std::string to_e164(const std::string& digits, bool had_plus, const std::string& country_code) {
    if (digits.size() < kMinDigits || digits.size() > kMaxDigits) return "";
    if (had_plus) return "+" + digits;
    if (digits.size() == 11 && digits[0] == '8') return "+" + country_code + digits.substr(1);
    if (digits.size() == 10) return "+" + country_code + digits;
    if (digits.compare(0, country_code.size(), country_code) == 0) return "+" + digits;
    return "";
}

}  // namespace

std::string lower_case(const std::string& utf8) {
    std::string out = utf8;
    for (std::size_t i = 0; i < out.size(); ++i) {
        auto b = static_cast<unsigned char>(out[i]);
        if (b >= 'A' && b <= 'Z') out[i] = static_cast<char>(b + 32);
        if (b != 0xD0 || i + 1 >= out.size()) continue;
        auto next = static_cast<unsigned char>(out[i + 1]);
        if (next >= 0x90 && next <= 0x9F) {  // А-П -> а-п
            out[i + 1] = static_cast<char>(next + 0x20);
        } else if (next >= 0xA0 && next <= 0xAF) {  // Р-Я -> р-я
            out[i] = static_cast<char>(0xD1);
            out[i + 1] = static_cast<char>(next - 0x20);
        } else if (next == 0x81) {  // Ё -> ё
            out[i] = static_cast<char>(0xD1);
            out[i + 1] = static_cast<char>(0x91);
        }
        ++i;
    }
    return out;
}

std::vector<std::string> find_phones(const std::string& text, const std::string& country_code) {
    std::vector<std::string> phones;
    std::size_t i = 0;
    while (i < text.size()) {
        if (!is_digit(text[i])) {
            ++i;
            continue;
        }
        const bool had_plus = i > 0 && text[i - 1] == '+';
        std::string digits;
        std::size_t j = i;
        while (j < text.size() && (is_digit(text[j]) || text[j] == ' ' || text[j] == '-' || text[j] == '(' || text[j] == ')')) {
            if (is_digit(text[j])) digits += text[j];
            ++j;
        }
        if (std::string phone = to_e164(digits, had_plus, country_code); !phone.empty()) add_unique(phones, phone);
        i = j;
    }
    return phones;
}

{{class}}Processor::{{class}}Processor(const leadhub::sdk::Context& ctx) : Processor(ctx), options_(read_options(ctx.options)) {}

leadhub::sdk::ReadingResult {{class}}Processor::read(const leadhub::sdk::ReadingRequest& request) {
    leadhub::sdk::Reading reading = request.baseline.value_or(leadhub::sdk::Reading{});
    reading.backend = "{{name}}";
    const auto phones = find_phones(request.text, options_.country_code);
    if (!phones.empty()) reading.phone = phones.front();
    if (phones.size() > 1) reading.warnings.push_back("more than one phone number; kept the first");
    const std::string lowered = lower_case(request.text);
    for (const auto& word : options_.urgent_words)
        if (lowered.find(word) != std::string::npos) reading.urgent = true;
    return leadhub::sdk::ReadingResult::ok(reading);
}

}  // namespace {{identifier}}_plugin
