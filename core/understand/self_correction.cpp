#include "understand/self_correction.hpp"

#include <string_view>

#include "understand/phrase_data.hpp"

namespace leadhub::understand {

std::size_t correction_point(const std::vector<Token>& tokens) {
    static const WordList taken_back_words("correction.before_no"), new_choice_words("correction.new_choice");
    std::size_t point = 0;
    for (std::size_t i = 1; i < tokens.size(); ++i) {
        if (tokens[i].cyr != "нет") continue;
        std::size_t p = i - 1;
        if (tokens[p].text == "," && p > 0) --p;  // "ой, нет"
        std::string_view before = tokens[p].cyr;
        bool taken_back = taken_back_words.contains(before);
        // "к 5.. нет, к 6": "нет" between a punctuation mark and the new choice. "заморозки нет,
        // а…" and "нет, не стрижка" are not corrections: a word or "не" is next to it.
        // "или нет, лучше 16-го": "или" too, when a new choice follows.
        if (!taken_back && (tokens[i - 1].cyr == "или" || (tokens[i - 1].is_punct() && tokens[i - 1].text != ",")) &&
            i + 1 < tokens.size()) {
            std::string_view next = tokens[i + 1].text == "," && i + 2 < tokens.size() ? std::string_view(tokens[i + 2].cyr)
                                                                                        : std::string_view(tokens[i + 1].cyr);
            taken_back = new_choice_words.contains(next);
        }
        if (taken_back) point = i + 1;
    }
    return point;
}

}  // namespace leadhub::understand
