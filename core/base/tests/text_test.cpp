// UTF-8 in and out, and case folding for Latin and Cyrillic.
#include "base/text.hpp"

#include <catch2/catch.hpp>

using namespace leadhub::base;

TEST_CASE("Cyrillic is lower-cased and ё folds into е") {
    CHECK(fold_case("ЗАПИСЬ Ёлка Щётка") == "запись елка щетка");
    CHECK(fold_case("Hello, МИР 😊") == "hello, мир 😊");
    CHECK(fold_case("") == "");
}

TEST_CASE("code points are decoded one at a time and written back") {
    const std::string text = "aщ€😊";
    std::size_t i = 0;
    CHECK(decode_utf8(text, i) == U'a');
    CHECK(i == 1);
    CHECK(decode_utf8(text, i) == U'щ');
    CHECK(i == 3);
    CHECK(decode_utf8(text, i) == U'€');
    CHECK(i == 6);
    CHECK(decode_utf8(text, i) == U'😊');
    CHECK(i == 10);
    CHECK(to_u32(text) == U"aщ€😊");
    CHECK(to_utf8(U"aщ€😊") == text);
    std::string out;
    append_utf8(out, U'ё');
    CHECK(out == "ё");
}

TEST_CASE("malformed bytes become U+FFFD one byte at a time") {
    CHECK(to_u32("a\xFF" "b") == U"a\uFFFDb");
    CHECK(to_u32("\xD0") == U"\uFFFD");                // a lead byte cut off at the end
    CHECK(to_u32("\xD0z") == U"\uFFFDz");              // a lead byte without its continuation
    CHECK(to_u32("\xE2\x82") == U"\uFFFD\uFFFD");       // three bytes promised, two given
}

TEST_CASE("one code point folds like the text") {
    CHECK(fold_case(U'Ё') == U'е');
    CHECK(fold_case(U'Q') == U'q');
    CHECK(fold_case(U'Ђ') == U'ђ');
    CHECK(fold_case(U'7') == U'7');
}
