#include "understand/service_lexicon.hpp"

#include <algorithm>

#include "understand/phrase_data.hpp"

namespace leadhub::understand {
namespace {

// Every [lexicon.ID.KIND] section of phrases/lexicon.txt, gathered by service id in file order.
std::vector<ServiceWords> read_lexicon() {
    std::vector<ServiceWords> lexicon;
    constexpr std::string_view kPrefix = "lexicon.";
    for (const auto& [section, lines] : embedded_sections()) {
        if (!section.starts_with(kPrefix)) continue;
        std::string_view rest = std::string_view(section).substr(kPrefix.size());
        std::size_t dot = rest.rfind('.');
        if (dot == std::string_view::npos || dot == 0)
            throw PhraseDataError("[" + section + "]: a lexicon section is [lexicon.ID.names|hints|too_vague]");
        std::string_view id = rest.substr(0, dot), kind = rest.substr(dot + 1);
        auto entry = std::find_if(lexicon.begin(), lexicon.end(), [&](const ServiceWords& w) { return w.id == id; });
        if (entry == lexicon.end()) entry = lexicon.insert(lexicon.end(), ServiceWords{id, {}, {}, {}});
        std::vector<std::string_view>* target = kind == "names"       ? &entry->names
                                                : kind == "hints"     ? &entry->hints
                                                : kind == "too_vague" ? &entry->too_vague
                                                                      : nullptr;
        if (target == nullptr)
            throw PhraseDataError("[" + section + "]: a lexicon section is [lexicon.ID.names|hints|too_vague]");
        for (const PhraseLine& line : lines) target->push_back(line.text);
    }
    return lexicon;
}

const std::vector<ServiceWords>& lexicon() {
    static const std::vector<ServiceWords> words = read_lexicon();
    return words;
}

}  // namespace

const ServiceWords* builtin_service_words(std::string_view id) {
    for (const ServiceWords& entry : lexicon())
        if (entry.id == id) return &entry;
    return nullptr;
}

}  // namespace leadhub::understand
