#include "understand/reschedule_range.hpp"

#include <string_view>

namespace leadhub::understand {
namespace {

bool is_move_verb(std::string_view w) {
    return w.starts_with("перенес") || w.starts_with("перенест") || w.starts_with("перенос") || w.starts_with("сдвин") ||
           w.starts_with("передвин");
}

}  // namespace

std::size_t open_move_point(const std::vector<Token>& tokens) {
    const std::size_t n = tokens.size();
    std::size_t point = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (!tokens[i].is_word() || !is_move_verb(tokens[i].cyr)) continue;
        // "перенесите, пожалуйста, на следующую неделю": up to five tokens between.
        for (std::size_t k = i + 1; k + 1 < n && k < i + 7; ++k) {
            if (tokens[k].cyr != "на") continue;
            std::string_view a = tokens[k + 1].cyr;
            std::string_view b = k + 2 < n ? std::string_view(tokens[k + 2].cyr) : std::string_view();
            // "на неделю", "на недельку": by a week, from a visit whose day may not be told.
            bool open = (a.starts_with("следующ") && b.starts_with("недел")) || a == "неделю" || a == "недельку" ||
                        ((a == "другой" || a == "другую" || a == "другое") &&
                         (b.starts_with("день") || b.starts_with("недел") || b.starts_with("время") || b.starts_with("дат")));
            if (open) point = k + 3;
            break;
        }
    }
    return point;
}

}  // namespace leadhub::understand
