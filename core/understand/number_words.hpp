// Numbers written as Russian words, in the forms dates and times use: "через два дня",
// "к десяти", "в половине седьмого", "пятнадцатого".
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "understand/text.hpp"

namespace leadhub::understand {

// A cardinal 1..12 (or "пару" = 2) in any case: "три", "трёх", "десяти", "двум".
std::optional<int> cardinal_word(const Token& token);

// An ordinal 1..31 read from tokens[i] (and tokens[i+1] for "двадцать первого"): "третьего",
// "пятнадцатое", "седьмого". `used` gets the number of tokens read.
std::optional<int> ordinal_words(const std::vector<Token>& tokens, std::size_t i, std::size_t& used);

}  // namespace leadhub::understand

namespace leadhub::understand {
// The value of a single ordinal word 1..31 ("седьмого" -> 7), or nullopt.
std::optional<int> ordinal_value(std::string_view folded_word);
}  // namespace leadhub::understand
