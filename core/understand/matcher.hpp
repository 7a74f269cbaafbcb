// Word patterns, compiled once and matched against tokens.
//
// A pattern is one or more space-separated atoms that must meet consecutive words:
//   "маникюр"  the Snowball stem of the word, so every case and number of it; a stem of five
//              letters or more also meets one typo (a letter missed, added, changed or swapped)
//   "стриж*"   a prefix of the word as written (lower-cased, ё as е)
//   "=не"      exactly this word form; "=😡" or "=," a sign or emoji as written
// Latin atoms ("haircut", "nail*") compare the Latin spelling; Cyrillic atoms also meet
// transliterated Latin words ("strizhka").
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "understand/text.hpp"

namespace leadhub::understand {

struct Atom {
    enum class Kind { Stem, Prefix, Exact };
    Kind kind = Kind::Stem;
    std::string text;  // stem, prefix or exact form
    std::u32string text32;
    bool latin = false;
    bool sign = false;  // no letters: an emoji or punctuation mark, compared as written

    // `typos`: a Cyrillic prefix of seven letters or more also meets the word's beginning with
    // one letter wrong, missing or extra before its last two letters ("ламенирование" meets
    // "ламинир*", "консультацыя" meets "консультац*").
    bool matches(const Token& token, bool typos = false) const;
};

Atom compile_atom(std::string_view pattern_word);
std::vector<Atom> compile_pattern(std::string_view pattern);

// True when `a` and `b` differ by at most one letter inserted, removed, changed or swapped.
bool within_one_edit(std::u32string_view a, std::u32string_view b);

struct Hit {
    std::size_t begin = 0, end = 0;  // token range [begin, end)
    int payload = 0;
};

// Many patterns, each with a payload, indexed by first letter so a message is scanned once.
class PhraseSet {
public:
    void add(std::string_view pattern, int payload);
    void add_all(std::initializer_list<std::string_view> patterns, int payload);
    bool empty() const { return phrases_.empty(); }

    // Every pattern that matches starting at token i.
    void matches_at(const std::vector<Token>& tokens, std::size_t i, std::vector<Hit>& out) const;
    // Every match in the message, in token order (longer first at the same start).
    std::vector<Hit> find_all(const std::vector<Token>& tokens) const;
    // Whether any pattern matches at token i.
    bool match_at(const std::vector<Token>& tokens, std::size_t i, Hit* hit = nullptr) const;
    bool any(const std::vector<Token>& tokens) const;
    // Lets long prefixes meet one typo (see Atom::matches); for vocabularies such as service
    // names, where a near miss is still the word meant.
    void allow_prefix_typos() { prefix_typos_ = true; }

private:
    struct Phrase {
        std::vector<Atom> atoms;
        int payload;
    };
    std::vector<Phrase> phrases_;
    // Phrases are indexed by their first atom: an exact word form by the form itself (one lookup
    // per token: most signal phrases begin with "=не", "=это", "=за" …), any other atom by its
    // first letter.
    std::unordered_map<char32_t, std::vector<std::size_t>> by_first_letter_;
    std::unordered_map<std::string, std::vector<std::size_t>> by_exact_cyr_, by_exact_latin_, by_exact_sign_;
    bool prefix_typos_ = false;
};

}  // namespace leadhub::understand
