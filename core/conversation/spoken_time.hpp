// How a date and a time on the tenant's clocks are said to a customer in Russian, relative to
// the tenant's now: «сегодня в 18:00», «завтра утром», «в пятницу, 11 декабря, в 10:00»,
// «11 декабря». A customer reads a reply seconds after writing, so "now" is the reply's moment.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace leadhub::conversation {

using LocalMinutes = std::chrono::local_time<std::chrono::minutes>;

// "YYYY-MM-DD" as a valid date, "HH:MM" as minutes after midnight (0..1439); nullopt otherwise.
std::optional<std::chrono::year_month_day> parse_date(std::string_view text);
std::optional<int> parse_clock(std::string_view text);

// «9:00», «18:30»: hours without a leading zero, as one writes them in a message.
std::string clock_text(int minute_of_day);

// morning «утром», afternoon «днём», evening «вечером»; anything else "".
std::string daypart_text(std::string_view daypart);

// The day, relative to `today`: «сегодня», «завтра», «послезавтра»; within the week ahead
// «в пятницу, 11 декабря»; else «11 декабря», with the year when it is not this year's and more
// than half a year ahead or in the past («11 января 2025 года»). Months in the genitive.
std::string spoken_date(std::chrono::year_month_day date, std::chrono::year_month_day today);

// A date with a time or a part of day: «завтра в 10:00», «в пятницу, 11 декабря, в 10:00»
// (the weekday's date set off by commas), «11 декабря вечером». Any part may be missing:
// «в 10:00», «утром», «завтра»; a time makes the part of day redundant. "" when all are missing.
std::string spoken_when(std::optional<std::chrono::year_month_day> date, std::optional<int> minute_of_day,
                        std::string_view daypart, LocalMinutes now);

// A moment: «сегодня в 10:00», «завтра в 10:00», «в понедельник, 14 декабря, в 10:00».
std::string spoken_moment(LocalMinutes at, LocalMinutes now);

}  // namespace leadhub::conversation
