// Text of old Russian sites in legacy charsets, turned into UTF-8 with glibc's iconv.
//
// A browser posts a form in the charset of the page it came from, and usually without saying so
// in the Content-Type: an old windows-1251 site sends windows-1251 bytes labelled as nothing at
// all. Refusing such a post loses the enquiry (a browser does not send a form again), and passing
// the bytes on turns the customer's name and words into replacement characters. So a declared
// charset is converted, and bytes that are not UTF-8 are read as windows-1251, by far the most
// common legacy charset of Russian sites (every byte but 0x98 is a character in it).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace leadhub::webform {

// Whether `charset` (a Content-Type parameter, any case) names UTF-8 or its subset US-ASCII.
bool is_utf8_charset(std::string_view charset);

// Whether iconv can convert from `charset` to UTF-8.
bool charset_known(const std::string& charset);

// Whether `text` is valid UTF-8.
bool is_utf8(std::string_view text);

// `text` read in `charset` and written as UTF-8; nullopt when the charset is unknown or the
// text is not valid in it.
std::optional<std::string> to_utf8(std::string_view text, const std::string& charset);

}  // namespace leadhub::webform
