#include "understand/times.hpp"

#include <cstdio>
#include <string_view>

#include "understand/matcher.hpp"
#include "understand/negation.hpp"
#include "understand/number_words.hpp"

namespace leadhub::understand {
namespace {

constexpr int kIgnore = -1;

const PhraseSet& daypart_words() {
    static const PhraseSet set = [] {
        PhraseSet s;
        s.add_all({"=утром", "=утро", "=с =утра", "утречк*", "=с =утреца", "=утрецом", "=по =утрам", "перв* половин* =дня", "=до =обеда",
                   "=morning"},
                  static_cast<int>(Daypart::Morning));
        s.add_all({"=днем", "=после =обеда", "=в =обед", "=к =обеду", "=ближе =к =обеду", "втор* половин* =дня", "=после =школы",
                   "=afternoon", "=по =дням"},
                  static_cast<int>(Daypart::Afternoon));
        s.add_all({"=вечером", "вечерк*", "вечерочк*", "=вечер", "=к =вечеру", "=ближе =к =вечеру", "=по =вечерам",
                   "=после =работы", "=evening", "=tonight"},
                  static_cast<int>(Daypart::Evening));
        // Greetings and the past are not what the customer asks for.
        s.add_all({"=доброе =утро", "=добрый =вечер", "=доброго =вечера", "=доброго =утра", "=добрый =день",
                   "=good =morning", "=good =evening", "=good =afternoon", "=вчера =вечером", "=вчера =утром",
                   "=вчера =днем", "вчерашн* вечер*", "вчерашн* утр*", "=со =вчерашнего", "=каждое =утро"},
                  kIgnore);
        return s;
    }();
    return set;
}

bool is_unit(std::string_view w) {
    static constexpr std::string_view units[] = {"лет", "год", "раз", "недел", "месяц", "минут", "сеанс", "человек",
                                                 "тысяч", "руб", "процент", "штук", "числ", "чел", "мин", "сек", "кг",
                                                 "см", "дн", "день", "рук", "занят", "тренир", "имплант", "зуб", "ногт",
                                                 "процедур", "посещ", "визит", "сеанс", "ребен", "дет",
                                                 "взросл", "подруг", "курс", "тыс", "₽", "сут", "класс", "этаж",
                                                 "кв", "корп", "шт", "кило", "грамм", "литр", "балл", "годик"};
    for (std::string_view u : units)
        if (w.starts_with(u)) return true;
    return false;
}

// "опухла с утра", "болит с вечера": since when a symptom lasts, not when the customer wants to
// come. "с утра" straight after a verb in the past or present third person is read that way;
// after a day ("в субботу с утра") or a request ("можно с утра") it stays a part of the day.
bool since_then(const std::vector<Token>& tokens, const Hit& hit) {
    if (hit.begin == 0 || tokens[hit.begin].cyr != "с") return false;
    const Token& prev = tokens[hit.begin - 1];
    if (!prev.is_word() || prev.latin) return false;
    // "8 числа с утра", "15 мая с утра": a date, not a verb.
    if (hit.begin >= 2 && tokens[hit.begin - 2].is_number()) return false;
    const std::string& w = prev.cyr;
    auto ends = [&](std::string_view e) { return w.size() > e.size() + 4 && w.substr(w.size() - e.size()) == e; };
    if (w.starts_with("хотел") || w.starts_with("могл") || w.starts_with("смогл")) return false;
    return ends("ла") || ends("ло") || ends("ли") || ends("лся") || ends("лась") || ends("ит") || ends("ет") ||
           ends("ют") || ends("ят");
}

enum class Half { None, Morning, Day, Evening, Night };

Half qualifier(std::string_view w) {
    if (one_of(w, {"утра", "am", "a.m"})) return Half::Morning;
    if (one_of(w, {"дня", "pm", "p.m"})) return Half::Day;
    if (w == "вечера") return Half::Evening;
    if (w == "ночи") return Half::Night;
    return Half::None;
}

int adjust(int hour, Half half, bool leading_zero, bool evening, bool morning) {
    switch (half) {
        case Half::Morning: return hour == 12 ? 12 : hour;
        case Half::Day: return hour < 12 && hour <= 7 ? hour + 12 : hour;
        case Half::Evening: return hour < 12 ? hour + 12 : hour;
        case Half::Night: return hour == 12 ? 0 : hour;
        case Half::None: break;
    }
    if (leading_zero) return hour;
    // "утром, часов в 7": the message says morning, so a morning hour stays one.
    if (morning && !evening && hour >= 5 && hour <= 11) return hour;
    if (hour >= 1 && hour <= 7) return hour + 12;
    if (evening && hour < 12) return hour + 12;
    return hour;
}

}  // namespace

std::string TimeMention::hhmm() const {
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "%02d:%02d", hour % 24, minute % 60);
    return buffer;
}

