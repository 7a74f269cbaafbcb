#include "understand/services.hpp"

#include <algorithm>

#include "understand/negation.hpp"
#include "understand/phrase_data.hpp"
#include "understand/service_lexicon.hpp"

namespace leadhub::understand {
namespace {

// phrases/services.txt
struct ServiceContextWords {
    WordList after_owner{"service.after_owner"}, was{"service.was"}, ahead_verbs{"service.ahead_verbs"},
        past_endings{"service.past_verb_endings"};
};

const ServiceContextWords& service_context_words() {
    static const ServiceContextWords lists;
    return lists;
}

// "после окрашивания", "после вашего лечения"
bool after_posle(const std::vector<Token>& tokens, std::size_t begin) {
    if (begin >= 1 && tokens[begin - 1].cyr == "после") return true;
    if (begin >= 2 && tokens[begin - 2].cyr == "после") {
        const std::string& w = tokens[begin - 1].cyr;
        return service_context_words().after_owner.contains(w);
    }
    return false;
}

// "я вчера был на пробной", "ставили пломбу месяц назад": a verb in the past before the
// service, in its clause. Booking verbs look ahead ("записалась на стрижку"), so do wishes.
bool told_in_past(const std::vector<Token>& tokens, std::size_t begin) {
    for (std::size_t k = begin; k > 0 && k + 4 > begin; --k) {
        const Token& t = tokens[k - 1];
        if (!t.is_word()) return false;
        std::string_view w = t.cyr;
        if (service_context_words().was.contains(w)) return true;
        if (service_context_words().ahead_verbs.contains(w) || w.size() < 12) continue;  // 12 bytes: 6 letters
        if (service_context_words().past_endings.contains(w)) return true;
    }
    return false;
}

}  // namespace

ServiceFinder::ServiceFinder(const std::vector<Service>& services) {
    names_.allow_prefix_typos();
    hints_.allow_prefix_typos();
    for (std::size_t index = 0; index < services.size(); ++index) {
        const Service& service = services[index];
        ids_.push_back(service.id);
        int payload = static_cast<int>(index);
        const ServiceWords* builtin = builtin_service_words(service.id);
        if (builtin != nullptr) {
            for (std::string_view p : builtin->names) names_.add(p, payload);
            for (std::string_view p : builtin->hints) hints_.add(p, payload);
        }
        auto too_vague = [&](const std::string& keyword) {
            if (builtin == nullptr) return false;
            std::string folded = fold_case(keyword);
            return std::any_of(builtin->too_vague.begin(), builtin->too_vague.end(),
                               [&](std::string_view v) { return folded == v; });
        };
        // The owner's words are stems: every case and number, and one typo, meet them. Where the
        // built-in lexicon already covers a keyword, its finer patterns decide ("удаление" must
        // not meet "удалённого").
        PhraseSet builtin_names;
        if (builtin != nullptr)
            for (std::string_view p : builtin->names) builtin_names.add(p, payload);
        auto covered = [&](const std::string& keyword) {
            std::vector<Token> words = tokenize(keyword);
            Hit hit;
            return !words.empty() && builtin_names.match_at(words, 0, &hit);
        };
        for (const std::string& keyword : service.keywords)
            if (!too_vague(keyword) && !covered(keyword)) names_.add(keyword, payload);
        if (!service.name.empty() && !covered(service.name)) names_.add(service.name, payload);
    }
}

std::vector<ServiceFinder::Mention> ServiceFinder::resolve(const std::vector<Token>& tokens,
                                                           const PhraseSet& set) const {
    std::vector<Hit> hits = set.find_all(tokens);
    std::vector<Mention> mentions;
    // Longest match wins where patterns overlap: "окрашивание бровей" is brows, not coloring.
    std::size_t covered_until = 0;
    for (std::size_t h = 0; h < hits.size();) {
        std::size_t begin = hits[h].begin, longest = hits[h].end;  // hits at one start: longest first
        std::size_t next = h;
        while (next < hits.size() && hits[next].begin == begin) ++next;
        if (begin >= covered_until) {
            for (std::size_t k = h; k < next && hits[k].end == longest; ++k) {
                Mention m;
                m.service = static_cast<std::size_t>(hits[k].payload);
                m.begin = begin;
                m.end = longest;
                m.negated = negated(tokens, begin, longest);
                m.background = after_posle(tokens, begin);
                m.told_past = told_in_past(tokens, begin);
                mentions.push_back(m);
            }
            covered_until = longest;
        }
        h = next;
    }
    return mentions;
}

std::vector<ServiceFinder::Mention> ServiceFinder::find(const std::vector<Token>& tokens) const {
    std::vector<Mention> named = resolve(tokens, names_);
    bool any_positive = std::any_of(named.begin(), named.end(), [](const Mention& m) { return !m.negated; });
    if (any_positive || hints_.empty()) return named;
    std::vector<Mention> hinted = resolve(tokens, hints_);
    named.insert(named.end(), hinted.begin(), hinted.end());
    return named;
}

std::vector<std::string> ServiceFinder::select(const std::vector<Mention>& mentions, bool keep_background) const {
    std::vector<std::string> out;
    // "был на пробной, хочу абонемент": the visit told is context when another is asked for.
    bool asked = std::any_of(mentions.begin(), mentions.end(),
                             [](const Mention& m) { return !m.negated && !m.background && !m.told_past; });
    for (const Mention& m : mentions) {
        if (m.negated || (m.background && !keep_background) || (m.told_past && asked && !keep_background)) continue;
        const std::string& id = ids_[m.service];
        if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
    }
    return out;
}

}  // namespace leadhub::understand
