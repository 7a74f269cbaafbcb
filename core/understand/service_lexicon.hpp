// What customers call the services of salons, dental clinics and fitness studios, keyed by
// the service ids such businesses commonly use. The catalog's own keywords are only a seed;
// this adds word forms, slang, diminutives, English and symptoms. The words are in
// phrases/lexicon.txt; the views below point into the embedded phrase data, which lives as long
// as the program.
#pragma once

#include <string_view>
#include <vector>

namespace leadhub::understand {

struct ServiceWords {
    std::string_view id;
    // Patterns (see matcher.hpp) that name the service.
    std::vector<std::string_view> names;
    // Symptoms and hints that point at the service only when nothing is named outright
    // ("зуб болит" means treatment unless the message says extraction).
    std::vector<std::string_view> hints;
    // Catalog keywords too vague to name the service alone ("тренер" is in every
    // complaint about a group class).
    std::vector<std::string_view> too_vague;
};

// The built-in entry for a service id, or nullptr.
const ServiceWords* builtin_service_words(std::string_view id);

}  // namespace leadhub::understand
