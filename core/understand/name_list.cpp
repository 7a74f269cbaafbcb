#include "understand/names.hpp"

#include "understand/phrase_data.hpp"

namespace leadhub::understand {

// Common Russian first names and their everyday short forms, in the nominative: [names.first]
// of phrases/names.txt, which says which names are left out on purpose and why.
const std::vector<std::string_view>& first_names() {
    static const std::vector<std::string_view> names = [] {
        std::vector<std::string_view> list;
        for (const PhraseLine& line : phrase_section("names.first")) list.push_back(line.text);
        return list;
    }();
    return names;
}

}  // namespace leadhub::understand
