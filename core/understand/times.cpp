#include "understand/times.hpp"

#include <cstdio>
#include <optional>
#include <string_view>

#include "understand/matcher.hpp"
#include "understand/negation.hpp"
#include "understand/number_words.hpp"
#include "understand/phrase_data.hpp"

namespace leadhub::understand {
namespace {

// The payload of the "daypart.not_asked" phrases: a part of day named but not asked for.
constexpr int kNotAskedDaypart = -1;

const PhraseSet& daypart_words() {
    static const PhraseSet set = [] {
        PhraseSet s;
        add_section(s, "daypart.morning", static_cast<int>(Daypart::Morning));
        add_section(s, "daypart.afternoon", static_cast<int>(Daypart::Afternoon));
        add_section(s, "daypart.evening", static_cast<int>(Daypart::Evening));
        add_section(s, "daypart.not_asked", kNotAskedDaypart);  // greetings and the past
        return s;
    }();
    return set;
}

// The word lists of phrases/times.txt, read once.
struct TimeWords {
    WordList since_verb_endings{"daypart.since_verb_endings"}, since_wish_verbs{"daypart.since_wish_verbs"};
    WordList units{"time.units"};
    WordList half_morning{"time.half.morning"}, half_day{"time.half.day"}, half_evening{"time.half.evening"},
        half_night{"time.half.night"};
    WordList call_verbs{"time.call_verbs"}, latin_prepositions{"time.latin_prepositions"};
    WordList hour_prepositions{"time.hour_prepositions"}, glued_endings{"time.glued_endings"};
    WordList half_past{"time.half_past"}, minutes_before{"time.minutes_before"};
    WordList hour_word_prepositions{"time.hour_word_prepositions"}, one{"time.one"};
};

const TimeWords& time_words() {
    static const TimeWords lists;
    return lists;
}

bool is_unit(std::string_view w) { return time_words().units.contains(w); }

// "опухла с утра", "болит с вечера": since when a symptom lasts, not when the customer wants to
// come. "с утра" straight after a verb in the past or present third person is read that way;
// after a day ("в субботу с утра") or a request ("можно с утра") it stays a part of the day.
bool since_then(const std::vector<Token>& tokens, const Hit& hit) {
    if (hit.begin == 0 || tokens[hit.begin].cyr != "с") return false;
    const Token& prev = tokens[hit.begin - 1];
    if (!prev.is_word() || prev.latin) return false;
    // "8 числа с утра", "15 мая с утра": a date, not a verb.
    if (hit.begin >= 2 && tokens[hit.begin - 2].is_number()) return false;
    if (time_words().since_wish_verbs.contains(prev.cyr)) return false;
    return time_words().since_verb_endings.has_ending(prev.cyr, 5);
}

enum class Half { None, Morning, Day, Evening, Night };

Half qualifier(std::string_view w) {
    if (time_words().half_morning.contains(w)) return Half::Morning;
    if (time_words().half_day.contains(w)) return Half::Day;
    if (time_words().half_evening.contains(w)) return Half::Evening;
    if (time_words().half_night.contains(w)) return Half::Night;
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

// The message as the time matchers see it.
struct TimeScan {
    const std::vector<Token>& tokens;
    const std::vector<bool>& consumed;
    bool evening = false, morning = false;

    std::size_t size() const { return tokens.size(); }
    std::string_view word(std::size_t i) const {
        return i < size() && tokens[i].is_word() ? std::string_view(tokens[i].latin ? tokens[i].low : tokens[i].cyr)
                                                 : std::string_view();
    }
    bool glued(std::size_t i) const { return i < size() && !tokens[i].space_before; }
    bool separator(std::size_t i) const {
        return i < size() && (tokens[i].text == ":" || tokens[i].text == "." || tokens[i].text == "-");
    }
    // The word before token i; "v 12", "k 10", "na 5": a Russian preposition typed in Latin letters.
    std::string_view preposition(std::size_t i) const {
        if (i == 0) return std::string_view();
        const Token& p = tokens[i - 1];
        if (p.is_word() && p.latin && time_words().latin_prepositions.contains(p.cyr)) return std::string_view(p.cyr);
        return word(i - 1);
    }
    // "перезвонили в 10:40" is when staff called back, "звоните после 18" when the customer can
    // take a call: neither is the time of the visit. A call verb up to three words back.
    bool call_time(std::size_t i) const {
        for (std::size_t k = i; k > 0 && k + 3 > i; --k)
            if (time_words().call_verbs.contains(word(k - 1))) return true;
        return false;
    }
    TimeMention mention(int hour, int minute, std::size_t begin, std::size_t end, Half half) const {
        TimeMention m;
        m.hour = hour;
        m.minute = minute;
        m.begin = begin;
        m.end = end;
        m.qualified = half != Half::None;
        return m;
    }
};

struct Minutes {
    int minute = 0;
    std::size_t end = 0;  // the token after the minutes
};

// "14:00", "18.30", "19-00": minutes glued to the hour by a separator. `range` is set for
// "15-20 минут" and "8-913-…" (a phone, consumed before), which are no time at all.
std::optional<Minutes> match_hh_mm(const TimeScan& s, std::size_t i, bool& range) {
    const auto& t = s.tokens;
    if (!(i + 2 < s.size() && s.glued(i + 1) && s.glued(i + 2) && s.separator(i + 1) && t[i + 2].is_number() &&
          t[i + 2].text.size() == 2 && t[i + 2].value <= 59 && !s.consumed[i + 2]))
        return std::nullopt;
    Minutes m{t[i + 2].value, i + 3};
    range = t[i + 1].text == "-" && (is_unit(s.word(m.end)) || (m.end < s.size() && t[m.end].text == "-"));
    return m;
}

// "в 10 30", "в 15 00": minutes after a space, when no unit or separator follows them.
std::optional<Minutes> match_hh_space_mm(const TimeScan& s, std::size_t i) {
    const auto& t = s.tokens;
    if (i + 1 < s.size() && t[i + 1].is_number() && t[i + 1].space_before && t[i + 1].text.size() == 2 &&
        t[i + 1].value <= 59 && !s.consumed[i + 1] && !is_unit(s.word(i + 2)) &&
        !(s.glued(i + 2) && t[i + 2].is_punct() && s.separator(i + 2)))
        return Minutes{t[i + 1].value, i + 2};
    return std::nullopt;
}

// An hour in digits: "14:00", "в 10 30", "к 10", "в 5ти", "в 3 дня", "часов на 10 утра".
std::optional<TimeMention> match_clock_digits(const TimeScan& s, std::size_t i) {
    const Token& t = s.tokens[i];
    int hour = t.value, minute = 0;
    std::size_t end = i + 1;
    bool have_minutes = false, range = false;
    if (auto m = match_hh_mm(s, i, range)) {
        if (range) return std::nullopt;
        minute = m->minute, end = m->end, have_minutes = true;
    } else if (auto m2 = match_hh_space_mm(s, i)) {
        minute = m2->minute, end = m2->end, have_minutes = true;
    }
    std::string_view prev = s.preposition(i);
    // "опоздаю минут на 15": a count of minutes, not an hour.
    // "часов на 10 утра" is an hour again: the half of the day says so.
    if (prev == "на" && i >= 2 && (s.word(i - 2).starts_with("минут") || s.word(i - 2).starts_with("час")) &&
        !(s.word(i - 2).starts_with("час") && qualifier(s.word(end)) != Half::None))
        return std::nullopt;
    Half half = qualifier(s.word(end));
    if (!have_minutes) {
        // A bare number is an hour only after a preposition or with the half of the day.
        if (!time_words().hour_prepositions.contains(prev) && (half == Half::None || s.word(end) == "дня")) return std::nullopt;
        // "к 12ти", "в 5ти": a case ending glued to the digits.
        bool case_ending = s.glued(end) && time_words().glued_endings.contains(s.word(end));
        if (case_ending) ++end;
        else if (half == Half::None && (is_unit(s.word(end)) || (end < s.size() && s.tokens[end].is_word() && s.glued(end))))
            return std::nullopt;
        if (case_ending) half = qualifier(s.word(end));
        if (prev == "до" && half == Half::None) return std::nullopt;
        // "на 11" and "на 15 вместо 14" are times; "на 2 недели" (a counted noun, is_unit
        // above) and "на 17-е" (read as a date before) are not.
        if (hour == 0) return std::nullopt;
    }
    if (half != Half::None) ++end;
    else if (s.word(end).starts_with("час")) ++end;
    if (s.call_time(i)) return std::nullopt;
    bool leading_zero = t.text.size() == 2 && t.text[0] == '0';
    return s.mention(adjust(hour, half, leading_zero, s.evening, s.morning), minute, i, end, half);
}

// "без пятнадцати шесть", "без четверти 7", "без 10 восемь": minutes before the hour.
std::optional<TimeMention> match_minutes_before(const TimeScan& s, std::size_t i) {
    if (s.word(i) != "без" || s.call_time(i)) return std::nullopt;
    const auto& t = s.tokens;
    std::size_t k = i + 1;
    std::optional<int> minutes_before;
    if (k < s.size() && t[k].is_number() && t[k].value > 0 && t[k].value < 30) {
        minutes_before = t[k].value;
    } else {
        minutes_before = time_words().minutes_before.value_of(s.word(k));
        if (minutes_before == 20 && s.word(k + 1) == "пяти") minutes_before = 25, ++k;  // "без двадцати пяти"
    }
    std::optional<int> hour;
    if (minutes_before && k + 1 < s.size()) {
        if (t[k + 1].is_number() && t[k + 1].value >= 1 && t[k + 1].value <= 12)
            hour = t[k + 1].value;
        else if (auto h = cardinal_word(t[k + 1]))
            hour = *h;
    }
    if (!hour) return std::nullopt;
    std::size_t stop = k + 2;
    Half half = qualifier(s.word(stop));
    if (half != Half::None) ++stop;
    // "без пяти час" is 12:55
    return s.mention(adjust(*hour == 1 ? 12 : *hour - 1, half, false, s.evening, s.morning), 60 - *minutes_before, i,
                     stop, half);
}

// "к половине седьмого", "в пол седьмого", "полседьмого", "в половине 7": half past the hour before.
std::optional<TimeMention> match_half_past(const TimeScan& s, std::size_t i) {
    std::string_view w = s.word(i);
    const auto& t = s.tokens;
    std::optional<int> half_hour;
    std::size_t end = i + 1;
    if (time_words().half_past.contains(w)) {
        if (auto ord = ordinal_value(s.word(i + 1))) half_hour = *ord - 1, end = i + 2;
        else if (i + 1 < s.size() && t[i + 1].is_number() && t[i + 1].value >= 1 && t[i + 1].value <= 12)
            half_hour = t[i + 1].value - 1, end = i + 2;
    } else if (w.size() > 6 && w.starts_with("пол")) {
        if (auto ord = ordinal_value(w.substr(6))) half_hour = *ord - 1;  // "пол" is six bytes
    }
    if (!half_hour || *half_hour < 0 || *half_hour > 11) return std::nullopt;
    Half half = qualifier(s.word(end));
    if (half != Half::None) ++end;
    return s.mention(adjust(*half_hour == 0 ? 12 : *half_hour, half, false, s.evening, s.morning), 30, i, end, half);
}

// "в три", "к десяти", "в пять вечера", "в полдень", "в час дня": an hour in words.
std::optional<TimeMention> match_hour_word(const TimeScan& s, std::size_t i) {
    if (!time_words().hour_word_prepositions.contains(s.preposition(i)) || s.call_time(i)) return std::nullopt;
    auto hour = cardinal_word(s.tokens[i]);
    if (!hour) return std::nullopt;
    std::string_view w = s.word(i);
    Half half = qualifier(s.word(i + 1));
    if (is_unit(s.word(i + 1)) && half == Half::None) return std::nullopt;
    // "в один тон", "в одну линию": "один" is an hour only as "в час" or with "дня/ночи".
    if (time_words().one.contains(w) && half == Half::None) return std::nullopt;
    int h = w == "полдень" ? 12 : adjust(*hour, half, false, s.evening, s.morning);
    return s.mention(h, 0, i, i + 1 + (half != Half::None ? 1 : 0), half);
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
        if (hit.payload == kNotAskedDaypart) continue;
        if (since_then(tokens, hit)) continue;
        if (negated_before(tokens, hit.begin)) continue;  // "только не утром, а ближе к вечеру"
        out.push_back({static_cast<Daypart>(hit.payload), hit.begin, hit.end});
    }
    return out;
}

std::vector<TimeMention> find_times(const std::vector<Token>& tokens, const std::vector<bool>& consumed,
                                    bool evening, bool morning) {
    const TimeScan scan{tokens, consumed, evening, morning};
    std::vector<TimeMention> out;
    // An hour in digits first; a word may open minutes before the hour, half past, or an hour.
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (consumed[i]) continue;
        const Token& t = tokens[i];
        std::optional<TimeMention> found;
        if (t.is_number()) {
            if (t.value >= 0 && t.value <= 24 && t.text.size() <= 2) found = match_clock_digits(scan, i);
        } else if (t.is_word()) {
            for (auto matcher : {match_minutes_before, match_half_past, match_hour_word})
                if ((found = matcher(scan, i))) break;
        }
        if (!found) continue;
        out.push_back(*found);
        i = found->end - 1;
    }
    return out;
}

}  // namespace leadhub::understand
