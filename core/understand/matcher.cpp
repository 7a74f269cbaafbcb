#include "understand/matcher.hpp"

#include <algorithm>

#include "understand/stemmer.hpp"

namespace leadhub::understand {
namespace {

constexpr std::size_t kFuzzyMinLetters = 5;
constexpr std::size_t kFuzzyPrefixLetters = 7;

char32_t first_letter(std::string_view utf8) {
    std::u32string cp = to_u32(utf8.substr(0, std::min<std::size_t>(utf8.size(), 4)));
    return cp.empty() ? 0 : cp[0];
}

bool has_latin(std::string_view s) {
    return std::any_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); });
}

}  // namespace

bool within_one_edit(std::u32string_view a, std::u32string_view b) {
    if (a.size() > b.size()) std::swap(a, b);
    if (b.size() - a.size() > 1) return false;
    std::size_t i = 0;
    while (i < a.size() && a[i] == b[i]) ++i;
    if (i == a.size()) return true;  // equal, or b has one letter more at the end
    if (a.size() == b.size()) {
        if (a.substr(i + 1) == b.substr(i + 1)) return true;  // one letter changed
        return i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] && a.substr(i + 2) == b.substr(i + 2);
    }
    return a.substr(i) == b.substr(i + 1);  // one letter inserted into b
}

bool Atom::matches(const Token& token, bool typos) const {
    // A sign or emoji ("😡", ",") is matched as written.
    if (!token.is_word()) return sign && token.is_punct() && token.text == text;
    const std::string& form = latin ? token.low : token.cyr;
    switch (kind) {
        case Kind::Exact:
            return form == text;
        case Kind::Prefix: {
            if (form.compare(0, text.size(), text) == 0) return true;
            if (!typos || latin || text32.size() < kFuzzyPrefixLetters || token.cyr32.empty() ||
                token.cyr32[0] != text32[0])
                return false;
            // The typo must sit before the prefix's last two letters, which must be there as
            // written: that is where word forms differ ("удалени*" must not meet "удалённого").
            const std::u32string_view word = token.cyr32;
            const std::u32string_view tail = std::u32string_view(text32).substr(text32.size() - 2);
            for (std::size_t len : {text32.size() - 1, text32.size(), text32.size() + 1})
                if (word.size() >= len && word.substr(len - 2, 2) == tail && within_one_edit(text32, word.substr(0, len)))
                    return true;
            return false;
        }
        case Kind::Stem:
            if (latin) return token.low == text;
            if (token.stem == text) return true;
            return text32.size() >= kFuzzyMinLetters && token.stem32.size() >= kFuzzyMinLetters &&
                   token.stem32[0] == text32[0] && within_one_edit(token.stem32, text32);
    }
    return false;
}

Atom compile_atom(std::string_view word) {
    Atom atom;
    if (!word.empty() && word.front() == '=') {
        atom.kind = Atom::Kind::Exact;
        word.remove_prefix(1);
    }
    // "=потратил*" is a prefix as well: a star always makes one.
    if (!word.empty() && word.back() == '*') {
        atom.kind = Atom::Kind::Prefix;
        word.remove_suffix(1);
    }
    std::string low = fold_case(word);
    std::u32string letters = to_u32(low);
    atom.sign = std::none_of(letters.begin(), letters.end(), [](char32_t c) {
        return (c >= U'a' && c <= U'z') || (c >= 0x430 && c <= 0x44F) || (c >= U'0' && c <= U'9');
    });
    if (atom.sign) {
        atom.kind = Atom::Kind::Exact;
        atom.text = std::string(word);
        atom.text32 = to_u32(atom.text);
        return atom;
    }
    atom.latin = has_latin(low);
    atom.text = atom.kind == Atom::Kind::Stem && !atom.latin ? stem_russian(low) : low;
    atom.text32 = to_u32(atom.text);
    return atom;
}

