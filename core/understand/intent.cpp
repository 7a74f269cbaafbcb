#include "understand/intent.hpp"

#include <algorithm>
#include <array>

#include "understand/matcher.hpp"
#include "understand/negation.hpp"
#include "understand/phrase_data.hpp"
#include "understand/self_correction.hpp"

namespace leadhub::understand {
namespace {

enum Signal : int {
    kSpam, kWrongNumber, kThanks, kComplaint, kPastVisit, kCancel, kReschedule, kCannot, kExisting,
    kBookStrong, kBookWeak, kWant, kQuestion, kHow, kFormField, kIgnore, kRefund, kInstead, kRemove, kOpenHours, kAfterYours, kShift, kChange,
    kFault, kFailed, kDoneHere,
    kSignalCount
};

const PhraseSet& signal_words() {
    static const PhraseSet set = [] {
        PhraseSet s;
        // The phrases are in phrases/intent.txt, a section per signal, added in this order.
        for (auto [section, signal] : std::initializer_list<std::pair<std::string_view, Signal>>{
                 {"intent.spam", kSpam}, {"intent.wrong_number", kWrongNumber}, {"intent.thanks", kThanks},
                 {"intent.complaint", kComplaint}, {"intent.fault", kFault}, {"intent.failed", kFailed},
                 {"intent.done_here", kDoneHere}, {"intent.refund", kRefund}, {"intent.past_visit", kPastVisit},
                 {"intent.after_yours", kAfterYours}, {"intent.shift", kShift}, {"intent.change", kChange},
                 {"intent.cancel", kCancel}, {"intent.reschedule", kReschedule}, {"intent.instead", kInstead},
                 {"intent.remove", kRemove}, {"intent.cannot", kCannot}, {"intent.existing", kExisting},
                 {"intent.book_strong", kBookStrong}, {"intent.book_weak", kBookWeak}, {"intent.want", kWant},
                 {"intent.question", kQuestion}, {"intent.open_hours", kOpenHours}, {"intent.how", kHow},
                 {"intent.ignore", kIgnore}})
            add_section(s, section, signal);
        return s;
    }();
    return set;
}

// Negations that do not turn a signal off: "не смогу" is itself a signal.
bool negation_applies(int signal) {
    return signal == kCancel || signal == kReschedule || signal == kBookStrong || signal == kBookWeak ||
           signal == kRemove || signal == kShift || signal == kChange || signal == kInstead;
}

bool is_form(const std::vector<Token>& tokens) {
    for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
        bool line_start = i == 0 || tokens[i - 1].text == "\n";
        if (line_start && tokens[i + 1].text == ":" &&
            (tokens[i].low == "имя" || tokens[i].low == "телефон" || tokens[i].low == "услуга" ||
             tokens[i].low == "фио"))
            return true;
    }
    return false;
}

}  // namespace

