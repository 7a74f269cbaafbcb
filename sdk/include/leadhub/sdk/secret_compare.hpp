// Comparing a secret a request carries (a token, a signature) with the configured one, in time
// that depends only on the lengths: a byte-by-byte early exit would let an attacker guess the
// secret from response times. Every source plugin checks its platform's secret with this.
#pragma once

#include <cstddef>
#include <string_view>

namespace leadhub::sdk {

// True when `a` and `b` are the same bytes. Walks the longer one in full whatever the contents;
// a length mismatch still fails.
inline bool constant_time_equals(std::string_view a, std::string_view b) {
    const std::size_t n = a.size() > b.size() ? a.size() : b.size();
    unsigned char diff = a.size() == b.size() ? 0 : 1;
    for (std::size_t i = 0; i < n; ++i) {
        const unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
        const unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
        diff = static_cast<unsigned char>(diff | (x ^ y));
    }
    return diff == 0;
}

}  // namespace leadhub::sdk
