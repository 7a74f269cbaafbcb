// Splitting a long reply into pieces a messenger accepts (WhatsApp 4096 characters, Instagram
// 1000 bytes), cut between UTF-8 characters and preferably at a line break or a space.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace leadhub::meta {

// Pieces of at most `max_bytes` bytes each (max_bytes >= 4), in order; an empty text gives one
// empty piece.
std::vector<std::string> utf8_chunks(std::string_view text, std::size_t max_bytes);

// At most `max_bytes` bytes of `text`, cut before a UTF-8 sequence rather than through it.
std::string utf8_prefix(std::string_view text, std::size_t max_bytes);

// The number of Unicode characters (code points) in UTF-8 text.
std::size_t utf8_length(std::string_view text);

// At most `max_chars` characters of `text`.
std::string utf8_first_chars(std::string_view text, std::size_t max_chars);

}  // namespace leadhub::meta
