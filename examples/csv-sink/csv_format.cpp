#include "csv_format.hpp"

namespace csv_sink {

std::string quote_field(std::string_view value, char delimiter) {
    if (value.find_first_of(std::string{delimiter, '"', '\r', '\n'}) == std::string_view::npos) return std::string(value);
    std::string out = "\"";
    for (char c : value) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

std::string guard_formula(std::string_view value) {
    if (value.empty()) return {};
    const char first = value.front();
    bool risky = first == '=' || first == '@' || first == '\t' || first == '\r';
    if (first == '+' || first == '-') {
        // A number or a phone number as people write one: digits, spaces, ( ) - . and nothing else.
        bool has_digit = false, number_like = true;
        for (char c : value.substr(1)) {
            if (c >= '0' && c <= '9') has_digit = true;
            else if (c != ' ' && c != '(' && c != ')' && c != '-' && c != '.') number_like = false;
        }
        risky = !(has_digit && number_like);
    }
    return risky ? "'" + std::string(value) : std::string(value);
}

std::string csv_record(const std::vector<std::string>& fields, char delimiter) {
    std::string out;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i) out += delimiter;
        out += quote_field(fields[i], delimiter);
    }
    out += "\r\n";
    return out;
}

CsvFileState scan_csv(std::string_view contents) {
    if (contents.substr(0, kUtf8Bom.size()) == kUtf8Bom) contents.remove_prefix(kUtf8Bom.size());
    CsvFileState state;
    bool in_quotes = false;
    for (char c : contents) {
        // A doubled quote inside a quoted field toggles twice: still inside, as it should be.
        if (c == '"') in_quotes = !in_quotes;
        else if (c == '\n' && !in_quotes) ++state.records;
    }
    if (!contents.empty() && (contents.back() != '\n' || in_quotes)) {
        ++state.records;
        state.ends_mid_record = true;
        state.unclosed_quote = in_quotes;
    }
    return state;
}

std::string repair_prefix(const CsvFileState& state) {
    if (!state.ends_mid_record) return "";
    return state.unclosed_quote ? "\"\r\n" : "\r\n";
}

}  // namespace csv_sink
