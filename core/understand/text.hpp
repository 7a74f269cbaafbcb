// Text as the grammars see it: a Latin to Cyrillic transliteration for messages typed without a
// Russian keyboard, and tokens, on base's UTF-8 decoding and case folding (ё folded into е).
#pragma once

#include "base/text.hpp"

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace leadhub::understand {

// The UTF-8 and case-folding helpers are base's (base/text.hpp); the grammars name them as
// their own.
using base::decode_utf8;
using base::fold_case;
using base::to_u32;
using base::to_utf8;

// "strizhka" -> "стрижка": a loose transliteration good enough to meet the lexicons.
std::string transliterate_latin(std::string_view lower_latin);

// `word` is one of `words` ("не", "без", ...): how the grammars test a token's folded text
// against a short list.
inline bool one_of(std::string_view word, std::initializer_list<std::string_view> words) {
    for (std::string_view w : words)
        if (word == w) return true;
    return false;
}

enum class TokenKind { Word, Number, Punct };

struct Token {
    TokenKind kind = TokenKind::Punct;
    std::string text;   // as written
    std::string low;    // fold_case(text)
    std::string cyr;    // low, or its transliteration for a Latin word
    std::string stem;   // Snowball stem of cyr (words only)
    std::u32string stem32;
    std::u32string cyr32;       // cyr as code points, for typo-tolerant prefixes
    bool latin = false;
    bool capitalized = false;
    bool space_before = false;  // false for "15-го"'s "го" or "14:00"'s ":" and "00"
    int value = -1;             // numbers up to 9 digits
    std::size_t begin = 0, end = 0;  // byte range in the message

    bool is_word() const { return kind == TokenKind::Word; }
    bool is_number() const { return kind == TokenKind::Number; }
    bool is_punct() const { return kind == TokenKind::Punct; }
    // A sentence or clause ends here: . ! ? ; newline, a dash, or an emoji.
    bool is_boundary() const;
};

// Words (letters, with an apostrophe), numbers (digit runs) and single punctuation marks or
// symbols. A hyphen inside a word ("гель-лак") is dropped: both halves become words.
std::vector<Token> tokenize(std::string_view text);

}  // namespace leadhub::understand
