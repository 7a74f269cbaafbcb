#include "understand/negation.hpp"

#include <string_view>

namespace leadhub::understand {
bool negated_before(const std::vector<Token>& tokens, std::size_t begin) {
    if (begin == 0 || !tokens[begin - 1].is_word()) return false;
    // "не на маникюр, а на педикюр"
    if (begin >= 2 && tokens[begin - 2].cyr == "не" && one_of(tokens[begin - 1].cyr, {"на", "к", "в", "во"})) return true;
    std::string_view prev = tokens[begin - 1].latin ? tokens[begin - 1].low : tokens[begin - 1].cyr;
    if (one_of(prev, {"не", "без", "кроме", "no", "not", "without"})) return true;
    return prev.starts_with("перестал");
}

bool negated_after(const std::vector<Token>& tokens, std::size_t end) {
    // "X не надо", "X пока не хочу": the negated verb right after or one word later.
    for (std::size_t k = end; k < tokens.size() && k <= end + 1; ++k) {
        if (!tokens[k].is_word()) return false;
        if (tokens[k].cyr != "не" || k + 1 >= tokens.size()) continue;
        return one_of(tokens[k + 1].cyr, {"надо", "нужно", "нужен", "нужна", "нужны", "хочу", "хочет", "хотим",
                                          "хотят", "хотела", "хотел", "буду", "будем", "будет", "получится",
                                          "получается", "стоит", "требуется", "интересует", "делайте", "надо"});
    }
    return false;
}

}  // namespace leadhub::understand