std::string classify_intent(const IntentFacts& facts) {
    const std::vector<Token>& tokens = *facts.tokens;
    std::array<int, kSignalCount> count{};
    std::size_t cannot_begin = 0, cannot_end = 0;
    std::size_t first_ask = tokens.size();  // where the first booking word is
    bool want_service = false;
    std::vector<Hit> hits = signal_words().find_all(tokens);
    std::size_t covered = 0, taken_begin = 0, taken_end = 0;
    for (const Hit& hit : hits) {  // the longest signal at a position wins ("как можно" is not a question)
        bool same_span = hit.begin == taken_begin && hit.end == taken_end && taken_end > 0;
        if (hit.begin < covered && !same_span) continue;
        covered = hit.end;
        taken_begin = hit.begin;
        taken_end = hit.end;
        if (negation_applies(hit.payload) && negated(tokens, hit.begin, hit.end)) continue;
        // "её отменили", "занятия отменяют": the business called it off, not the customer.
        if (hit.payload == kCancel && (tokens[hit.begin].cyr == "отменили" || tokens[hit.begin].cyr == "отменяют")) continue;
        // "совсем не больно было!" tells, "а это больно?" asks.
        if (hit.payload == kQuestion && tokens[hit.begin].cyr == "больно" && negated_before(tokens, hit.begin)) continue;
        if (hit.payload == kRemove) {
            // "уберите мою запись": a removal verb counts only with the booking as its object.
            bool booking = false;
            // "снять гель-лак без записи" is not one.
            for (std::size_t k = hit.end; k < tokens.size() && k < hit.end + 4 && !tokens[k].is_boundary(); ++k)
                if ((tokens[k].cyr == "запись" || tokens[k].cyr == "записи") && tokens[k - 1].cyr != "без") booking = true;
            if (!booking) continue;
        }
        if (hit.payload == kCannot && cannot_end == 0) {
            cannot_begin = hit.begin;
            cannot_end = hit.end;
        }
        if (hit.payload == kBookStrong || hit.payload == kBookWeak || hit.payload == kWant)
            first_ask = std::min(first_ask, hit.begin);
        if (hit.payload == kWant) {
            // "хочу подстричься", "хочу сделать маникюр": want + a service within two words.
            for (std::size_t k = hit.end; k < tokens.size() && k < hit.end + 2; ++k)
                if (facts.service_at[k]) want_service = true;
        }
        ++count[static_cast<std::size_t>(hit.payload)];
    }
    bool question_mark = std::any_of(tokens.begin(), tokens.end(), [](const Token& t) { return t.text == "?"; });
    bool book_strong = count[kBookStrong] > 0;
    if (question_mark) count[kQuestion] += count[kHow];

    // "вместо четверга" / "на 15 вместо 14" move a visit; "12 тысяч вместо 8" does not.
    if (facts.has_when) count[kReschedule] += count[kInstead];
    count[kCancel] += count[kRemove];
    // Someone in pain asking "вы сегодня работаете?" wants to come in.
    count[facts.acute ? kBookWeak : kQuestion] += count[kOpenHours];

    count[kPastVisit] += count[kAfterYours] + count[kDoneHere];
    if (count[kExisting] > 0) count[kReschedule] += count[kShift];
    if (count[kExisting] > 0 && facts.has_when) count[kReschedule] += count[kChange];
    // Pain after a visit here is a complaint even without a word of blame.
    if (facts.acute && count[kAfterYours] > 0) count[kComplaint] += 1;

    // A toll-free 8 800 number is a business's, not a customer's: a vendor's offer.
    if ((count[kSpam] > 0 || count[kWrongNumber] > 0 || facts.toll_free_phone) && !book_strong) return "other";
    int complaint = count[kComplaint];
    if (count[kRefund] > 0 && !(count[kCancel] > 0 && complaint == 0)) complaint += count[kRefund];
    if (complaint >= 2 || (complaint >= 1 && (count[kPastVisit] > 0 || (!book_strong && !facts.has_when))))
        return "complaint";
    // What went wrong at a past visit, told plainly and asking for nothing: "вчера была на
    // тренировке, тренер полчаса сидел в телефоне"; "пломбу ставили в августе, она откололась".
    {
        bool asks = book_strong || count[kBookWeak] > 0 || want_service || count[kWant] > 0 || count[kCancel] > 0 ||
                    count[kReschedule] > 0 || count[kCannot] > 0 || !facts.date_starts.empty();
        int fault = count[kFault] + (count[kDoneHere] + count[kAfterYours] > 0 ? count[kFailed] : 0);
        if (!asks && (fault >= 2 || (fault >= 1 && count[kPastVisit] > 0))) return "complaint";
    }
    // "хотела записаться в среду, но не успеваю, давайте в четверг", "в 9, хотя нет, в 9 не
    // успею": a booking the customer corrects while making it, nothing booked yet to move.
    if (count[kCannot] > 0 && count[kExisting] == 0 && (correction_point(tokens) > 0 || first_ask < cannot_begin))
        count[kCannot] = 0;
    if (count[kCancel] > 0) return "cancel";
    if (count[kRefund] > 0) return "complaint";
    if (count[kReschedule] > 0) return "reschedule";
    if (count[kCannot] > 0) {
        // "не смогу в среду, можно на четверг?": a new date after the one that does not work.
        bool new_date = std::any_of(facts.date_starts.begin(), facts.date_starts.end(),
                                    [&](std::size_t start) { return start >= cannot_end + 2; });
        if (new_date) return "reschedule";
        // "я не приду завтра": the day of a visit that will not happen.
        if (count[kExisting] > 0 || facts.has_service || !facts.date_starts.empty()) return "cancel";
    }
    if (is_form(tokens)) return "book";
    bool book_weak = count[kBookWeak] > 0 || want_service;
    if (count[kThanks] > 0 && !book_strong && !book_weak && count[kQuestion] == 0) return "other";
    if (book_strong) return "book";
    if (facts.has_when && (book_weak || count[kWant] > 0)) return "book";
    // "Есть ли у вас стретчинг по утрам?" asks about the schedule, it does not book.
    if (count[kQuestion] > 0) return "question";
    if (facts.has_when && facts.has_service) return "book";
    if (book_weak) return "book";
    if (question_mark) return "question";
    if (facts.has_service) return "book";
    return "other";
}

}  // namespace leadhub::understand
