#include "understand/phrase_data.hpp"

#include <charconv>

namespace leadhub::understand {
namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

bool valid_section_name(std::string_view name) {
    if (name.empty()) return false;
    for (char c : name)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.')) return false;
    return true;
}

[[noreturn]] void fail(const PhraseFile& file, std::size_t line, const std::string& why) {
    throw PhraseDataError("phrases/" + std::string(file.name) + ":" + std::to_string(line) + ": " + why);
}

PhraseLine parse_line(const PhraseFile& file, std::size_t number, std::string_view text) {
    PhraseLine line;
    if (std::size_t arrow = text.rfind(" => "); arrow != std::string_view::npos) {
        std::string_view value = trim(text.substr(arrow + 4));
        int n = 0;
        auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
        if (ec != std::errc() || end != value.data() + value.size() || value.empty())
            fail(file, number, "the value after '=>' must be a whole number, not '" + std::string(value) + "'");
        line.value = n;
        text = trim(text.substr(0, arrow));
    }
    if (text.empty()) fail(file, number, "a phrase is missing before '=>'");
    line.text = std::string(text);
    return line;
}

}  // namespace

const PhraseSections& embedded_sections() {
    static const PhraseSections sections = parse_phrase_files(embedded_phrase_files());
    return sections;
}

PhraseSections parse_phrase_files(std::span<const PhraseFile> files) {
    PhraseSections sections;
    for (const PhraseFile& file : files) {
        std::vector<PhraseLine>* current = nullptr;
        std::string current_name;
        std::size_t header_line = 0;
        auto close_section = [&] {
            if (current != nullptr && current->empty()) fail(file, header_line, "section [" + current_name + "] has no phrases");
        };
        std::string_view rest = file.text;
        for (std::size_t number = 1; !rest.empty(); ++number) {
            std::size_t newline = rest.find('\n');
            std::string_view line = trim(rest.substr(0, newline));
            rest = newline == std::string_view::npos ? std::string_view() : rest.substr(newline + 1);
            if (line.empty() || line.front() == '#') continue;
            if (line.front() == '[') {
                if (line.back() != ']' || !valid_section_name(line.substr(1, line.size() - 2)))
                    fail(file, number, "a section header is [name] in a-z, 0-9, '_' and '.', not " + std::string(line));
                close_section();
                current_name = std::string(line.substr(1, line.size() - 2));
                if (sections.contains(current_name)) fail(file, number, "section [" + current_name + "] is given twice");
                current = &sections[current_name];
                header_line = number;
                continue;
            }
            if (current == nullptr) fail(file, number, "a phrase before the first [section]");
            current->push_back(parse_line(file, number, line));
        }
        close_section();
    }
    return sections;
}

const std::vector<PhraseLine>& phrase_section(std::string_view section) {
    const PhraseSections& sections = embedded_sections();
    auto it = sections.find(section);
    if (it == sections.end())
        throw PhraseDataError("no section [" + std::string(section) + "] in core/understand/phrases");
    return it->second;
}

void add_section(PhraseSet& set, std::string_view section, int payload) {
    for (const PhraseLine& line : phrase_section(section)) set.add(line.text, payload);
}

void add_valued_section(PhraseSet& set, std::string_view section) {
    for (const PhraseLine& line : phrase_section(section)) {
        if (!line.value)
            throw PhraseDataError("[" + std::string(section) + "] '" + line.text + "' needs a value ('=> N')");
        set.add(line.text, *line.value);
    }
}

WordList::WordList(std::string_view section) {
    for (const PhraseLine& line : phrase_section(section)) {
        Entry entry;
        std::string_view text = line.text;
        if (text.size() > 1 && text.front() == '=') {
            text.remove_prefix(1);
        } else if (text.size() > 1 && text.back() == '*') {
            text.remove_suffix(1);
            entry.kind = Entry::Kind::Prefix;
        } else if (text.size() > 1 && text.front() == '*') {
            text.remove_prefix(1);
            entry.kind = Entry::Kind::Suffix;
        } else {
            throw PhraseDataError("[" + std::string(section) + "] '" + line.text +
                                  "': a word list takes '=form', 'prefix*' or '*ending', one word a line");
        }
        if (text.find(' ') != std::string_view::npos)
            throw PhraseDataError("[" + std::string(section) + "] '" + line.text + "': one word a line");
        entry.text = std::string(text);
        entry.value = line.value;
        entries_.push_back(std::move(entry));
    }
}

const WordList::Entry* WordList::find(std::string_view word) const {
    // Most words share their first byte (Cyrillic is 0xD0/0xD1 in UTF-8), so the last byte an
    // entry must meet rules most entries out before a full comparison: this runs on every token.
    for (const Entry& e : entries_) {
        const std::size_t size = e.text.size();
        if (word.size() < size) continue;
        bool meets = false;
        switch (e.kind) {
            case Entry::Kind::Exact:
                meets = word.size() == size && word.back() == e.text.back() && word == e.text;
                break;
            case Entry::Kind::Prefix:
                meets = word[size - 1] == e.text.back() && word.compare(0, size, e.text) == 0;
                break;
            case Entry::Kind::Suffix:
                meets = word.back() == e.text.back() && word.compare(word.size() - size, size, e.text) == 0;
                break;
        }
        if (meets) return &e;
    }
    return nullptr;
}

std::optional<int> WordList::longest_prefix_value(std::string_view word) const {
    std::optional<int> best;
    std::size_t best_length = 0;
    for (const Entry& e : entries_) {
        if (e.kind == Entry::Kind::Prefix && word.starts_with(e.text) && e.text.size() > best_length) {
            best = e.value;
            best_length = e.text.size();
        }
    }
    return best;
}

bool WordList::has_ending(std::string_view word, std::size_t min_stem_bytes) const {
    for (const Entry& e : entries_)
        if (e.kind == Entry::Kind::Suffix && word.size() >= e.text.size() + min_stem_bytes && word.ends_with(e.text))
            return true;
    return false;
}

std::optional<int> WordList::value_of(std::string_view word) const {
    const Entry* e = find(word);
    return e != nullptr ? e->value : std::nullopt;
}

}  // namespace leadhub::understand
