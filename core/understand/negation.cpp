#include "understand/negation.hpp"

#include <string_view>

#include "understand/phrase_data.hpp"

namespace leadhub::understand {
namespace {

// phrases/negation.txt
struct NegationWords {
    WordList before{"negation.before"}, prepositions{"negation.prepositions"}, after_verbs{"negation.after_verbs"};
};

const NegationWords& negation_words() {
    static const NegationWords lists;
    return lists;
}

}  // namespace

bool negated_before(const std::vector<Token>& tokens, std::size_t begin) {
    if (begin == 0 || !tokens[begin - 1].is_word()) return false;
    // "не на маникюр, а на педикюр"
    if (begin >= 2 && tokens[begin - 2].cyr == "не" && negation_words().prepositions.contains(tokens[begin - 1].cyr)) return true;
    std::string_view prev = tokens[begin - 1].latin ? tokens[begin - 1].low : tokens[begin - 1].cyr;
    return negation_words().before.contains(prev);
}

bool negated_after(const std::vector<Token>& tokens, std::size_t end) {
    // "X не надо", "X пока не хочу": the negated verb right after or one word later.
    for (std::size_t k = end; k < tokens.size() && k <= end + 1; ++k) {
        if (!tokens[k].is_word()) return false;
        if (tokens[k].cyr != "не" || k + 1 >= tokens.size()) continue;
        return negation_words().after_verbs.contains(tokens[k + 1].cyr);
    }
    return false;
}

}  // namespace leadhub::understand
