#include "understand/dates.hpp"

#include <string_view>

#include "understand/number_words.hpp"
#include "understand/phrase_data.hpp"

namespace leadhub::understand {
namespace {

// The word lists of phrases/dates.txt that the date grammar uses, read once.
struct DateWords {
    WordList today{"date.today"}, tomorrow{"date.tomorrow"};
    WordList weekdays{"date.weekdays"}, short_weekdays{"date.short_weekdays"},
        short_weekday_prepositions{"date.short_weekday_prepositions"};
    WordList months{"date.months"}, day_endings{"date.day_endings"}, neuter_endings{"date.neuter_ordinal_endings"};
    WordList from{"date.from"};
};

const DateWords& date_words() {
    static const DateWords lists;
    return lists;
}

// 0 = Monday … 6 = Sunday, for a weekday word in one spelling; `abbreviation` for "пт", "сб".
std::optional<int> weekday_in(std::string_view w, bool& abbreviation) {
    if (auto day = date_words().weekdays.value_of(w)) return day;
    auto day = date_words().short_weekdays.value_of(w);
    if (day) abbreviation = true;
    return day;
}

// A weekday word in any case. A Latin word may be English ("friday") or Russian typed in Latin
// ("pyatnicu"), so both its spelling and its transliteration are tried.
std::optional<int> weekday_of(const Token& t, bool& abbreviation) {
    abbreviation = false;
    if (!t.is_word()) return std::nullopt;
    if (auto day = weekday_in(t.cyr, abbreviation)) return day;
    if (t.latin) return weekday_in(t.low, abbreviation);
    return std::nullopt;
}

std::optional<int> month_of(const Token& t) {
    if (!t.is_word()) return std::nullopt;
    return date_words().months.value_of(t.cyr);
}

// A year and month near today for "15 марта": this year, or next year when the date is long
// gone; a date a few months back stays in the past (a visit already had).
Date resolve_day_month(int day, int month, Date today, bool& past) {
    Date d{today.year, month, day};
    past = false;
    if (d < today) {
        if (today.days() - d.days() <= 183) past = true;
        else d.year += 1;
    }
    return d;
}

// "15-го": this month when the day is still ahead, else next month.
std::optional<Date> resolve_day(int day, Date today) {
    int year = today.year, month = today.month;
    if (day < today.day) {
        month += 1;
        if (month > 12) month = 1, ++year;
    }
    if (!is_valid_date(year, month, day)) return std::nullopt;
    return Date{year, month, day};
}

// The message as the date matchers see it, and the mentions found so far. Each matcher looks at
// token i and returns true when the words there are its pattern, whether or not they make a
// valid date ("31 июня" is claimed and gives none); then no later matcher tries token i.
struct DateScan {
    const std::vector<Token>& tokens;
    std::vector<bool>& consumed;
    Date today;
    std::vector<DateMention> out;

