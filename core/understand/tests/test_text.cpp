#include <catch2/catch.hpp>

#include "understand/matcher.hpp"
#include "understand/stemmer.hpp"
#include "understand/text.hpp"

using namespace leadhub::understand;

TEST_CASE("Latin typed Russian is transliterated") {
    CHECK(transliterate_latin("strizhka") == "стрижка");
    CHECK(transliterate_latin("skolko") == "сколко");
    CHECK(transliterate_latin("shchi") == "щи");
}

TEST_CASE("tokens keep numbers, glued suffixes and hyphenated words apart") {
    auto tokens = tokenize("Гель-лак 15-го в 14:00!");
    REQUIRE(tokens.size() == 9);
    CHECK(tokens[0].low == "гель");
    CHECK(tokens[1].low == "лак");
    CHECK_FALSE(tokens[1].space_before);
    CHECK(tokens[2].is_number());
    CHECK(tokens[2].value == 15);
    CHECK(tokens[3].low == "го");
    CHECK_FALSE(tokens[3].space_before);
    CHECK(tokens[5].text == "14");
    CHECK(tokens[6].text == ":");
    CHECK(tokens[7].value == 0);
    CHECK(tokens[8].is_boundary());
    CHECK(tokens[0].capitalized);
}

TEST_CASE("broken UTF-8 does not crash the tokenizer") {
    std::string bad = "ма\xD0 \xFF\xFE никюр";
    auto tokens = tokenize(bad);
    CHECK_FALSE(tokens.empty());
}

TEST_CASE("stems meet word forms and one typo") {
    CHECK(stem_russian("маникюра") == stem_russian("маникюр"));
    Atom atom = compile_atom("маникюр");
    CHECK(atom.matches(tokenize("маникур")[0]));
    CHECK(atom.matches(tokenize("Маникюром")[0]));
    CHECK_FALSE(atom.matches(tokenize("массаж")[0]));
    CHECK(within_one_edit(U"окрашиван", U"окрашеван"));
    CHECK(within_one_edit(U"abcd", U"abdc"));
    CHECK_FALSE(within_one_edit(U"abcd", U"badc"));
}
