#include "understand/urgency.hpp"

#include "understand/matcher.hpp"
#include "understand/negation.hpp"
#include "understand/phrase_data.hpp"

namespace leadhub::understand {
namespace {

const PhraseSet& acute_words() {
    static const PhraseSet set = [] {
        PhraseSet s;
        // phrases/urgency.txt; payload 1 marks the fever, which a caller may leave out.
        add_section(s, "urgency.acute", 0);
        add_section(s, "urgency.fever", 1);
        add_section(s, "urgency.said_urgent", 0);
        return s;
    }();
    return set;
}

}  // namespace

bool says_urgent(const std::vector<Token>& tokens, bool fever_counts) {
    for (const Hit& hit : acute_words().find_all(tokens)) {
        // "Админ: болит? Клиент: нет": the staff's question in a transcript tells nothing.
        bool asked = hit.end < tokens.size() && tokens[hit.end].text == "?" &&
                     (hit.begin == 0 || tokens[hit.begin - 1].is_boundary() || tokens[hit.begin - 1].text == ":");
        if ((fever_counts || hit.payload != 1) && !asked && !negated(tokens, hit.begin, hit.end)) return true;
    }
    return false;
}

bool is_urgent(bool acute, const std::string& intent, bool asks_for_today) {
    if (intent == "other") return false;  // "всё болит, но это приятная боль" after a workout
    // Calling a visit off needs nothing from staff today; "заболела, температура" is the reason.
    if (intent == "cancel") return false;
    if (asks_for_today && (intent == "book" || intent == "reschedule")) return true;
    return acute;
}

bool is_urgent(const std::vector<Token>& tokens, const std::string& intent, bool asks_for_today) {
    return is_urgent(says_urgent(tokens), intent, asks_for_today);
}

}  // namespace leadhub::understand
