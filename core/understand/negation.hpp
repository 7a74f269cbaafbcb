// Whether a word or phrase at tokens [begin, end) is negated: "не маникюр", "без покрытия",
// "перестал болеть", "отменять не надо", "записываться пока не хочет".
#pragma once

#include <cstddef>
#include <vector>

#include "understand/text.hpp"

namespace leadhub::understand {

bool negated_before(const std::vector<Token>& tokens, std::size_t begin);
bool negated_after(const std::vector<Token>& tokens, std::size_t end);
inline bool negated(const std::vector<Token>& tokens, std::size_t begin, std::size_t end) {
    return negated_before(tokens, begin) || negated_after(tokens, end);
}

}  // namespace leadhub::understand