    std::size_t size() const { return tokens.size(); }
    std::string_view word(std::size_t i) const {
        return i < size() && tokens[i].is_word() ? std::string_view(tokens[i].cyr) : std::string_view();
    }
    bool glued(std::size_t i) const { return i < size() && !tokens[i].space_before; }
    void add(Date d, std::size_t b, std::size_t e, bool past = false) {
        DateMention m;
        m.date = d;
        m.begin = b;
        m.end = e;
        m.past = past || d < today;
        for (std::size_t k = b; k < e; ++k) consumed[k] = true;
        out.push_back(m);
    }
};

// "сегодня", "today", "tonight"
bool match_today(DateScan& s, std::size_t i) {
    const Token& t = s.tokens[i];  // a Latin word is tried as typed too ("today"); else low is cyr
    if (!date_words().today.contains(t.cyr) && !(t.latin && date_words().today.contains(t.low))) return false;
    s.add(s.today, i, i + 1);
    return true;
}

// "послепослезавтра": three days on.
bool match_three_days_on(DateScan& s, std::size_t i) {
    if (!s.tokens[i].stem.starts_with("послепослезавт")) return false;
    s.add(s.today.plus_days(3), i, i + 1);
    return true;
}

// "послезавтра", "послезавтрашний", "после завтра"
bool match_day_after_tomorrow(DateScan& s, std::size_t i) {
    const Token& t = s.tokens[i];
    if (t.stem == "послезавтр" || (t.stem32.size() >= 9 && t.stem.starts_with("послезавт"))) {
        s.add(s.today.plus_days(2), i, i + 1);
        return true;
    }
    if (s.word(i) == "после" && s.word(i + 1) == "завтра") {
        s.add(s.today.plus_days(2), i, i + 2);
        return true;
    }
    return false;
}

// "завтра", "завтрашний", "завтро", "tomorrow"
bool match_tomorrow(DateScan& s, std::size_t i) {
    const Token& t = s.tokens[i];
    if (!date_words().tomorrow.contains(t.cyr) && !(t.latin && date_words().tomorrow.contains(t.low))) return false;
    s.add(s.today.plus_days(1), i, i + 1);
    return true;
}

// "через 2 дня", "через три недели", "через день" (the day after tomorrow), "через неделю".
bool match_in_n_days(DateScan& s, std::size_t i) {
    if (s.word(i) != "через") return false;
    const auto& t = s.tokens;
    std::size_t k = i + 1;
    int count = 1;
    if (k < s.size() && t[k].is_number() && t[k].value > 0 && t[k].value < 60) count = t[k++].value;
    else if (k < s.size()) if (auto c = cardinal_word(t[k]); c && s.word(k) != "час") count = *c, ++k;
    std::string_view unit = s.word(k);
    if (unit.starts_with("дн") || unit == "день") {
        s.add(s.today.plus_days(unit == "день" && k == i + 1 ? 2 : count), i, k + 1);
        return true;
    }
    if (unit.starts_with("недел")) {
        s.add(s.today.plus_days(7L * count), i, k + 1);
        return true;
    }
    return false;  // "через час": not a date
}

// "в субботу", "в сб", "в следующую пятницу", "на следующей неделе во вторник", "в прошлую
// среду" (past): the next such day, never the same day. "по субботам" is every Saturday.
bool match_weekday(DateScan& s, std::size_t i) {
    const Token& t = s.tokens[i];
    bool abbreviation = false;
    auto wd = weekday_of(t, abbreviation);
    if (!wd) return false;
    std::string_view w = s.word(i);
    std::string_view prev = i > 0 ? s.word(i - 1) : std::string_view();
    if (abbreviation && !date_words().short_weekday_prepositions.contains(prev)) return true;
    bool plural = w.ends_with("ам") || w.ends_with("ям");
    if (prev == "по" || plural) return true;  // "по субботам": every Saturday
    bool past = prev.starts_with("прошл");
    // "на 30-е, это четверг": the weekday only confirms the date before it.
    if (prev == "это" && !s.out.empty() && s.out.back().end + 3 >= i) return true;
    // "в следующую субботу", "на следующей неделе во вторник": the day in next week.
    bool next_week = false;
    for (std::size_t k = i; k > 0 && k + 5 > i; --k) {
        if (s.tokens[k - 1].is_boundary()) break;
        if (s.tokens[k - 1].cyr.starts_with("следующ")) next_week = true;
    }
    Date d;
    if (next_week) {
        Date monday = s.today.plus_days(7 - s.today.weekday());
        d = monday.plus_days(*wd);
    } else {
        int ahead = (*wd - s.today.weekday() + 7) % 7;
        d = s.today.plus_days(ahead == 0 ? 7 : ahead);  // the same day never counts
    }
    s.add(d, i, i + 1, past);
    s.out.back().weekday = true;
    if (past) s.out.back().past = true;
    return true;
}

// "пятнадцатого марта", "на третье число", "на пятнадцатое?", "к двадцать первому".
bool match_ordinal_date(DateScan& s, std::size_t i) {
    std::size_t used = 0;
    auto ord = ordinal_words(s.tokens, i, used);
    if (!ord) return false;
    const std::size_t n = s.size();
    std::size_t k = i + used;
    if (auto month = month_of(k < n ? s.tokens[k] : s.tokens[i]); month && k < n) {
        if (is_valid_date(s.today.year, *month, *ord)) {
            bool past = false;
            Date d = resolve_day_month(*ord, *month, s.today, past);
            s.add(d, i, k + 1, past);
        }
        return true;
    }
    if (s.word(k) == "числа" || s.word(k) == "число") {
        if (auto d = resolve_day(*ord, s.today)) s.add(*d, i, k + 1);
        return true;
    }
    // A day of the month in the neuter, not followed by the noun it would otherwise qualify
    // ("на первое занятие").
    std::string_view prev = i > 0 ? s.word(i - 1) : std::string_view();
    bool neuter = date_words().neuter_endings.contains(s.tokens[k - 1].cyr);
    if ((prev == "на" || prev == "к") && neuter && *ord >= 1 && *ord <= 31 && (k >= n || !s.tokens[k].is_word())) {
        if (auto d = resolve_day(*ord, s.today)) s.add(*d, i, k);
        return true;
    }
    return false;
}

// "2026-03-15"
bool match_iso_date(DateScan& s, std::size_t i) {
    const auto& t = s.tokens;
    if (!(t[i].text.size() == 4 && i + 4 < s.size() && t[i + 1].text == "-" && s.glued(i + 1) && t[i + 2].is_number() &&
          s.glued(i + 2) && t[i + 3].text == "-" && t[i + 4].is_number() && s.glued(i + 4)))
        return false;
    if (is_valid_date(t[i].value, t[i + 2].value, t[i + 4].value)) s.add(Date{t[i].value, t[i + 2].value, t[i + 4].value}, i, i + 5);
    return true;
}

// "с 12 мая на 14": the second day of a move shares the first one's month.
bool match_move_second_day(DateScan& s, std::size_t i) {
    const int v = s.tokens[i].value;
    if (s.out.empty() || s.out.back().end + 1 != i || s.word(i - 1) != "на" || s.out.back().begin == 0 ||
        !date_words().from.contains(s.word(s.out.back().begin - 1)) || (s.glued(i + 1) && s.tokens[i + 1].is_punct()))
        return false;
    Date from = s.out.back().date;
    Date d{from.year, from.month, v};
    if (v < from.day) d = Date{from.month == 12 ? from.year + 1 : from.year, from.month == 12 ? 1 : from.month + 1, v};
    if (!is_valid_date(d.year, d.month, d.day)) return false;
    s.add(d, i, i + 1);
    return true;
}

// "15.03", "15/03", "15.03.2026"; "18.30" has no month 30 and is left to the time grammar.
bool match_dd_mm(DateScan& s, std::size_t i) {
    const auto& t = s.tokens;
    const std::size_t n = s.size();
    if (!(i + 2 < n && (t[i + 1].text == "." || t[i + 1].text == "/") && s.glued(i + 1) && t[i + 2].is_number() &&
          s.glued(i + 2) && t[i + 2].text.size() <= 2))
        return false;
    int month = t[i + 2].value;
    if (t[i + 1].text == "." && (month == 0 || month > 12)) return false;  // a time
    std::size_t end = i + 3;
    int year = s.today.year;
    bool explicit_year = false;
    if (end + 1 < n && t[end].text == "." && s.glued(end) && t[end + 1].is_number() && s.glued(end + 1) &&
        (t[end + 1].text.size() == 4 || t[end + 1].text.size() == 2)) {
        year = t[end + 1].value + (t[end + 1].text.size() == 2 ? 2000 : 0);
        explicit_year = true;
        end += 2;
    }
    const int v = t[i].value;
    if (is_valid_date(year, month, v)) {
        bool past = false;
        Date d = explicit_year ? Date{year, month, v} : resolve_day_month(v, month, s.today, past);
        s.add(d, i, end, past);
    }
    return true;
}

// "15 марта", "4 апреля 2026"
bool match_day_month(DateScan& s, std::size_t i) {
    if (i + 1 >= s.size()) return false;
    auto month = month_of(s.tokens[i + 1]);
    if (!month) return false;
    const int v = s.tokens[i].value;
    if (is_valid_date(s.today.year, *month, v)) {
        bool past = false;
        Date d = resolve_day_month(v, *month, s.today, past);
        std::size_t end = i + 2;
        if (end < s.size() && s.tokens[end].is_number() && s.tokens[end].text.size() == 4) {
            d.year = s.tokens[end].value;
            past = d < s.today;
            ++end;
        }
        s.add(d, i, end, past);
    }
    return true;
}

// "15-го", "17-е", "15го", "15 числа"
bool match_day_of_month(DateScan& s, std::size_t i) {
    std::string_view suffix = s.glued(i + 1) ? s.word(i + 1) : std::string_view();
    if (!date_words().day_endings.contains(suffix) && s.word(i + 1) != "числа" && s.word(i + 1) != "число") return false;
    std::size_t end = i + 2;
    if (s.word(end) == "числа") ++end;
    if (auto d = resolve_day(s.tokens[i].value, s.today)) s.add(*d, i, end);
    return true;
}

using DateMatcher = bool (*)(DateScan&, std::size_t);

// Words, in this order: the first that claims a token decides it.
constexpr DateMatcher kWordMatchers[] = {match_today,   match_three_days_on, match_day_after_tomorrow, match_tomorrow,
                                         match_in_n_days, match_weekday,   match_ordinal_date};
// A day number from 1 to 31, in this order, after match_iso_date.
constexpr DateMatcher kDayNumberMatchers[] = {match_move_second_day, match_dd_mm, match_day_month, match_day_of_month};

}  // namespace

std::vector<DateMention> find_dates(const std::vector<Token>& tokens, std::vector<bool>& consumed, Date today) {
    DateScan scan{tokens, consumed, today, {}};
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (consumed[i]) continue;
        const Token& t = tokens[i];
        if (t.is_word()) {
            for (DateMatcher match : kWordMatchers)
                if (match(scan, i)) break;
            continue;
        }
        if (!t.is_number() || match_iso_date(scan, i)) continue;
        if (t.value < 1 || t.value > 31 || t.text.size() > 2) continue;
        for (DateMatcher match : kDayNumberMatchers)
            if (match(scan, i)) break;
    }
    mark_date_context(tokens, scan.out);
    return std::move(scan.out);
}

}  // namespace leadhub::understand
