// The Snowball Russian stemmer (libstemmer). A stemmer object is not thread-safe, so each
// thread gets its own, created on first use.
#pragma once

#include <string>
#include <string_view>

namespace leadhub::understand {

// Stem of a lower-cased word; words shorter than three letters come back unchanged.
std::string stem_russian(std::string_view lower_word);

}  // namespace leadhub::understand
