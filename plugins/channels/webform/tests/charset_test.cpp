// The legacy-charset helpers: the UTF-8 check against iconv's verdict, and conversions.
#include <catch2/catch.hpp>

#include "webform_charset.hpp"

#include <iconv.h>

#include <random>
#include <string>

using namespace leadhub::webform;

namespace {
// iconv's own verdict, the oracle for is_utf8.
bool iconv_says_utf8(const std::string& text) {
    iconv_t cd = iconv_open("UTF-8", "UTF-8");
    REQUIRE(cd != reinterpret_cast<iconv_t>(-1));
    std::string out(text.size() * 4 + 16, '\0');
    char* in = const_cast<char*>(text.data());
    std::size_t in_left = text.size(), out_left = out.size();
    char* at = out.data();
    bool ok = iconv(cd, &in, &in_left, &at, &out_left) != static_cast<std::size_t>(-1) &&
              iconv(cd, nullptr, nullptr, &at, &out_left) != static_cast<std::size_t>(-1);
    iconv_close(cd);
    return ok;
}
}  // namespace

TEST_CASE("is_utf8 accepts UTF-8 and refuses what RFC 3629 forbids") {
    CHECK(is_utf8(""));
    CHECK(is_utf8("plain ascii"));
    CHECK(is_utf8("Здравствуйте, хочу на маникюр 😀 €"));
    CHECK(is_utf8("\xF4\x8F\xBF\xBF"));                // U+10FFFF, the last code point
    CHECK_FALSE(is_utf8("\x80"));                      // a lone continuation byte
    CHECK_FALSE(is_utf8("\xC0\x80"));                  // overlong NUL
    CHECK_FALSE(is_utf8("\xE0\x80\xAF"));              // overlong '/'
    CHECK_FALSE(is_utf8("\xED\xA0\x80"));              // a surrogate
    CHECK_FALSE(is_utf8("\xF4\x90\x80\x80"));          // above U+10FFFF
    CHECK_FALSE(is_utf8("\xE2\x82"));                  // truncated
    CHECK_FALSE(is_utf8("\xC8\xE2\xE0\xED"));          // "Иван" in windows-1251
    CHECK_FALSE(is_utf8(std::string("ok\xD0", 3)));    // cut in the middle of a letter
}

TEST_CASE("is_utf8 agrees with iconv on random bytes") {
    std::mt19937 random(20261206);
    // Bytes biased towards the lead and continuation ranges, so that most strings are near misses.
    // No F4-F7 lead bytes: glibc's decoder takes code points above U+10FFFF, which RFC 3629 (and
    // is_utf8) refuse; the cases above cover them.
    const unsigned char alphabet[] = {'a', 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xD0,
                                      0xDF, 0xE0, 0xE2, 0xED, 0xEF, 0xF0, 0xF3, 0xFF};
    std::uniform_int_distribution<std::size_t> pick(0, sizeof(alphabet) - 1), length(1, 8);
    int valid = 0;
    for (int i = 0; i < 20000; ++i) {
        std::string text;
        for (std::size_t n = length(random); n > 0; --n) text += static_cast<char>(alphabet[pick(random)]);
        INFO("bytes " << Catch::Detail::stringify(text));
        const bool expected = iconv_says_utf8(text);
        CHECK(is_utf8(text) == expected);
        valid += expected ? 1 : 0;
    }
    CHECK(valid > 100);  // the sample did contain valid multi-byte text
}

TEST_CASE("legacy charsets convert to UTF-8; unknown ones and invalid text do not") {
    CHECK(is_utf8_charset("UTF-8"));
    CHECK(is_utf8_charset("utf8"));
    CHECK(is_utf8_charset("US-ASCII"));
    CHECK_FALSE(is_utf8_charset("windows-1251"));
    CHECK(charset_known("windows-1251"));
    CHECK(charset_known("CP1251"));
    CHECK(charset_known("KOI8-R"));
    CHECK_FALSE(charset_known("x-no-such-charset"));
    CHECK(to_utf8("\xC8\xE2\xE0\xED", "windows-1251") == std::optional<std::string>("Иван"));
    CHECK(to_utf8("\xE9\xD7\xC1\xCE", "koi8-r") == std::optional<std::string>("Иван"));
    CHECK_FALSE(to_utf8("\xC0", "ascii"));
    CHECK_FALSE(to_utf8("abc", "x-no-such-charset"));
}

// Found by the webform_charset fuzz target (fuzz/corpus/charset/regression-above-10ffff).
TEST_CASE("text declared as UTF-8 under another name is refused when it is not UTF-8") {
    // glibc's UTF-8 reader passes code points above U+10FFFF through: what to_utf8 gives is UTF-8.
    CHECK_FALSE(to_utf8("\xF4\x9F\x98\x80", "UTF-8").has_value());
    CHECK_FALSE(to_utf8("ok \xF5\x80\x80\x80", "ISO-10646/UTF8/").has_value());
    CHECK(to_utf8("\xF4\x8F\xBF\xBF", "UTF-8") == "\xF4\x8F\xBF\xBF");
    CHECK(to_utf8("\xC8\xE2\xE0\xED", "windows-1251") == "Иван");
}
