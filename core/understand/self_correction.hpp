// Where a customer takes back what they just said: "к 5.. нет, к 6 вечера", "в пятницу...
// хотя нет, в субботу", "на 20е, ой нет, на 21е". What comes after the correction is meant.
#pragma once

#include <cstddef>
#include <vector>

#include "understand/text.hpp"

namespace leadhub::understand {

// The token index right after the last correction ("хотя нет", "ой нет", or "нет"
// between a punctuation mark and a new choice); 0 when the message corrects nothing.
std::size_t correction_point(const std::vector<Token>& tokens);

}  // namespace leadhub::understand
