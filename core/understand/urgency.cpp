#include "understand/urgency.hpp"

#include "understand/matcher.hpp"
#include "understand/negation.hpp"

namespace leadhub::understand {
namespace {

const PhraseSet& acute_words() {
    static const PhraseSet set = [] {
        PhraseSet s;
        // Pain and swelling.
        s.add_all({"=болит", "=болят", "=болело", "=болела", "=ноет", "=ноют", "=заныл", "=заныло", "=боль", "=боли",
                   "=болью", "опух*", "отек*", "флюс*", "кровоточ*", "дергает", "=стреляет", "=pain",
                   "=toothache", "=hurts", "=swelling", "=swollen", "=очень =больно", "=больно =глотать",
                   "=больно =жевать", "=больно =кусать", "=больно =открывать", "=больно =дотронуться", "=сильно =болит",
                   // pain that has set in, a face that has swollen up
                   "разболел*", "разнылс*", "разныл*", "раздул*", "=раздуло", "разнесл*", "=разнесло", "=ломит",
                   "=болючий", "=болючая", "адск* =боль", "=дикая =боль"},
                  0);
        s.add("температур*", 1);  // a fever: acute, unless it is the reason to move a visit
        // Said to be urgent.
        s.add_all({"срочн*", "=горит", "=горю", "=asap", "urgent*", "=как =можно =скорее", "=как =можно =быстрее",
                   "=прямо =сейчас", "экстренн*", "=сил =нет", "невыносим*", "=emergency"},
                  0);
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