const char* daypart_name(Daypart part) {
    switch (part) {
        case Daypart::Morning: return "morning";
        case Daypart::Afternoon: return "afternoon";
        case Daypart::Evening: return "evening";
    }
    return "";
}

std::vector<DaypartMention> find_dayparts(const std::vector<Token>& tokens) {
    std::vector<DaypartMention> out;
    std::vector<Hit> hits = daypart_words().find_all(tokens);
    std::size_t covered = 0;
    for (const Hit& hit : hits) {  // longest first at each start
        if (hit.begin < covered) continue;
        covered = hit.end;
        if (hit.payload == kIgnore) continue;
        if (since_then(tokens, hit)) continue;
        if (negated_before(tokens, hit.begin)) continue;  // "только не утром, а ближе к вечеру"
        out.push_back({static_cast<Daypart>(hit.payload), hit.begin, hit.end});
    }
    return out;
}

std::vector<TimeMention> find_times(const std::vector<Token>& tokens, const std::vector<bool>& consumed,
                                    bool evening, bool morning) {
    std::vector<TimeMention> out;
    const std::size_t n = tokens.size();
    auto word = [&](std::size_t i) -> std::string_view {
        return i < n && tokens[i].is_word() ? std::string_view(tokens[i].latin ? tokens[i].low : tokens[i].cyr)
                                            : std::string_view();
    };
    auto glued = [&](std::size_t i) { return i < n && !tokens[i].space_before; };
    auto preposition = [&](std::size_t i) {
        if (i == 0) return std::string_view();
        // "v 12", "k 10", "na 5": a Russian preposition typed in Latin letters.
        const Token& p = tokens[i - 1];
        if (p.is_word() && p.latin && one_of(p.cyr, {"в", "к", "на", "до", "после", "около"}))
            return std::string_view(p.cyr);
        return word(i - 1);
    };
    for (std::size_t i = 0; i < n; ++i) {
        if (consumed[i]) continue;
        const Token& t = tokens[i];
        // "перезвонили в 10:40" is when staff called back, "звоните после 18" when the customer
        // can take a call: neither is the time of the visit.
        bool staff_time = false;
        for (std::size_t k = i; k > 0 && k + 3 > i; --k) {
            std::string_view before = word(k - 1);
            if (before.starts_with("перезвон") || before.starts_with("позвон") || before.starts_with("звонит") ||
                before.starts_with("наберит") || one_of(before, {"звоните", "звонить", "набрать"}))
                staff_time = true;
        }
        if (t.is_number() && t.value >= 0 && t.value <= 24 && t.text.size() <= 2) {
            int hour = t.value, minute = 0;
            std::size_t end = i + 1;
            bool have_minutes = false;
            // 14:00, 18.30, 19-00
            if (i + 2 < n && glued(i + 1) && glued(i + 2) && one_of(tokens[i + 1].text, {":", ".", "-"}) &&
                tokens[i + 2].is_number() && tokens[i + 2].text.size() == 2 && tokens[i + 2].value <= 59 &&
                !consumed[i + 2]) {
                minute = tokens[i + 2].value;
                end = i + 3;
                have_minutes = true;
                // "8-913-…" is a phone, and it was consumed before; "15-20 минут" is a range.
                if (tokens[i + 1].text == "-" && (is_unit(word(end)) || (end < n && tokens[end].text == "-"))) continue;
            }
            // "в 10 30", "в 15 00": minutes after a space.
            if (!have_minutes && i + 1 < n && tokens[i + 1].is_number() && tokens[i + 1].space_before &&
                tokens[i + 1].text.size() == 2 && tokens[i + 1].value <= 59 && !consumed[i + 1] &&
                !is_unit(word(i + 2)) && !(i + 2 < n && glued(i + 2) && tokens[i + 2].is_punct() &&
                                           one_of(tokens[i + 2].text, {":", ".", "-"}))) {
                minute = tokens[i + 1].value;
                end = i + 2;
                have_minutes = true;
            }
            std::string_view prev = preposition(i);
            // "опоздаю минут на 15": a count of minutes, not an hour.
            // "часов на 10 утра" is an hour again: the half of the day says so.
            if (prev == "на" && i >= 2 && (word(i - 2).starts_with("минут") || word(i - 2).starts_with("час")) &&
                !(word(i - 2).starts_with("час") && qualifier(word(end)) != Half::None))
                continue;
            bool hour_preposition = one_of(prev, {"в", "к", "после", "около", "на", "часов", "часа", "часиков",
                                                  "часика", "часам", "часикам", "районе", "at", "around", "by", "after",
                                                  "примерно", "где-то", "до"});
            Half half = qualifier(word(end));
            if (!have_minutes) {
                if (!hour_preposition && (half == Half::None || word(end) == "дня")) continue;
                // "к 12ти", "в 5ти": a case ending glued to the digits.
                bool case_ending = end < n && glued(end) && one_of(word(end), {"ти", "ми", "х", "ух", "ех", "ть", "ч", "час", "часов"});
                if (case_ending) ++end;
                else if (half == Half::None && (is_unit(word(end)) || (end < n && tokens[end].is_word() && glued(end))))
                    continue;
                if (case_ending) half = qualifier(word(end));
                if (prev == "до" && half == Half::None) continue;
                // "на 11" and "на 15 вместо 14" are times; "на 2 недели" (a counted noun, is_unit
                // above) and "на 17-е" (read as a date before) are not.
                if (hour == 0) continue;
            }
            if (half != Half::None) ++end;
            else if (end < n && word(end).starts_with("час")) ++end;
            if (staff_time) continue;
            TimeMention m;
            m.hour = adjust(hour, half, t.text.size() == 2 && t.text[0] == '0', evening, morning);
            m.minute = minute;
            m.begin = i;
            m.end = end;
            m.qualified = half != Half::None;
            out.push_back(m);
            i = end - 1;
            continue;
        }
        if (!t.is_word()) continue;
        std::string_view w = word(i);
        // "к половине седьмого", "в пол седьмого", "полседьмого", "в половине 7"
        std::optional<int> half_hour;
        std::size_t end = i + 1;
        if (w.starts_with("половин") || w == "пол") {
            if (auto ord = ordinal_value(word(i + 1))) half_hour = *ord - 1, end = i + 2;
            else if (i + 1 < n && tokens[i + 1].is_number() && tokens[i + 1].value >= 1 && tokens[i + 1].value <= 12)
                half_hour = tokens[i + 1].value - 1, end = i + 2;
        } else if (w.size() > 6 && w.starts_with("пол")) {
            if (auto ord = ordinal_value(w.substr(6))) half_hour = *ord - 1;  // "пол" is six bytes
        }
        // "без пятнадцати шесть", "без четверти 7", "без 10 восемь": minutes before the hour.
        std::optional<int> minutes_before;
        if (w == "без" && !staff_time) {
            std::size_t k = i + 1;
            if (k < n && tokens[k].is_number() && tokens[k].value > 0 && tokens[k].value < 30) {
                minutes_before = tokens[k].value;
            } else {
                static constexpr std::pair<std::string_view, int> kMinutes[] = {
                    {"пяти", 5}, {"десяти", 10}, {"четверти", 15}, {"пятнадцати", 15}, {"двадцати", 20}};
                for (const auto& [form, value] : kMinutes)
                    if (word(k) == form) minutes_before = value;
                if (minutes_before == 20 && word(k + 1) == "пяти") minutes_before = 25, ++k;
            }
            std::optional<int> hour;
            if (minutes_before && k + 1 < n) {
                if (tokens[k + 1].is_number() && tokens[k + 1].value >= 1 && tokens[k + 1].value <= 12)
                    hour = tokens[k + 1].value;
                else if (auto h = cardinal_word(tokens[k + 1]))
                    hour = *h;
            }
            if (hour) {
                std::size_t stop = k + 2;
                Half half = qualifier(word(stop));
                if (half != Half::None) ++stop;
                TimeMention m;
                m.hour = adjust(*hour == 1 ? 12 : *hour - 1, half, false, evening, morning);  // "без пяти час" is 12:55
                m.minute = 60 - *minutes_before;
                m.begin = i;
                m.end = stop;
                m.qualified = half != Half::None;
                out.push_back(m);
                i = stop - 1;
                continue;
            }
        }
        if (half_hour && *half_hour >= 0 && *half_hour <= 11) {
            Half half = qualifier(word(end));
            if (half != Half::None) ++end;
            TimeMention m;
            m.hour = adjust(*half_hour == 0 ? 12 : *half_hour, half, false, evening, morning);
            m.minute = 30;
            m.begin = i;
            m.end = end;
            m.qualified = half != Half::None;
            out.push_back(m);
            i = end - 1;
            continue;
        }
        // "в три", "к десяти", "в пять вечера", "в полдень", "в час дня"
        if (one_of(preposition(i), {"в", "к", "около", "после"}) && !staff_time) {
            if (auto hour = cardinal_word(t)) {
                if (is_unit(word(i + 1)) && qualifier(word(i + 1)) == Half::None) continue;
                // "в один тон", "в одну линию": "один" is an hour only as "в час" or with "дня/ночи".
                if (one_of(w, {"один", "одну", "одного"}) && qualifier(word(i + 1)) == Half::None) continue;
                Half half = qualifier(word(i + 1));
                TimeMention m;
                m.hour = w == "полдень" ? 12 : adjust(*hour, half, false, evening, morning);
                m.begin = i;
                m.end = i + 1 + (half != Half::None ? 1 : 0);
                m.qualified = half != Half::None;
                out.push_back(m);
                i = m.end - 1;
            }
        }
    }
    return out;
}

}  // namespace leadhub::understand
