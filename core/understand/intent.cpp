#include "understand/intent.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <string_view>

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

// "Имя: …\nТелефон: …": a web form's fields, one a line.
bool is_form(const std::vector<Token>& tokens) {
    static const WordList fields("intent.form_fields");
    for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
        bool line_start = i == 0 || tokens[i - 1].text == "\n";
        if (line_start && tokens[i + 1].text == ":" && fields.contains(tokens[i].low)) return true;
    }
    return false;
}

// What the signal words of a message add up to.
struct Signals {
    std::array<int, kSignalCount> count{};
    std::size_t cannot_begin = 0, cannot_end = 0;  // the first "не смогу"
    std::size_t first_ask = 0;                     // where the first booking word is
    bool want_service = false;                     // "хочу подстричься": want + a service
    bool question_mark = false;
    bool book_strong = false;
    int& operator[](Signal s) { return count[static_cast<std::size_t>(s)]; }
    int operator[](Signal s) const { return count[static_cast<std::size_t>(s)]; }
};

// Whether a signal found at `hit` counts: negations, the business's own cancellations, a
// question told as a story and removal verbs without the booking as their object do not.
bool signal_counts(const std::vector<Token>& tokens, const Hit& hit) {
    if (negation_applies(hit.payload) && negated(tokens, hit.begin, hit.end)) return false;
    // "её отменили", "занятия отменяют": the business called it off, not the customer.
    if (hit.payload == kCancel && (tokens[hit.begin].cyr == "отменили" || tokens[hit.begin].cyr == "отменяют")) return false;
    // "совсем не больно было!" tells, "а это больно?" asks.
    if (hit.payload == kQuestion && tokens[hit.begin].cyr == "больно" && negated_before(tokens, hit.begin)) return false;
    if (hit.payload == kRemove) {
        // "уберите мою запись": a removal verb counts only with the booking as its object;
        // "снять гель-лак без записи" is not one.
        for (std::size_t k = hit.end; k < tokens.size() && k < hit.end + 4 && !tokens[k].is_boundary(); ++k)
            if ((tokens[k].cyr == "запись" || tokens[k].cyr == "записи") && tokens[k - 1].cyr != "без") return true;
        return false;
    }
    return true;
}

// Counts the signals; the longest at a position wins ("как можно" is not a question).
Signals count_signals(const IntentFacts& facts) {
    const std::vector<Token>& tokens = *facts.tokens;
    Signals s;
    s.first_ask = tokens.size();
    std::size_t covered = 0, taken_begin = 0, taken_end = 0;
    for (const Hit& hit : signal_words().find_all(tokens)) {
        bool same_span = hit.begin == taken_begin && hit.end == taken_end && taken_end > 0;
        if (hit.begin < covered && !same_span) continue;
        covered = hit.end;
        taken_begin = hit.begin;
        taken_end = hit.end;
        if (!signal_counts(tokens, hit)) continue;
        if (hit.payload == kCannot && s.cannot_end == 0) {
            s.cannot_begin = hit.begin;
            s.cannot_end = hit.end;
        }
        if (hit.payload == kBookStrong || hit.payload == kBookWeak || hit.payload == kWant)
            s.first_ask = std::min(s.first_ask, hit.begin);
        if (hit.payload == kWant) {
            // "хочу подстричься", "хочу сделать маникюр": want + a service within two words.
            for (std::size_t k = hit.end; k < tokens.size() && k < hit.end + 2; ++k)
                if (facts.service_at[k]) s.want_service = true;
        }
        ++s.count[static_cast<std::size_t>(hit.payload)];
    }
    s.question_mark = std::any_of(tokens.begin(), tokens.end(), [](const Token& t) { return t.text == "?"; });
    s.book_strong = s[kBookStrong] > 0;
    return s;
}

// Signals that mean another one beside what else the message holds.
void combine_signals(Signals& s, const IntentFacts& facts) {
    if (s.question_mark) s[kQuestion] += s[kHow];
    // "вместо четверга" / "на 15 вместо 14" move a visit; "12 тысяч вместо 8" does not.
    if (facts.has_when) s[kReschedule] += s[kInstead];
    s[kCancel] += s[kRemove];
    // Someone in pain asking "вы сегодня работаете?" wants to come in.
    s[facts.acute ? kBookWeak : kQuestion] += s[kOpenHours];
    s[kPastVisit] += s[kAfterYours] + s[kDoneHere];
    if (s[kExisting] > 0) s[kReschedule] += s[kShift];
    if (s[kExisting] > 0 && facts.has_when) s[kReschedule] += s[kChange];
    // Pain after a visit here is a complaint even without a word of blame.
    if (facts.acute && s[kAfterYours] > 0) s[kComplaint] += 1;
}

