// Fuzzes the charset readers (webform_charset.cpp): text in the charset a client declared, turned
// into UTF-8 by iconv, and the hand-written UTF-8 check. Input: "<charset>\n<text>".
#include "fuzz_input.hpp"
#include "webform_charset.hpp"

#include <cstdlib>
#include <string>

using namespace leadhub::webform;

namespace {
void require(bool ok) {
    if (!ok) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto [charset_line, text] = fuzz::split_first_line(data, size);
    const std::string charset(charset_line.substr(0, 64));  // a header parameter, not an essay
    (void)is_utf8_charset(charset);
    const bool utf8 = is_utf8(text);
    if (auto converted = to_utf8(text, charset)) {
        require(is_utf8(*converted));  // whatever came in, UTF-8 goes out
    }
    // UTF-8 read as UTF-8 is itself, and only valid UTF-8 is.
    auto same = to_utf8(text, "UTF-8");
    require(same.has_value() == utf8);
    if (same) require(*same == text);
    return 0;
}
