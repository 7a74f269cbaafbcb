#include "understand/dates.hpp"

#include <array>
#include <string_view>

#include "understand/negation.hpp"
#include "understand/number_words.hpp"

namespace leadhub::understand {
namespace {

bool one_of(std::string_view w, std::initializer_list<std::string_view> words) {
    for (std::string_view x : words)
        if (w == x) return true;
    return false;
}

bool starts(std::string_view w, std::string_view p) { return w.substr(0, p.size()) == p; }

// 0 = Monday … 6 = Sunday, for a weekday word in one spelling; `abbreviation` for "пт", "сб".
std::optional<int> weekday_in(std::string_view w, bool& abbreviation) {
    static constexpr std::array<std::pair<std::string_view, int>, 15> words{{
        {"понедельн", 0}, {"вторник", 1}, {"четверг", 3}, {"пятниц", 4}, {"суббот", 5}, {"воскресен", 6},
        {"воскресень", 6}, {"monday", 0}, {"tuesday", 1}, {"wednesday", 2}, {"thursday", 3}, {"friday", 4},
        {"saturday", 5}, {"sunday", 6}, {"четвер", 3},
    }};
    for (const auto& [prefix, day] : words)
        if (starts(w, prefix)) return day;
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
        if (starts(w, prefix)) return month;
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

// A verb in the past tense: "выпала", "отошли", "сломался", "облезло".
bool is_past_verb(const Token& t) {
    if (!t.is_word() || t.latin) return false;
    std::string_view w = t.cyr;
    for (std::string_view e : {"ла", "ло", "ли", "лся", "лась", "лось", "лись"})
        if (w.size() >= e.size() + 6 && w.ends_with(e)) return true;
    return false;
}

// "завтра уезжаю", "в пятницу улетаю": the customer's own plans, told to explain the date asked.
bool is_away_verb(const Token& t) {
    std::string_view w = t.cyr;
    return starts(w, "уезжа") || starts(w, "улета") || starts(w, "уеду") || starts(w, "улечу") ||
           starts(w, "уезжу") || starts(w, "отъезд") || starts(w, "вылет");
}

bool is_event_noun(const Token& t) {
    std::string_view w = t.cyr;
    return starts(w, "свадьб") || starts(w, "юбиле") || starts(w, "выпускн") || starts(w, "корпоратив") ||
           starts(w, "праздник") || starts(w, "отпуск") || starts(w, "командировк") || starts(w, "экзамен") ||
           w == "др" || w == "рождения";
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
            if (starts(w, "сегодн") || t.low == "today" || t.low == "tonight") { add(today, i, i + 1); continue; }
            // "послепослезавтра": three days on.
            if (t.stem.starts_with("послепослезавт")) { add(today.plus_days(3), i, i + 1); continue; }
            if (t.stem == "послезавтр" || (t.stem32.size() >= 9 && t.stem.starts_with("послезавт"))) { add(today.plus_days(2), i, i + 1); continue; }
            if (w == "после" && (word(i + 1) == "завтра")) { add(today.plus_days(2), i, i + 2); continue; }
            if (w == "завтра" || starts(w, "завтраш") || w == "завтро" || t.low == "tomorrow") {
                add(today.plus_days(1), i, i + 1);
                continue;
            }
            if (w == "через") {
                std::size_t k = i + 1;
                int count = 1;
                if (k < n && tokens[k].is_number() && tokens[k].value > 0 && tokens[k].value < 60) count = tokens[k++].value;
                else if (k < n) if (auto c = cardinal_word(tokens[k]); c && word(k) != "час") count = *c, ++k;
                std::string_view unit = word(k);
                if (starts(unit, "дн") || unit == "день") { add(today.plus_days(unit == "день" && k == i + 1 ? 2 : count), i, k + 1); continue; }
                if (starts(unit, "недел")) { add(today.plus_days(7L * count), i, k + 1); continue; }
            }
            bool abbreviation = false;
            if (auto wd = weekday_of(t, abbreviation)) {
                std::string_view prev = i > 0 ? word(i - 1) : std::string_view();
                if (abbreviation && !one_of(prev, {"в", "во", "на", "с", "со", "к"})) continue;
                bool plural = w.ends_with("ам") || w.ends_with("ям");
                if (prev == "по" || plural) continue;  // "по субботам": every Saturday
                bool past = starts(prev, "прошл");
                // "на 30-е, это четверг": the weekday only confirms the date before it.
                if (prev == "это" && !out.empty() && out.back().end + 3 >= i) continue;
                // "в следующую субботу", "на следующей неделе во вторник": the day in next week.
                for (std::size_t k = i; k > 0 && k + 5 > i; --k) {
                    if (tokens[k - 1].is_boundary()) break;
                    if (starts(tokens[k - 1].cyr, "следующ")) next_week = true;
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
    // Context that makes a date not the one asked for, and alternatives.
    for (std::size_t m = 0; m < out.size(); ++m) {
        DateMention& d = out[m];
        std::string_view prev = d.begin > 0 ? word(d.begin - 1) : std::string_view();
        std::string_view prev2 = d.begin > 1 ? word(d.begin - 2) : std::string_view();
        d.from = one_of(prev, {"с", "со"});
        d.instead = prev == "вместо" || (one_of(prev, {"в", "во", "на"}) && prev2 == "вместо");
        // "не завтра, а в среду", "но не на сегодня", "кроме субботы": a date ruled out.
        if (negated_before(tokens, d.begin)) d.instead = true;
        // "сегодня не успеваю", "в среду я не смогу": a day that does not work for the customer.
        {
            std::size_t k = d.end;
            if (k < n && one_of(word(k), {"я", "мы", "уже", "точно", "никак"})) ++k;
            if (k + 1 < n && word(k) == "не" &&
                one_of(word(k + 1), {"успеваю", "успею", "смогу", "могу", "получится", "получается", "выходит",
                                     "приду", "подходит", "сможем", "успеем"}))
                d.declined = true;
        }
        // "до пятницы", "до 15 мая": a deadline, a range of days rather than one.
        if (prev == "до") d.instead = true;
        bool event_clause_closed = false;
        for (std::size_t k = d.begin; k > 0 && k + 4 > d.begin; --k) {
            if (tokens[k - 1].is_boundary()) break;
            // "улетаю в отпуск, можно в пятницу?": the event is in another clause.
            if (is_event_noun(tokens[k - 1]) && !event_clause_closed) d.event = true;
            if (tokens[k - 1].text == ",") event_clause_closed = true;
            // "тогда на понедельник", "лучше в пятницу", "давайте в среду": the customer's choice
            // after dates that were only talked about.
            if (k + 3 > d.begin && one_of(tokens[k - 1].cyr, {"тогда", "лучше", "давайте", "давай"})) d.preferred = true;
        }
        if (d.end < n && is_away_verb(tokens[d.end])) d.event = true;
        // "через два дня выпала", "через неделю всё облезло": an interval in a story of a past
        // visit, told with a verb in the past right after it.
        if (tokens[d.begin].cyr == "через") {
            for (std::size_t k = d.end; k < n && k < d.end + 2 && tokens[k].is_word(); ++k)
                if (is_past_verb(tokens[k])) d.past = true;
        }
        bool abbreviation = false;
        d.weekday = d.end == d.begin + 1 && weekday_of(tokens[d.begin], abbreviation).has_value();
        // "покрасилась у вас в субботу", "приходил в среду": a weekday told with a past verb is
        // the last one. Booking and moving verbs point ahead ("записалась на пятницу").
        // "с понедельника болит": since when a symptom lasts.
        if (d.from && d.end < n &&
            one_of(word(d.end), {"болит", "болят", "ноет", "ноют", "беспокоит", "мучает", "опухла", "опух", "кровит"}))
            d.past = true;
        if (d.weekday) {
            // The verb is the first word before the date that is not a preposition or "у вас".
            for (std::size_t k = d.begin; k > 0 && k + 5 > d.begin; --k) {
                const Token& before = tokens[k - 1];
                if (!before.is_word()) break;
                std::string_view v = before.cyr;
                if (one_of(v, {"в", "во", "на", "у", "вас", "вам", "к", "меня", "мне", "нас"})) continue;
                bool ahead = starts(v, "запис") || starts(v, "договор") || starts(v, "перенес") || starts(v, "хотел") ||
                             starts(v, "собирал") || starts(v, "планировал") || starts(v, "думал") || starts(v, "перезапис");
                if (is_past_verb(before) && !ahead) d.past = true;
                break;
            }
        }
        std::size_t used = 0;
        d.numbered = tokens[d.begin].is_number() || ordinal_words(tokens, d.begin, used).has_value();
        if (m > 0) {
            for (std::size_t k = out[m - 1].end; k < d.begin; ++k)
                if (tokens[k].cyr == "или" || tokens[k].low == "or") d.alternative = true;
        }
    }
    // "на пятницу, 15 число", "в понедельник 11-го": a weekday beside a numbered date only names
    // that date's day; the number is what the customer reads off a calendar, so it decides.
    for (std::size_t m = 0; m + 1 < out.size(); ++m) {
        DateMention& a = out[m];
        DateMention& b = out[m + 1];
        if (a.weekday == b.weekday || !(a.numbered || b.numbered)) continue;
        bool adjacent = b.begin >= a.end && b.begin - a.end <= 2;
        for (std::size_t k = a.end; adjacent && k < b.begin; ++k)
            adjacent = tokens[k].text == "," || one_of(tokens[k].cyr, {"на", "в", "во", "это"});
        if (adjacent) (a.weekday ? a : b).gloss = true;
    }
    return out;
}

std::optional<Date> pick_date(const std::vector<DateMention>& mentions, bool reschedule, bool cancel) {
    std::optional<std::size_t> chosen;
    for (std::size_t m = 0; m < mentions.size(); ++m) {
        const DateMention& d = mentions[m];
        if (d.past || d.event || d.gloss) continue;
        if (d.declined && !cancel) continue;  // in a cancel, the day that does not work is the visit's
        // "начать с понедельника" is still the date asked for; in a reschedule "с" is the old one.
        if (d.instead || (reschedule && d.from)) continue;
        chosen = m;
        if (!reschedule) break;
    }
    if (!chosen) return std::nullopt;
    // "хотела на завтра, но … тогда на понедельник": a date marked as the choice wins.
    for (std::size_t m = 0; m < mentions.size(); ++m) {
        const DateMention& d = mentions[m];
        if (d.preferred && !d.past && !d.event && !d.gloss && !d.instead && !(d.declined && !cancel) &&
            !(reschedule && d.from)) {
            chosen = m;
            if (!reschedule) break;
        }
    }
    // "во вторник или в среду": the customer has not chosen yet.
    if (mentions[*chosen].alternative) return std::nullopt;
    if (*chosen + 1 < mentions.size() && mentions[*chosen + 1].alternative &&
        !(mentions[*chosen + 1].date == mentions[*chosen].date))
        return std::nullopt;
    return mentions[*chosen].date;
}

}  // namespace leadhub::understand
