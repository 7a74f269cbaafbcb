// Whether the customer needs help today: acute need (pain, swelling, "срочно", "горит") or a
// visit asked for today.
#pragma once

#include <string>
#include <vector>

#include "understand/text.hpp"

namespace leadhub::understand {

// Acute need said in words, not negated ("не болит", "не срочно", "перестал болеть").
// `fever_counts` false: a fever is the customer's reason for moving a visit ("температура,
// можно перенести?"), not a need of the business's help.
bool says_urgent(const std::vector<Token>& tokens, bool fever_counts = true);

bool is_urgent(const std::vector<Token>& tokens, const std::string& intent, bool asks_for_today);
// The same with says_urgent() already known, so a message is scanned for it once.
bool is_urgent(bool says_urgent, const std::string& intent, bool asks_for_today);

}  // namespace leadhub::understand
