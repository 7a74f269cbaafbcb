#include "conversation/spoken_time.hpp"

#include <array>
#include <charconv>

namespace leadhub::conversation {

namespace {

// Months in the genitive, as after a day's number.
constexpr std::array<const char*, 12> kMonthsGenitive = {"января",  "февраля",  "марта",   "апреля",
                                                         "мая",     "июня",     "июля",    "августа",
                                                         "сентября", "октября", "ноября", "декабря"};
// «в» + the weekday in the accusative, Monday first; «во вторник» for the sound.
constexpr std::array<const char*, 7> kOnWeekday = {"в понедельник", "во вторник", "в среду",      "в четверг",
                                                   "в пятницу",     "в субботу",  "в воскресенье"};

std::optional<int> digits(std::string_view text) {
    int value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
    return value;
}

long days_between(std::chrono::year_month_day from, std::chrono::year_month_day to) {
    return (std::chrono::sys_days(to) - std::chrono::sys_days(from)).count();
}

std::chrono::year_month_day day_of(LocalMinutes moment) {
    return std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(moment));
}

int minute_of(LocalMinutes moment) {
    return static_cast<int>((moment - std::chrono::floor<std::chrono::days>(moment)).count());
}

bool is_weekday_form(long ahead) { return ahead >= 3 && ahead <= 6; }

}  // namespace

std::optional<std::chrono::year_month_day> parse_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    auto y = digits(text.substr(0, 4)), m = digits(text.substr(5, 2)), d = digits(text.substr(8, 2));
    if (!y || !m || !d) return std::nullopt;
    std::chrono::year_month_day date{std::chrono::year(*y), std::chrono::month(static_cast<unsigned>(*m)),
                                     std::chrono::day(static_cast<unsigned>(*d))};
    if (!date.ok()) return std::nullopt;
    return date;
}

std::optional<int> parse_clock(std::string_view text) {
    if (text.size() != 5 || text[2] != ':') return std::nullopt;
    auto h = digits(text.substr(0, 2)), m = digits(text.substr(3, 2));
    if (!h || !m || *h > 23 || *m > 59) return std::nullopt;
    return *h * 60 + *m;
}

std::string clock_text(int minute_of_day) {
    int m = minute_of_day % 60;
    return std::to_string(minute_of_day / 60) + ":" + (m < 10 ? "0" : "") + std::to_string(m);
}

std::string daypart_text(std::string_view daypart) {
    if (daypart == "morning") return "утром";
    if (daypart == "afternoon") return "днём";
    if (daypart == "evening") return "вечером";
    return "";
}

std::string spoken_date(std::chrono::year_month_day date, std::chrono::year_month_day today) {
    long ahead = days_between(today, date);
    if (ahead == 0) return "сегодня";
    if (ahead == 1) return "завтра";
    if (ahead == 2) return "послезавтра";
    std::string day_month = std::to_string(static_cast<unsigned>(date.day())) + " " +
                            kMonthsGenitive[static_cast<unsigned>(date.month()) - 1];
    if (is_weekday_form(ahead)) {
        unsigned weekday = std::chrono::weekday(std::chrono::sys_days(date)).iso_encoding();  // 1 = Monday
        return std::string(kOnWeekday[weekday - 1]) + ", " + day_month;
    }
    // «3 января» in late December is plainly next January; a date far ahead or past is not.
    if (date.year() != today.year() && (ahead < 0 || ahead > 183))
        day_month += " " + std::to_string(static_cast<int>(date.year())) + " года";
    return day_month;
}

std::string spoken_when(std::optional<std::chrono::year_month_day> date, std::optional<int> minute_of_day,
                        std::string_view daypart, LocalMinutes now) {
    std::string part = minute_of_day ? "в " + clock_text(*minute_of_day) : daypart_text(daypart);
    if (!date) return part;
    std::string day = spoken_date(*date, day_of(now));
    if (part.empty()) return day;
    // «в пятницу, 11 декабря, в 10:00»: the date explains the weekday, so commas set it off.
    bool apposition = is_weekday_form(days_between(day_of(now), *date));
    return day + (apposition ? ", " : " ") + part;
}

std::string spoken_moment(LocalMinutes at, LocalMinutes now) {
    return spoken_when(day_of(at), minute_of(at), "", now);
}

}  // namespace leadhub::conversation
