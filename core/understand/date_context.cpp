// What the words around a date say about it: ruled out, a deadline, a day that does not work,
// an event or the customer's travel, the customer's choice, a story of a past visit, a weekday
// that only names the numbered date beside it; and which date, of all, is the one asked for.
#include <string_view>

#include "understand/dates.hpp"
#include "understand/negation.hpp"
#include "understand/number_words.hpp"

namespace leadhub::understand {
namespace {

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
    return w.starts_with("уезжа") || w.starts_with("улета") || w.starts_with("уеду") || w.starts_with("улечу") ||
           w.starts_with("уезжу") || w.starts_with("отъезд") || w.starts_with("вылет");
}

bool is_event_noun(const Token& t) {
    std::string_view w = t.cyr;
    return w.starts_with("свадьб") || w.starts_with("юбиле") || w.starts_with("выпускн") || w.starts_with("корпоратив") ||
           w.starts_with("праздник") || w.starts_with("отпуск") || w.starts_with("командировк") || w.starts_with("экзамен") ||
           w == "др" || w == "рождения";
}

}  // namespace

void mark_date_context(const std::vector<Token>& tokens, std::vector<DateMention>& out) {
    const std::size_t n = tokens.size();
    auto word = [&](std::size_t i) -> std::string_view { return i < n && tokens[i].is_word() ? std::string_view(tokens[i].cyr) : std::string_view(); };
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
                bool ahead = v.starts_with("запис") || v.starts_with("договор") || v.starts_with("перенес") || v.starts_with("хотел") ||
                             v.starts_with("собирал") || v.starts_with("планировал") || v.starts_with("думал") || v.starts_with("перезапис");
                if (is_past_verb(before) && !ahead) d.past = true;
                break;
            }
            // "делала у вас чистку лица в среду": the past verb opens the clause, the service
            // stands between. Up to six words back, not past a punctuation mark.
            for (std::size_t k = d.begin; !d.past && k > 0 && k + 7 > d.begin && tokens[k - 1].is_word(); --k) {
                std::string_view v = tokens[k - 1].cyr;
                if (v.starts_with("запис") || v.starts_with("хотел") || v.starts_with("перенес") || v.starts_with("договор") ||
                    v.starts_with("планировал") || v.starts_with("собирал") || v.starts_with("думал") || v.starts_with("перезапис"))
                    break;
                // "сказали прийти в пятницу": an infinitive or a wish between points ahead.
                if (v.ends_with("ть") || v.ends_with("ти") || one_of(v, {"можно", "хочу", "хотим", "хочет", "надо", "нужно", "давайте"}))
                    break;
                if (is_past_verb(tokens[k - 1]) && !one_of(v, {"около", "число", "числа", "начало", "начала"})) d.past = true;
            }
            // "у меня в субботу зуб раскрошился", "в субботу была на йоге": a past verb right
            // after, in the same clause ("в субботу было бы удобно" is no past).
            for (std::size_t k = d.end; k < n && k < d.end + 3 && tokens[k].is_word(); ++k)
                if ((is_past_verb(tokens[k]) || (one_of(tokens[k].cyr, {"был", "была", "были", "было"}) && word(k + 1) != "бы")) &&
                    !tokens[k].cyr.starts_with("запис") && !tokens[k].cyr.starts_with("хотел") &&
                    !one_of(tokens[k].cyr, {"около", "число", "числа", "начало", "начала", "пожалуйста"})) {
                    d.past = true;
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
