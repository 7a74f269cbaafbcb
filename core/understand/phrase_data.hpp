// The Russian (and English) words the grammars look for, kept as data in core/understand/phrases/
// and compiled into the binary (embed_phrases.cmake), so a reviewer reads word lists, not C++, and
// the hub reads no file at run time.
//
// A phrase file is one phrase per line under a [section] header; "#" starts a comment line:
//
//   [intent.cancel]
//   отмен*          # not allowed: comments take a whole line
//   =не =смогу
//
// A phrase uses the atoms of matcher.hpp ("=word" exact, "word*" prefix, "word" the stem). A line
// may end in " => N" to give the phrase a number ("понедельн* => 0"). Section names are unique
// across all files.
#pragma once

#include <map>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "understand/matcher.hpp"

namespace leadhub::understand {

struct PhraseFile {
    std::string_view name;  // file name under phrases/, for messages
    std::string_view text;
};

// Every file of core/understand/phrases/, as compiled in (phrases_data.cpp, generated).
std::span<const PhraseFile> embedded_phrase_files();

struct PhraseLine {
    std::string text;
    std::optional<int> value;  // " => N"
};

// A malformed phrase file or a section the code asks for and the data does not have.
struct PhraseDataError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

using PhraseSections = std::map<std::string, std::vector<PhraseLine>, std::less<>>;

// Parses files into sections; throws PhraseDataError naming the file and line of the first fault
// (a phrase before any section, a bad header, an empty or repeated section, a bad " => N").
PhraseSections parse_phrase_files(std::span<const PhraseFile> files);

// Every section of the embedded files, parsed once.
const PhraseSections& embedded_sections();

// The lines of one section of the embedded files; throws PhraseDataError when there is none.
const std::vector<PhraseLine>& phrase_section(std::string_view section);

// Adds every phrase of a section to `set` with `payload`.
void add_section(PhraseSet& set, std::string_view section, int payload);
// Adds every phrase of a section with its own " => N" as the payload.
void add_valued_section(PhraseSet& set, std::string_view section);

// A list of single word forms: "=среда" is that form exactly, "уезжа*" any word beginning so,
// "*ла" any word ending so. For checks on one word where a phrase set is more than needed ("is
// the word before a date one of 'с', 'со'?"). Entries keep their order and their " => N".
class WordList {
public:
    explicit WordList(std::string_view section);
    bool contains(std::string_view word) const { return find(word) != nullptr; }
    // The value of the first entry the word meets, in file order.
    std::optional<int> value_of(std::string_view word) const;
    // The value of the longest "prefix*" entry the word begins with ("пятнадцатого" is 15, not 5).
    std::optional<int> longest_prefix_value(std::string_view word) const;
    // Whether the word ends in one of the "*ending" entries with at least `min_stem_bytes` bytes
    // before it: "*ла" with 10 meets "выпала" only if the word is long enough to be a verb.
    bool has_ending(std::string_view word, std::size_t min_stem_bytes) const;

private:
    struct Entry {
        enum class Kind { Exact, Prefix, Suffix };
        std::string text;
        Kind kind = Kind::Exact;
        std::optional<int> value;
    };
    const Entry* find(std::string_view word) const;
    std::vector<Entry> entries_;
};

}  // namespace leadhub::understand
