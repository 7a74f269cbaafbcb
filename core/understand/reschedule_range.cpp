#include "understand/reschedule_range.hpp"

#include <string_view>

#include "understand/phrase_data.hpp"

namespace leadhub::understand {
namespace {

// phrases/moves.txt
struct MoveWords {
    WordList verbs{"move.verbs"}, by_a_week{"move.by_a_week"}, other{"move.other"}, other_what{"move.other_what"};
};

const MoveWords& move_words() {
    static const MoveWords lists;
    return lists;
}

}  // namespace

std::size_t open_move_point(const std::vector<Token>& tokens) {
    const std::size_t n = tokens.size();
    std::size_t point = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (!tokens[i].is_word() || !move_words().verbs.contains(tokens[i].cyr)) continue;
        // "перенесите, пожалуйста, на следующую неделю": up to five tokens between.
        for (std::size_t k = i + 1; k + 1 < n && k < i + 7; ++k) {
            if (tokens[k].cyr != "на") continue;
            std::string_view a = tokens[k + 1].cyr;
            std::string_view b = k + 2 < n ? std::string_view(tokens[k + 2].cyr) : std::string_view();
            // "на неделю", "на недельку": by a week, from a visit whose day may not be told.
            bool open = (a.starts_with("следующ") && b.starts_with("недел")) || move_words().by_a_week.contains(a) ||
                        (move_words().other.contains(a) && move_words().other_what.contains(b));
            if (open) point = k + 3;
            break;
        }
    }
    return point;
}

}  // namespace leadhub::understand
