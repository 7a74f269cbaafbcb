// "перенести на следующую неделю", "перенесите на другой день", "перенесём на неделю": a move whose new day is not
// yet chosen. The date and time told before it are the visit being moved, not the new one.
#pragma once

#include <cstddef>
#include <vector>

#include "understand/text.hpp"

namespace leadhub::understand {

// The token index right after such a move ("перенесите … на следующую неделю"); 0 if none.
std::size_t open_move_point(const std::vector<Token>& tokens);

}  // namespace leadhub::understand
