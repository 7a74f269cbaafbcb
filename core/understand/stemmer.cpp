#include "understand/stemmer.hpp"

#include <libstemmer.h>

#include <memory>

namespace leadhub::understand {
namespace {

struct StemmerDeleter {
    void operator()(sb_stemmer* stemmer) const { sb_stemmer_delete(stemmer); }
};

sb_stemmer* thread_stemmer() {
    thread_local std::unique_ptr<sb_stemmer, StemmerDeleter> stemmer(sb_stemmer_new("russian", "UTF_8"));
    return stemmer.get();
}

}  // namespace

std::string stem_russian(std::string_view word) {
    if (word.size() < 6) return std::string(word);  // under three Cyrillic letters
    sb_stemmer* stemmer = thread_stemmer();
    if (stemmer == nullptr) return std::string(word);
    const sb_symbol* stemmed =
        sb_stemmer_stem(stemmer, reinterpret_cast<const sb_symbol*>(word.data()), static_cast<int>(word.size()));
    if (stemmed == nullptr) return std::string(word);
    return std::string(reinterpret_cast<const char*>(stemmed), static_cast<std::size_t>(sb_stemmer_length(stemmer)));
}

}  // namespace leadhub::understand
