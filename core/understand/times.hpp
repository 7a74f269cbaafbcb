// The time grammar ("14:00", "в 18.30", "19-00", "к 10", "в 3 дня" = 15:00, "после 6" = 18:00,
// "к половине седьмого", "в полдень", "2 pm") and parts of the day ("утром", "после обеда",
// "ближе к вечеру", "в первой половине дня").
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "understand/text.hpp"

namespace leadhub::understand {

struct TimeMention {
    int hour = 0, minute = 0;
    std::size_t begin = 0, end = 0;
    bool qualified = false;  // "утра", "вечера", "pm" said which half of the day
    std::string hhmm() const;
};

enum class Daypart { Morning, Afternoon, Evening };
const char* daypart_name(Daypart part);

struct DaypartMention {
    Daypart part;
    std::size_t begin = 0, end = 0;
};

// Dayparts, not counting greetings ("добрый вечер") or the past ("со вчерашнего вечера").
std::vector<DaypartMention> find_dayparts(const std::vector<Token>& tokens);

// Clock times in order, skipping `consumed` tokens (phones, dates). An hour from 1 to 7
// without "утра" is afternoon or evening (nobody books 3 a.m.), and any hour before noon is
// moved to the evening when the message says "вечером" (`evening`); with "утром" (`morning`)
// and no evening, an hour from 5 to 11 stays in the morning.
std::vector<TimeMention> find_times(const std::vector<Token>& tokens, const std::vector<bool>& consumed,
                                    bool evening, bool morning = false);

}  // namespace leadhub::understand
