// The date grammar: сегодня, завтра, послезавтра, через 2 дня, в субботу / в сб (the next one,
// never the same day), на следующей неделе во вторник, 15-го, 15 числа, 15 марта, 15.03,
// пятнадцатого. Ranges ("на выходных", "на следующей неделе") give no date.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "base/calendar.hpp"
#include "understand/text.hpp"

namespace leadhub::understand {

// The civil dates are base's (base/calendar.hpp); the grammar names them as its own.
using base::Date;
using base::days_in_month;
using base::is_valid_date;
using base::LocalMoment;
using base::parse_received_at;

struct DateMention {
    Date date;
    std::size_t begin = 0, end = 0;  // token range
    bool past = false;         // before the day the message arrived: a visit already had
    bool from = false;         // "с субботы": in a reschedule, the date being moved away from
    bool instead = false;      // "вместо четверга": never the date asked for
    bool event = false;        // "свадьба 25 апреля": a date the customer tells, not asks for
    bool alternative = false;  // "во вторник или в среду": joined to the previous one by "или"
    bool preferred = false;    // "тогда на понедельник", "лучше в пятницу": marked as the choice
    bool weekday = false;      // said as a day of the week ("в пятницу")
    bool numbered = false;     // said with a day number ("15 число", "пятнадцатого мая", "15.05")
    bool gloss = false;
    bool declined = false;     // "сегодня не успеваю": a day that does not work; only a cancel asks about it        // a weekday naming the numbered date beside it: not a date of its own
};

// Every date mention in order. `consumed` marks tokens already read as something else (a
// phone); tokens read as dates are marked too, so the time grammar skips "15.03".
std::vector<DateMention> find_dates(const std::vector<Token>& tokens, std::vector<bool>& consumed, Date today);

// Marks each mention by the words around it (instead, declined, event, past, preferred, gloss,
// alternative …); find_dates calls it, date_context.cpp holds it.
void mark_date_context(const std::vector<Token>& tokens, std::vector<DateMention>& mentions);

// The one date asked for: the first usable mention, or the last for a reschedule (the new
// date); nullopt when none, or when two alternatives are offered. A declined day counts only
// in a cancel, where it is the visit being called off.
std::optional<Date> pick_date(const std::vector<DateMention>& mentions, bool reschedule, bool cancel = false);

}  // namespace leadhub::understand
