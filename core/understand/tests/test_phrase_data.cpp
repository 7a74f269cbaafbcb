// The phrase files: every embedded file parses, and a malformed one is refused with its file and
// line, so a slip in a phrase list fails this test (or, for the plainest faults, the build:
// embed_phrases.cmake) instead of quietly changing what the understanding reads.
#include <catch2/catch.hpp>

#include "understand/phrase_data.hpp"

using namespace leadhub::understand;

namespace {

std::string error_of(std::string_view text) {
    const PhraseFile files[] = {{"bad.txt", text}};
    try {
        parse_phrase_files(files);
    } catch (const PhraseDataError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("every embedded phrase file parses, and each has sections") {
    REQUIRE(!embedded_phrase_files().empty());
    for (const PhraseFile& file : embedded_phrase_files()) {
        INFO(file.name);
        const PhraseFile one[] = {file};
        PhraseSections sections;
        REQUIRE_NOTHROW(sections = parse_phrase_files(one));
        CHECK(!sections.empty());
    }
    REQUIRE_NOTHROW(parse_phrase_files(embedded_phrase_files()));
}

TEST_CASE("a well-formed phrase file reads into sections with values") {
    const PhraseFile files[] = {{"good.txt", "# a comment\n[a.b]\n=не =смогу\nпонедельн* => 0\n\n[c]\nx\n"}};
    PhraseSections sections = parse_phrase_files(files);
    REQUIRE(sections.size() == 2);
    REQUIRE(sections["a.b"].size() == 2);
    CHECK(sections["a.b"][0].text == "=не =смогу");
    CHECK(!sections["a.b"][0].value);
    CHECK(sections["a.b"][1].text == "понедельн*");
    CHECK(sections["a.b"][1].value == 0);
}

TEST_CASE("a malformed phrase file is refused with its file and line") {
    CHECK(error_of("отмен*\n[intent.cancel]\nx\n") == "phrases/bad.txt:1: a phrase before the first [section]");
    CHECK(error_of("[Intent Cancel]\nx\n").starts_with("phrases/bad.txt:1: a section header is [name]"));
    CHECK(error_of("[a]\nx\n[b]\n\n[c]\ny\n") == "phrases/bad.txt:3: section [b] has no phrases");
    CHECK(error_of("[a]\nx\n[a]\ny\n") == "phrases/bad.txt:3: section [a] is given twice");
    CHECK(error_of("[a]\nx => two\n").starts_with("phrases/bad.txt:2: the value after '=>' must be a whole number"));
}

TEST_CASE("a section the code asks for and the data lacks is an error, not an empty list") {
    CHECK_THROWS_AS(phrase_section("no.such.section"), PhraseDataError);
    CHECK_THROWS_AS(WordList("no.such.section"), PhraseDataError);
}

TEST_CASE("a word list takes exact forms and prefixes, and refuses a stem") {
    WordList instead("intent.instead");
    CHECK(instead.contains("вместо"));
    CHECK(!instead.contains("вместе"));
    // A word list refuses a stem, which only a phrase set can match.
    CHECK_THROWS_AS(WordList("urgency.acute"), PhraseDataError);
}

TEST_CASE("word lists give values and endings") {
    WordList minutes("time.minutes_before");
    CHECK(minutes.value_of("четверти") == 15);
    CHECK(!minutes.value_of("четвертый"));
    WordList weekdays("date.weekdays");  // the first entry a word meets decides
    CHECK(weekdays.value_of("понедельника") == 0);
    CHECK(weekdays.value_of("четверг") == 3);
    CHECK(weekdays.value_of("среду") == 2);
    CHECK(!weekdays.value_of("средний"));
    WordList endings("daypart.since_verb_endings");
    CHECK(endings.has_ending("опухла", 5));
    CHECK(!endings.has_ending("была", 5));  // too short to be the verb meant
}
