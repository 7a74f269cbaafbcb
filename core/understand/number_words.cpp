#include "understand/number_words.hpp"

#include <string_view>

#include "understand/phrase_data.hpp"

namespace leadhub::understand {
namespace {

// phrases/numbers.txt
struct NumberWords {
    WordList cardinals{"number.cardinals"}, ordinal_stems{"number.ordinal_stems"}, ordinal_endings{"number.ordinal_endings"};
};

const NumberWords& number_words() {
    static const NumberWords lists;
    return lists;
}

// An ordinal 1..31 in one word: an ordinal ending ("-ого", "-ое", "-ому" …) on the longest stem.
std::optional<int> single_ordinal(std::string_view w) {
    if (!number_words().ordinal_endings.has_ending(w, 1)) return std::nullopt;
    return number_words().ordinal_stems.longest_prefix_value(w);
}

}  // namespace

std::optional<int> cardinal_word(const Token& token) {
    if (!token.is_word()) return std::nullopt;
    return number_words().cardinals.value_of(token.cyr);
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
