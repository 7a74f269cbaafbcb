// What one part of the reader finds in a text, as the tests compare it: the first date, time,
// part of day or name, or nothing. Shared by the tests of each part and the generalisation cases.
#pragma once

#include "base/calendar.hpp"
#include "understand/dates.hpp"
#include "understand/names.hpp"
#include "understand/times.hpp"
#include "understand/understand.hpp"

#include <optional>
#include <string>
#include <vector>

namespace leadhub::understand::test {

// The day and the moment the cases are read on.
inline const Date kTuesday{2026, 3, 10};
inline constexpr const char* kNow = "2026-03-10T12:00:00+07:00";  // a Tuesday

// A salon of five services, with the words customers use for them.
inline const Catalog& salon() {
    static const Catalog catalog{"Салон", "Asia/Krasnoyarsk", "RU",
                                 {{"haircut", "Стрижка", {"стрижка", "подстричь", "укладка"}},
                                  {"coloring", "Окрашивание", {"окрашивание", "покрасить", "мелирование"}},
                                  {"manicure", "Маникюр", {"маникюр", "ногти", "гель-лак"}},
                                  {"pedicure", "Педикюр", {"педикюр"}},
                                  {"brows_lashes", "Брови и ресницы", {"брови", "ресницы", "ламинирование"}}}};
    return catalog;
}

inline std::optional<std::string> date_in(const std::string& text, Date today, bool reschedule = false) {
    auto tokens = tokenize(text);
    std::vector<bool> consumed(tokens.size(), false);
    auto date = pick_date(find_dates(tokens, consumed, today), reschedule);
    return date ? std::optional<std::string>(date->iso()) : std::nullopt;
}

inline std::optional<std::string> time_in(const std::string& text, bool evening = false) {
    auto tokens = tokenize(text);
    std::vector<bool> consumed(tokens.size(), false);
    auto times = find_times(tokens, consumed, evening);
    return times.empty() ? std::nullopt : std::optional<std::string>(times.front().hhmm());
}

inline std::optional<std::string> daypart_in(const std::string& text) {
    auto parts = find_dayparts(tokenize(text));
    return parts.empty() ? std::nullopt : std::optional<std::string>(daypart_name(parts.front().part));
}

inline std::optional<std::string> name_in(const std::string& text) { return find_customer_name(tokenize(text)); }

}  // namespace leadhub::understand::test
