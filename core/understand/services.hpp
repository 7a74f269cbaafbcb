// Which of the tenant's services a message is about: built-in lexicon for known ids, the
// catalog's keywords (stemmed) for every id, negation ("не маникюр, а педикюр") and
// background mentions ("после окрашивания волосы сухие").
#pragma once

#include <string>
#include <vector>

#include "understand/matcher.hpp"
#include "understand/text.hpp"
#include "understand/understand.hpp"

namespace leadhub::understand {

class ServiceFinder {
public:
    explicit ServiceFinder(const std::vector<Service>& services);

    struct Mention {
        std::size_t service = 0;  // index into ids()
        std::size_t begin = 0, end = 0;
        bool negated = false;
        bool background = false;  // "после окрашивания …": context for something else
        bool told_past = false;   // "вчера был на пробной": a visit told, beside one asked for
    };
    // Services named outright; when none is, the hints (symptoms) instead.
    std::vector<Mention> find(const std::vector<Token>& tokens) const;
    // Ids in order of mention, without negated ones; background mentions only when
    // `keep_background` (a complaint is about the past visit itself), and a past visit told
    // beside another service only then too.
    std::vector<std::string> select(const std::vector<Mention>& mentions, bool keep_background) const;

    const std::vector<std::string>& ids() const { return ids_; }

private:
    std::vector<Mention> resolve(const std::vector<Token>& tokens, const PhraseSet& set) const;

    std::vector<std::string> ids_;
    PhraseSet names_;
    PhraseSet hints_;
};

}  // namespace leadhub::understand
