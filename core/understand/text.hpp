// Text as the grammars see it: UTF-8 lower-casing for Russian (ё folded into е), a Latin to
// Cyrillic transliteration for messages typed without a Russian keyboard, and tokens.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace leadhub::understand {

// Lower-cases Latin and Cyrillic and folds ё into е, leaving every other character as it is.
std::string fold_case(std::string_view text);

// "strizhka" -> "стрижка": a loose transliteration good enough to meet the lexicons.
std::string transliterate_latin(std::string_view lower_latin);

std::u32string to_u32(std::string_view utf8);
std::string to_utf8(std::u32string_view text);

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
