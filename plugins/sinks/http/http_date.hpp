// HTTP dates (RFC 9110 section 5.6.7), as servers put them in Retry-After. Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace leadhub::http_sink {

// Unix time in milliseconds, or nullopt when the text is none of the three forms a recipient
// must accept:
//   IMF-fixdate  "Sun, 06 Nov 1994 08:49:37 GMT"
//   RFC 850      "Sunday, 06-Nov-94 08:49:37 GMT"   (two-digit year: 70-99 -> 19xx, else 20xx)
//   asctime      "Sun Nov  6 08:49:37 1994"
std::optional<int64_t> parse_http_date(std::string_view text);

}  // namespace leadhub::http_sink