std::vector<Atom> compile_pattern(std::string_view pattern) {
    std::vector<Atom> atoms;
    std::size_t i = 0;
    while (i < pattern.size()) {
        while (i < pattern.size() && (pattern[i] == ' ' || pattern[i] == '-')) ++i;
        std::size_t j = i;
        while (j < pattern.size() && pattern[j] != ' ' && pattern[j] != '-') ++j;
        if (j > i) atoms.push_back(compile_atom(pattern.substr(i, j - i)));
        i = j;
    }
    return atoms;
}

void PhraseSet::add(std::string_view pattern, int payload) {
    std::vector<Atom> atoms = compile_pattern(pattern);
    if (atoms.empty()) return;
    const Atom& first = atoms.front();
    if (first.kind != Atom::Kind::Exact)
        by_first_letter_[first_letter(first.text)].push_back(phrases_.size());
    else
        (first.sign ? by_exact_sign_ : first.latin ? by_exact_latin_ : by_exact_cyr_)[first.text].push_back(phrases_.size());
    phrases_.push_back({std::move(atoms), payload});
}

void PhraseSet::add_all(std::initializer_list<std::string_view> patterns, int payload) {
    for (std::string_view p : patterns) add(p, payload);
}

void PhraseSet::matches_at(const std::vector<Token>& tokens, std::size_t i, std::vector<Hit>& out) const {
    const Token& token = tokens[i];
    if (token.is_number()) return;
    auto scan_bucket = [&](const std::vector<std::size_t>& bucket) {
        for (std::size_t index : bucket) {
            const Phrase& phrase = phrases_[index];
            std::size_t t = i;
            bool ok = true;
            for (const Atom& atom : phrase.atoms) {
                if (t >= tokens.size() || !atom.matches(tokens[t], prefix_typos_)) {
                    ok = false;
                    break;
                }
                ++t;
            }
            if (ok) out.push_back({i, t, phrase.payload});
        }
    };
    auto scan = [&](char32_t key) {
        auto bucket = by_first_letter_.find(key);
        if (bucket != by_first_letter_.end()) scan_bucket(bucket->second);
    };
    auto scan_exact = [&](const std::unordered_map<std::string, std::vector<std::size_t>>& index, const std::string& key) {
        if (index.empty()) return;
        auto bucket = index.find(key);
        if (bucket != index.end()) scan_bucket(bucket->second);
    };
    if (token.is_punct()) {
        scan(first_letter(token.text));
        scan_exact(by_exact_sign_, token.text);
        return;
    }
    char32_t cyr_key = first_letter(token.cyr);
    scan(cyr_key);
    scan_exact(by_exact_cyr_, token.cyr);
    if (token.latin) {
        char32_t latin_key = first_letter(token.low);
        if (latin_key != cyr_key) scan(latin_key);
        scan_exact(by_exact_latin_, token.low);
    }
}

std::vector<Hit> PhraseSet::find_all(const std::vector<Token>& tokens) const {
    std::vector<Hit> hits;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        std::size_t before = hits.size();
        matches_at(tokens, i, hits);
        std::sort(hits.begin() + static_cast<std::ptrdiff_t>(before), hits.end(),
                  [](const Hit& a, const Hit& b) { return a.end > b.end; });
    }
    return hits;
}

bool PhraseSet::match_at(const std::vector<Token>& tokens, std::size_t i, Hit* hit) const {
    std::vector<Hit> found;
    matches_at(tokens, i, found);
    if (found.empty()) return false;
    if (hit != nullptr)
        *hit = *std::max_element(found.begin(), found.end(), [](const Hit& a, const Hit& b) { return a.end < b.end; });
    return true;
}

bool PhraseSet::any(const std::vector<Token>& tokens) const {
    for (std::size_t i = 0; i < tokens.size(); ++i)
        if (match_at(tokens, i)) return true;
    return false;
}

}  // namespace leadhub::understand
