// What the words around a date say about it: ruled out, a deadline, a day that does not work,
// an event or the customer's travel, the customer's choice, a story of a past visit, a weekday
// that only names the numbered date beside it; and which date, of all, is the one asked for.
#include <string_view>

#include "understand/dates.hpp"
#include "understand/negation.hpp"
#include "understand/number_words.hpp"
#include "understand/phrase_data.hpp"

namespace leadhub::understand {
namespace {

// The word lists of phrases/dates.txt that the context of a date uses, read once.
struct ContextWords {
    WordList from{"date.from"}, instead_prepositions{"date.instead_prepositions"};
    WordList declined_fillers{"date.declined_fillers"}, declined_verbs{"date.declined_verbs"};
    WordList event_nouns{"date.event_nouns"}, away_verbs{"date.away_verbs"}, choice_words{"date.choice_words"};
    WordList symptom_verbs{"date.symptom_verbs"}, past_verb_endings{"date.past_verb_endings"};
    WordList before_verb_words{"date.before_verb_words"}, ahead_verbs{"date.ahead_verbs"}, wish_words{"date.wish_words"};
    WordList not_past_verbs{"date.not_past_verbs"}, was{"date.was"}, gloss_joiners{"date.gloss_joiners"};
};

const ContextWords& context_words() {
    static const ContextWords lists;
    return lists;
}

// A verb in the past tense: "выпала", "отошли", "сломался", "облезло".
bool is_past_verb(const Token& t) {
    return t.is_word() && !t.latin && context_words().past_verb_endings.has_ending(t.cyr, 6);
}

// The words around one date mention.
struct Around {
    const std::vector<Token>& tokens;
    std::string_view word(std::size_t i) const {
        return i < tokens.size() && tokens[i].is_word() ? std::string_view(tokens[i].cyr) : std::string_view();
    }
    std::string_view before(const DateMention& d, std::size_t back) const {
        return d.begin >= back ? word(d.begin - back) : std::string_view();
    }
};

// "с субботы": the day a move starts from.
void mark_from(const Around& a, DateMention& d) { d.from = context_words().from.contains(a.before(d, 1)); }

// "вместо четверга", "на 15 вместо 14", "не завтра, а в среду", "кроме субботы", and the
// deadline "до пятницы": a date ruled out, or a range rather than one day.
void mark_ruled_out(const Around& a, DateMention& d) {
    std::string_view prev = a.before(d, 1);
    d.instead = prev == "вместо" || (context_words().instead_prepositions.contains(prev) && a.before(d, 2) == "вместо");
    if (negated_before(a.tokens, d.begin)) d.instead = true;
    if (prev == "до") d.instead = true;
}

// "сегодня не успеваю", "в среду я не смогу": a day that does not work for the customer.
void mark_declined(const Around& a, DateMention& d) {
    std::size_t k = d.end;
    if (k < a.tokens.size() && context_words().declined_fillers.contains(a.word(k))) ++k;
    if (k + 1 < a.tokens.size() && a.word(k) == "не" && context_words().declined_verbs.contains(a.word(k + 1))) d.declined = true;
}

// "свадьба 25 апреля", "улетаю в отпуск" (an event in the same clause, up to three words back)
// and "завтра уезжаю" (the customer's own plans) tell a date; "тогда на понедельник", "лучше в
// пятницу", "давайте в среду" mark the customer's choice after dates only talked about.
void mark_event_and_choice(const Around& a, DateMention& d) {
    const auto& tokens = a.tokens;
    bool event_clause_closed = false;
    for (std::size_t k = d.begin; k > 0 && k + 4 > d.begin; --k) {
        if (tokens[k - 1].is_boundary()) break;
        // "улетаю в отпуск, можно в пятницу?": the event is in another clause.
        if (context_words().event_nouns.contains(tokens[k - 1].cyr) && !event_clause_closed) d.event = true;
        if (tokens[k - 1].text == ",") event_clause_closed = true;
        if (k + 3 > d.begin && context_words().choice_words.contains(tokens[k - 1].cyr)) d.preferred = true;
    }
    if (d.end < tokens.size() && context_words().away_verbs.contains(tokens[d.end].cyr)) d.event = true;
}

// "через два дня выпала", "через неделю всё облезло": an interval in a story of a past visit,
// told with a verb in the past right after it; "с понедельника болит": since when a symptom lasts.
void mark_story_interval(const Around& a, DateMention& d) {
    const auto& tokens = a.tokens;
    if (tokens[d.begin].cyr == "через") {
        for (std::size_t k = d.end; k < tokens.size() && k < d.end + 2 && tokens[k].is_word(); ++k)
            if (is_past_verb(tokens[k])) d.past = true;
    }
    if (d.from && d.end < tokens.size() && context_words().symptom_verbs.contains(a.word(d.end))) d.past = true;
}

// "покрасилась у вас в субботу", "приходил в среду", "делала у вас чистку лица в среду", "в
// субботу зуб раскрошился": a weekday told with a past verb is the last one. Booking and moving
// verbs point ahead ("записалась на пятницу"), so do wishes ("сказали прийти в пятницу").
void mark_past_weekday(const Around& a, DateMention& d) {
    if (!d.weekday) return;
    const auto& tokens = a.tokens;
    const ContextWords& w = context_words();
    // The verb is the first word before the date that is not a preposition or "у вас".
    for (std::size_t k = d.begin; k > 0 && k + 5 > d.begin; --k) {
        const Token& before = tokens[k - 1];
        if (!before.is_word()) break;
        if (w.before_verb_words.contains(before.cyr)) continue;
        if (is_past_verb(before) && !w.ahead_verbs.contains(before.cyr)) d.past = true;
        break;
    }
    // The past verb opens the clause, the service stands between: up to six words back, not past
    // a punctuation mark.
    for (std::size_t k = d.begin; !d.past && k > 0 && k + 7 > d.begin && tokens[k - 1].is_word(); --k) {
        std::string_view v = tokens[k - 1].cyr;
        if (w.ahead_verbs.contains(v) || w.wish_words.contains(v)) break;
        if (is_past_verb(tokens[k - 1]) && !w.not_past_verbs.contains(v)) d.past = true;
    }
    // A past verb right after, in the same clause ("в субботу было бы удобно" is no past).
    for (std::size_t k = d.end; k < tokens.size() && k < d.end + 3 && tokens[k].is_word(); ++k) {
        std::string_view v = tokens[k].cyr;
        if ((is_past_verb(tokens[k]) || (w.was.contains(v) && a.word(k + 1) != "бы")) && !v.starts_with("запис") &&
            !v.starts_with("хотел") && !w.not_past_verbs.contains(v) && v != "пожалуйста") {
            d.past = true;
            break;
        }
    }
}

// "во вторник или в среду": joined to the previous mention by "или".
void mark_alternative(const Around& a, const DateMention* previous, DateMention& d) {
    if (previous == nullptr) return;
    for (std::size_t k = previous->end; k < d.begin; ++k)
        if (a.tokens[k].cyr == "или" || a.tokens[k].low == "or") d.alternative = true;
}

// "на пятницу, 15 число", "в понедельник 11-го": a weekday beside a numbered date only names
// that date's day; the number is what the customer reads off a calendar, so it decides.
void mark_glosses(const Around& a, std::vector<DateMention>& out) {
    for (std::size_t m = 0; m + 1 < out.size(); ++m) {
        DateMention& first = out[m];
        DateMention& second = out[m + 1];
        if (first.weekday == second.weekday || !(first.numbered || second.numbered)) continue;
        bool adjacent = second.begin >= first.end && second.begin - first.end <= 2;
        for (std::size_t k = first.end; adjacent && k < second.begin; ++k)
            adjacent = a.tokens[k].text == "," || context_words().gloss_joiners.contains(a.tokens[k].cyr);
        if (adjacent) (first.weekday ? first : second).gloss = true;
    }
}

}  // namespace

void mark_date_context(const std::vector<Token>& tokens, std::vector<DateMention>& out) {
    const Around around{tokens};
    for (std::size_t m = 0; m < out.size(); ++m) {
        DateMention& d = out[m];
        mark_from(around, d);
        mark_ruled_out(around, d);
        mark_declined(around, d);
        mark_event_and_choice(around, d);
        mark_story_interval(around, d);  // after mark_from: "с понедельника болит"
        mark_past_weekday(around, d);
        std::size_t used = 0;
        d.numbered = tokens[d.begin].is_number() || ordinal_words(tokens, d.begin, used).has_value();
        mark_alternative(around, m > 0 ? &out[m - 1] : nullptr, d);
    }
    mark_glosses(around, out);
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
