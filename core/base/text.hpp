// UTF-8 text as every area reads it: code points in and out, and case folding for Latin and
// Cyrillic (ё folded into е). The understanding's tokens build on these; so do the pipeline's
// name normalising and anything else that must not cut a character in half.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace leadhub::base {

// The code point that starts at byte `i`, moving `i` past it. Malformed bytes come back as
// U+FFFD one byte at a time, so a broken message is still read to its end.
char32_t decode_utf8(std::string_view utf8, std::size_t& i);

// Appends the UTF-8 bytes of one code point.
void append_utf8(std::string& out, char32_t cp);

std::u32string to_u32(std::string_view utf8);
std::string to_utf8(std::u32string_view text);

// Lower-cases Latin and Cyrillic and folds ё into е, leaving every other code point as it is.
char32_t fold_case(char32_t cp);
std::string fold_case(std::string_view text);

}  // namespace leadhub::base
