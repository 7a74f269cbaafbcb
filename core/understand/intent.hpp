// What the customer wants: book, reschedule, cancel, question, complaint or other, from
// signal words (negation-aware) and what else the message holds.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "understand/text.hpp"

namespace leadhub::understand {

struct IntentFacts {
    const std::vector<Token>* tokens = nullptr;
    std::vector<bool> service_at;           // per token: part of a named service
    bool has_service = false;
    bool has_when = false;                  // a usable date, time or daypart
    std::vector<std::size_t> date_starts;   // token index of each usable date mention
    bool acute = false;                     // pain, swelling or "срочно" that is not negated
    bool toll_free_phone = false;           // the phone in the text is an 8 800 number
};

std::string classify_intent(const IntentFacts& facts);

}  // namespace leadhub::understand