using Intent = std::optional<std::string_view>;

// A vendor's offer or a wrong number; a toll-free 8 800 number is a business's, not a customer's.
Intent offer_or_wrong_number(const Signals& s, const IntentFacts& facts) {
    if ((s[kSpam] > 0 || s[kWrongNumber] > 0 || facts.toll_free_phone) && !s.book_strong) return "other";
    return std::nullopt;
}

// Two complaint words, or one with a past visit or with nothing asked for. Asking money back is
// one too, unless the customer is simply calling a membership or a visit off.
Intent complaint_said(const Signals& s, const IntentFacts& facts) {
    int complaint = s[kComplaint];
    if (s[kRefund] > 0 && !(s[kCancel] > 0 && complaint == 0)) complaint += s[kRefund];
    if (complaint >= 2 || (complaint >= 1 && (s[kPastVisit] > 0 || (!s.book_strong && !facts.has_when))))
        return "complaint";
    return std::nullopt;
}

// What went wrong at a past visit, told plainly and asking for nothing: "вчера была на
// тренировке, тренер полчаса сидел в телефоне"; "пломбу ставили в августе, она откололась".
Intent fault_at_past_visit(const Signals& s, const IntentFacts& facts) {
    bool asks = s.book_strong || s[kBookWeak] > 0 || s.want_service || s[kWant] > 0 || s[kCancel] > 0 ||
                s[kReschedule] > 0 || s[kCannot] > 0 || !facts.date_starts.empty();
    int fault = s[kFault] + (s[kDoneHere] + s[kAfterYours] > 0 ? s[kFailed] : 0);
    if (!asks && (fault >= 2 || (fault >= 1 && s[kPastVisit] > 0))) return "complaint";
    return std::nullopt;
}

// "хотела записаться в среду, но не успеваю, давайте в четверг", "в 9, хотя нет, в 9 не
// успею": a booking the customer corrects while making it, nothing booked yet to move.
void forget_corrected_cannot(Signals& s, const std::vector<Token>& tokens) {
    if (s[kCannot] > 0 && s[kExisting] == 0 && (correction_point(tokens) > 0 || s.first_ask < s.cannot_begin))
        s[kCannot] = 0;
}

Intent cancel_or_move(const Signals& s, const IntentFacts&) {
    if (s[kCancel] > 0) return "cancel";
    if (s[kRefund] > 0) return "complaint";
    if (s[kReschedule] > 0) return "reschedule";
    return std::nullopt;
}

// "не смогу в среду, можно на четверг?" moves a visit (a new date after the one that does not
// work); "я не приду завтра" calls one off.
Intent cannot_come(const Signals& s, const IntentFacts& facts) {
    if (s[kCannot] == 0) return std::nullopt;
    bool new_date = std::any_of(facts.date_starts.begin(), facts.date_starts.end(),
                                [&](std::size_t start) { return start >= s.cannot_end + 2; });
    if (new_date) return "reschedule";
    if (s[kExisting] > 0 || facts.has_service || !facts.date_starts.empty()) return "cancel";
    return std::nullopt;
}

Intent web_form(const Signals&, const IntentFacts& facts) {
    if (is_form(*facts.tokens)) return "book";
    return std::nullopt;
}

// Thanks with nothing asked; then a booking, a question, or a service named.
Intent thanks_booking_or_question(const Signals& s, const IntentFacts& facts) {
    bool book_weak = s[kBookWeak] > 0 || s.want_service;
    if (s[kThanks] > 0 && !s.book_strong && !book_weak && s[kQuestion] == 0) return "other";
    if (s.book_strong) return "book";
    if (facts.has_when && (book_weak || s[kWant] > 0)) return "book";
    // "Есть ли у вас стретчинг по утрам?" asks about the schedule, it does not book.
    if (s[kQuestion] > 0) return "question";
    if (facts.has_when && facts.has_service) return "book";
    if (book_weak) return "book";
    if (s.question_mark) return "question";
    if (facts.has_service) return "book";
    return std::nullopt;
}

using Rule = Intent (*)(const Signals&, const IntentFacts&);

}  // namespace

// Counts the signals, then asks the rules in this order; the first that decides wins.
std::string classify_intent(const IntentFacts& facts) {
    Signals s = count_signals(facts);
    combine_signals(s, facts);
    for (Rule rule : {offer_or_wrong_number, complaint_said, fault_at_past_visit})
        if (Intent intent = rule(s, facts)) return std::string(*intent);
    forget_corrected_cannot(s, *facts.tokens);
    for (Rule rule : {cancel_or_move, cannot_come, web_form, thanks_booking_or_question})
        if (Intent intent = rule(s, facts)) return std::string(*intent);
    return "other";
}

}  // namespace leadhub::understand
