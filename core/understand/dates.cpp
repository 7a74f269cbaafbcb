#include "understand/dates.hpp"

#include <array>
#include <string_view>

#include "understand/number_words.hpp"

namespace leadhub::understand {
namespace {

// 0 = Monday … 6 = Sunday, for a weekday word in one spelling; `abbreviation` for "пт", "сб".
std::optional<int> weekday_in(std::string_view w, bool& abbreviation) {
    static constexpr std::array<std::pair<std::string_view, int>, 15> words{{
        {"понедельн", 0}, {"вторник", 1}, {"четверг", 3}, {"пятниц", 4}, {"суббот", 5}, {"воскресен", 6},
        {"воскресень", 6}, {"monday", 0}, {"tuesday", 1}, {"wednesday", 2}, {"thursday", 3}, {"friday", 4},
        {"saturday", 5}, {"sunday", 6}, {"четвер", 3},
    }};
    for (const auto& [prefix, day] : words)
        if (w.starts_with(prefix)) return day;
    if (one_of(w, {"среда", "среду", "среды", "среде"})) return 2;
    static constexpr std::array<std::string_view, 7> short_names{"пн", "вт", "ср", "чт", "пт", "сб", "вс"};
    for (std::size_t d = 0; d < short_names.size(); ++d) {
        if (w == short_names[d]) {
            abbreviation = true;
            return static_cast<int>(d);
        }
    }
    return std::nullopt;
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
    std::string_view w = t.cyr;
    static constexpr std::array<std::pair<std::string_view, int>, 10> long_forms{{
        {"январ", 1}, {"феврал", 2}, {"апрел", 4}, {"июн", 6}, {"июл", 7}, {"август", 8},
        {"сентябр", 9}, {"октябр", 10}, {"ноябр", 11}, {"декабр", 12},
    }};
    for (const auto& [prefix, month] : long_forms)
        if (w.starts_with(prefix)) return month;
    if (one_of(w, {"март", "марта", "марте", "мар"})) return 3;
    if (one_of(w, {"май", "мая", "мае"})) return 5;
    static constexpr std::array<std::pair<std::string_view, int>, 9> short_forms{{
        {"янв", 1}, {"фев", 2}, {"апр", 4}, {"авг", 8}, {"сен", 9}, {"сент", 9}, {"окт", 10}, {"нояб", 11},
        {"дек", 12},
    }};
    for (const auto& [form, month] : short_forms)
        if (w == form) return month;
    return std::nullopt;
}

bool glued(const std::vector<Token>& tokens, std::size_t i) { return i < tokens.size() && !tokens[i].space_before; }

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

}  // namespace

std::vector<DateMention> find_dates(const std::vector<Token>& tokens, std::vector<bool>& consumed, Date today) {
    std::vector<DateMention> out;
    const std::size_t n = tokens.size();
    auto word = [&](std::size_t i) -> std::string_view { return i < n && tokens[i].is_word() ? std::string_view(tokens[i].cyr) : std::string_view(); };
    auto add = [&](Date d, std::size_t b, std::size_t e, bool past = false) {
        DateMention m;
        m.date = d;
        m.begin = b;
        m.end = e;
        m.past = past || d < today;
        for (std::size_t k = b; k < e; ++k) consumed[k] = true;
        out.push_back(m);
    };
    for (std::size_t i = 0; i < n; ++i) {
        if (consumed[i]) continue;
        const Token& t = tokens[i];
        std::string_view w = word(i);
        if (t.is_word()) {
            bool next_week = false;
            if (w.starts_with("сегодн") || t.low == "today" || t.low == "tonight") { add(today, i, i + 1); continue; }
            // "послепослезавтра": three days on.
            if (t.stem.starts_with("послепослезавт")) { add(today.plus_days(3), i, i + 1); continue; }
            if (t.stem == "послезавтр" || (t.stem32.size() >= 9 && t.stem.starts_with("послезавт"))) { add(today.plus_days(2), i, i + 1); continue; }
            if (w == "после" && (word(i + 1) == "завтра")) { add(today.plus_days(2), i, i + 2); continue; }
            if (w == "завтра" || w.starts_with("завтраш") || w == "завтро" || t.low == "tomorrow") {
                add(today.plus_days(1), i, i + 1);
                continue;
            }
            if (w == "через") {
                std::size_t k = i + 1;
                int count = 1;
                if (k < n && tokens[k].is_number() && tokens[k].value > 0 && tokens[k].value < 60) count = tokens[k++].value;
                else if (k < n) if (auto c = cardinal_word(tokens[k]); c && word(k) != "час") count = *c, ++k;
                std::string_view unit = word(k);
                if (unit.starts_with("дн") || unit == "день") { add(today.plus_days(unit == "день" && k == i + 1 ? 2 : count), i, k + 1); continue; }
                if (unit.starts_with("недел")) { add(today.plus_days(7L * count), i, k + 1); continue; }
            }
            bool abbreviation = false;
            if (auto wd = weekday_of(t, abbreviation)) {
                std::string_view prev = i > 0 ? word(i - 1) : std::string_view();
                if (abbreviation && !one_of(prev, {"в", "во", "на", "с", "со", "к"})) continue;
                bool plural = w.ends_with("ам") || w.ends_with("ям");
                if (prev == "по" || plural) continue;  // "по субботам": every Saturday
                bool past = prev.starts_with("прошл");
                // "на 30-е, это четверг": the weekday only confirms the date before it.
                if (prev == "это" && !out.empty() && out.back().end + 3 >= i) continue;
                // "в следующую субботу", "на следующей неделе во вторник": the day in next week.
                for (std::size_t k = i; k > 0 && k + 5 > i; --k) {
                    if (tokens[k - 1].is_boundary()) break;
                    if (tokens[k - 1].cyr.starts_with("следующ")) next_week = true;
                }
                Date d;
                if (next_week) {
                    Date monday = today.plus_days(7 - today.weekday());
                    d = monday.plus_days(*wd);
                } else {
                    int ahead = (*wd - today.weekday() + 7) % 7;
                    d = today.plus_days(ahead == 0 ? 7 : ahead);  // the same day never counts
                }
                add(d, i, i + 1, past);
                out.back().weekday = true;
                if (past) out.back().past = true;
                continue;
            }
            // "пятнадцатого марта", "на третье число"
            std::size_t used = 0;
            if (auto ord = ordinal_words(tokens, i, used)) {
                std::size_t k = i + used;
                if (auto month = month_of(k < n ? tokens[k] : tokens[i]); month && k < n) {
                    if (is_valid_date(today.year, *month, *ord)) {
                        bool past = false;
                        Date d = resolve_day_month(*ord, *month, today, past);
                        add(d, i, k + 1, past);
                    }
                    continue;
                }
                if (word(k) == "числа" || word(k) == "число") {
                    if (auto d = resolve_day(*ord, today)) add(*d, i, k + 1);
                    continue;
                }
                // "на пятнадцатое?", "к двадцать первому": a day of the month in the neuter, not
                // followed by the noun it would otherwise qualify ("на первое занятие").
                std::string_view prev = i > 0 ? word(i - 1) : std::string_view();
                std::string_view last = tokens[k - 1].cyr;
                bool neuter = last.ends_with("ое") || last.ends_with("ье") || last.ends_with("ому") || last.ends_with("ьему");
                if (one_of(prev, {"на", "к"}) && neuter && *ord >= 1 && *ord <= 31 && (k >= n || !tokens[k].is_word())) {
                    if (auto d = resolve_day(*ord, today)) add(*d, i, k);
                    continue;
                }
            }
            continue;
        }
        if (!t.is_number()) continue;
        int v = t.value;
        // 2026-03-15
        if (t.text.size() == 4 && i + 4 < n && tokens[i + 1].text == "-" && glued(tokens, i + 1) &&
            tokens[i + 2].is_number() && glued(tokens, i + 2) && tokens[i + 3].text == "-" &&
            tokens[i + 4].is_number() && glued(tokens, i + 4)) {
            if (is_valid_date(v, tokens[i + 2].value, tokens[i + 4].value)) add(Date{v, tokens[i + 2].value, tokens[i + 4].value}, i, i + 5);
            continue;
        }
        if (v < 1 || v > 31 || t.text.size() > 2) continue;
        // "с 12 мая на 14": the second day of a move shares the first one's month.
        if (!out.empty() && out.back().end + 1 == i && word(i - 1) == "на" && out.back().begin > 0 &&
            one_of(word(out.back().begin - 1), {"с", "со"}) && !(glued(tokens, i + 1) && tokens[i + 1].is_punct())) {
            Date from = out.back().date;
            Date d{from.year, from.month, v};
            if (v < from.day) d = Date{from.month == 12 ? from.year + 1 : from.year, from.month == 12 ? 1 : from.month + 1, v};
            if (is_valid_date(d.year, d.month, d.day)) {
                add(d, i, i + 1);
                continue;
            }
        }
        // 15.03, 15/03, 15.03.2026 — "18.30" has no month 30 and is left to the time grammar.
        if (i + 2 < n && (tokens[i + 1].text == "." || tokens[i + 1].text == "/") && glued(tokens, i + 1) &&
            tokens[i + 2].is_number() && glued(tokens, i + 2) && tokens[i + 2].text.size() <= 2) {
            int month = tokens[i + 2].value;
            bool time_like = tokens[i + 1].text == "." && (month == 0 || month > 12);
            if (!time_like) {
                std::size_t end = i + 3;
                int year = today.year;
                bool explicit_year = false;
                if (end + 1 < n && tokens[end].text == "." && glued(tokens, end) && tokens[end + 1].is_number() &&
                    glued(tokens, end + 1) && (tokens[end + 1].text.size() == 4 || tokens[end + 1].text.size() == 2)) {
                    year = tokens[end + 1].value + (tokens[end + 1].text.size() == 2 ? 2000 : 0);
                    explicit_year = true;
                    end += 2;
                }
                if (is_valid_date(year, month, v)) {
                    bool past = false;
                    Date d = explicit_year ? Date{year, month, v} : resolve_day_month(v, month, today, past);
                    add(d, i, end, past);
                }
                continue;
            }
        }
        // 15 марта, 4 апреля 2026
        if (i + 1 < n) {
            if (auto month = month_of(tokens[i + 1])) {
                if (is_valid_date(today.year, *month, v)) {
                    bool past = false;
                    Date d = resolve_day_month(v, *month, today, past);
                    std::size_t end = i + 2;
                    if (end < n && tokens[end].is_number() && tokens[end].text.size() == 4) {
                        d.year = tokens[end].value;
                        past = d < today;
                        ++end;
                    }
                    add(d, i, end, past);
                }
                continue;
            }
        }
        // 15-го, 17-е, 15го, 15 числа
        std::string_view suffix = glued(tokens, i + 1) ? word(i + 1) : std::string_view();
        if (one_of(suffix, {"го", "е", "ое", "ого", "ое"}) || word(i + 1) == "числа" || word(i + 1) == "число") {
            std::size_t end = i + 2;
            if (word(end) == "числа") ++end;
            if (auto d = resolve_day(v, today)) add(*d, i, end);
            continue;
        }
    }
    mark_date_context(tokens, out);
    return out;
}

}  // namespace leadhub::understand
