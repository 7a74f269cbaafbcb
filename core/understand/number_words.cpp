#include "understand/number_words.hpp"

#include <array>
#include <string_view>

namespace leadhub::understand {
namespace {

struct Form {
    std::string_view text;
    int value;
};

// Exact cardinal forms in the cases dates and times use ("к десяти", "через пару дней").
constexpr std::array<Form, 33> kCardinals{{
    {"один", 1},     {"одну", 1},     {"одного", 1},    {"час", 1},      {"два", 2},
    {"две", 2},      {"двух", 2},     {"двум", 2},      {"пару", 2},     {"пара", 2},
    {"три", 3},      {"трех", 3},     {"трем", 3},      {"четыре", 4},   {"четырех", 4},
    {"четырем", 4},  {"пять", 5},     {"пяти", 5},      {"шесть", 6},    {"шести", 6},
    {"семь", 7},     {"семи", 7},     {"восемь", 8},    {"восьми", 8},   {"девять", 9},
    {"девяти", 9},   {"десять", 10},  {"десяти", 10},   {"одиннадцать", 11}, {"одиннадцати", 11},
    {"двенадцать", 12}, {"двенадцати", 12}, {"полдень", 12},
}};

constexpr std::array<Form, 20> kOrdinalStems{{
    {"перв", 1},       {"втор", 2},        {"трет", 3},         {"четверт", 4},     {"пят", 5},
    {"шест", 6},       {"седьм", 7},       {"восьм", 8},        {"девят", 9},       {"десят", 10},
    {"одиннадцат", 11}, {"двенадцат", 12}, {"тринадцат", 13},   {"четырнадцат", 14}, {"пятнадцат", 15},
    {"шестнадцат", 16}, {"семнадцат", 17}, {"восемнадцат", 18}, {"девятнадцат", 19}, {"двадцат", 20},
}};


// Ordinal endings in the cases a date takes: -ого/-его (genitive), -ое/-ье (nominative), -ому.
bool has_ordinal_ending(std::string_view w) {
    for (std::string_view e : {"ого", "его", "ое", "ье", "ье", "ому", "ему", "ий", "ый", "ой", "ая", "ую"})
        if (w.size() > e.size() && w.substr(w.size() - e.size()) == e) return true;
    return false;
}

std::optional<int> single_ordinal(std::string_view w) {
    if (!has_ordinal_ending(w)) return std::nullopt;
    std::optional<int> best;
    std::size_t best_len = 0;
    for (const Form& f : kOrdinalStems) {
        if (w.starts_with(f.text) && f.text.size() > best_len) {
            best = f.value;
            best_len = f.text.size();
        }
    }
    if (w.starts_with("тридцат")) best = 30;
    return best;
}

}  // namespace

std::optional<int> cardinal_word(const Token& token) {
    if (!token.is_word()) return std::nullopt;
    for (const Form& f : kCardinals)
        if (token.cyr == f.text) return f.value;
    return std::nullopt;
}

std::optional<int> ordinal_words(const std::vector<Token>& tokens, std::size_t i, std::size_t& used) {
    if (i >= tokens.size() || !tokens[i].is_word()) return std::nullopt;
    std::string_view w = tokens[i].cyr;
    int tens = w.starts_with("двадцать") ? 20 : w.starts_with("тридцать") ? 30 : 0;
    if (tens > 0 && w.size() == std::string_view("двадцать").size() && i + 1 < tokens.size()) {
        if (auto unit = single_ordinal(tokens[i + 1].cyr); unit && *unit < 10) {
            used = 2;
            return tens + *unit;
        }
        return std::nullopt;
    }
    auto value = single_ordinal(w);
    if (value) used = 1;
    return value;
}

}  // namespace leadhub::understand

namespace leadhub::understand {
std::optional<int> ordinal_value(std::string_view folded_word) { return single_ordinal(folded_word); }
}  // namespace leadhub::understand
