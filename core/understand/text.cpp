#include "understand/text.hpp"

#include "understand/stemmer.hpp"

#include <array>
#include <utility>

namespace leadhub::understand {
namespace {

bool is_latin(char32_t cp) { return (cp >= U'a' && cp <= U'z') || (cp >= U'A' && cp <= U'Z'); }
bool is_cyrillic(char32_t cp) { return cp >= 0x400 && cp <= 0x4FF; }
bool is_letter(char32_t cp) { return is_latin(cp) || is_cyrillic(cp); }
bool is_digit(char32_t cp) { return cp >= U'0' && cp <= U'9'; }
bool is_upper(char32_t cp) { return (cp >= U'A' && cp <= U'Z') || (cp >= 0x400 && cp <= 0x42F); }
bool is_space(char32_t cp) {
    return cp == U' ' || cp == U'\t' || cp == U'\r' || cp == 0xA0 || cp == 0x200B || cp == 0x200D || cp == 0xFE0F;
}

}  // namespace

std::string transliterate_latin(std::string_view s) {
    // Longest spellings first: "shch" before "sh" before "s".
    static const std::array<std::pair<std::string_view, std::string_view>, 39> table{{
        {"shch", "щ"}, {"sch", "щ"}, {"zh", "ж"}, {"kh", "х"}, {"ch", "ч"}, {"sh", "ш"}, {"ts", "ц"},
        {"yu", "ю"},   {"ya", "я"},  {"yo", "е"}, {"ju", "ю"}, {"ja", "я"}, {"iy", "ий"}, {"a", "а"},
        {"b", "б"},    {"v", "в"},   {"g", "г"},  {"d", "д"},  {"e", "е"},  {"z", "з"},  {"i", "и"},
        {"j", "й"},    {"k", "к"},   {"l", "л"},  {"m", "м"},  {"n", "н"},  {"o", "о"},  {"p", "п"},
        {"r", "р"},    {"s", "с"},   {"t", "т"},  {"u", "у"},  {"f", "ф"},  {"h", "х"},  {"ck", "к"}, {"c", "ц"},
        {"w", "в"},    {"y", "ы"},   {"x", "кс"},
    }};
    std::string out;
    std::size_t i = 0;
    while (i < s.size()) {
        bool matched = false;
        for (const auto& [latin, cyrillic] : table) {
            if (s.substr(i, latin.size()) == latin) {
                out += cyrillic;
                i += latin.size();
                matched = true;
                break;
            }
        }
        if (!matched) out += s[i++];
    }
    return out;
}

bool Token::is_boundary() const {
    if (kind != TokenKind::Punct) return false;
    if (text == "." || text == "!" || text == "?" || text == ";" || text == "\n" || text == "—" || text == "–" ||
        text == "…" || text == "(" || text == ")")
        return true;
    // Emoji and other symbols outside the Latin-1 and general punctuation blocks close a clause.
    std::u32string cp = to_u32(text);
    return !cp.empty() && cp[0] >= 0x2190;
}

std::vector<Token> tokenize(std::string_view text) {
    std::vector<Token> tokens;
    std::size_t i = 0;
    bool space = true;
    while (i < text.size()) {
        std::size_t start = i;
        char32_t cp = decode_utf8(text, i);
        if (is_space(cp)) {
            space = true;
            continue;
        }
        Token token;
        token.begin = start;
        token.space_before = space;
        space = false;
        if (is_letter(cp)) {
            token.kind = TokenKind::Word;
            token.latin = is_latin(cp);
            token.capitalized = is_upper(cp);
            std::size_t end = i;
            while (end < text.size()) {
                std::size_t next = end;
                char32_t c = decode_utf8(text, next);
                bool apostrophe = (c == U'\'' || c == 0x2019) && next < text.size() && is_latin(cp);
                if (!is_letter(c) && !apostrophe) break;
                end = next;
            }
            i = end;
        } else if (is_digit(cp)) {
            token.kind = TokenKind::Number;
            while (i < text.size() && is_digit(static_cast<unsigned char>(text[i]))) ++i;
        } else {
            token.kind = TokenKind::Punct;
        }
        token.end = i;
        token.text = std::string(text.substr(start, i - start));
        token.low = fold_case(token.text);
        if (token.kind == TokenKind::Number) {
            token.value = token.text.size() <= 9 ? std::stoi(token.text) : -1;
        } else if (token.kind == TokenKind::Word) {
            token.cyr = token.latin ? transliterate_latin(token.low) : token.low;
            token.stem = stem_russian(token.cyr);
            token.stem32 = to_u32(token.stem);
            token.cyr32 = to_u32(token.cyr);
        }
        if (token.kind == TokenKind::Punct && token.text == "-" && !token.space_before && !tokens.empty() &&
            !tokens.back().is_punct() && i < text.size()) {
            // "гель-лак", "15-го": drop the hyphen, the next word is glued (no space before).
            std::size_t peek = i;
            if (is_letter(decode_utf8(text, peek))) continue;
        }
        if (cp == U'\n') space = true;
        tokens.push_back(std::move(token));
    }
    return tokens;
}

}  // namespace leadhub::understand
