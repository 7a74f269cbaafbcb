#include "understand/names.hpp"

#include <unordered_map>
#include <unordered_set>

#include "understand/phrase_data.hpp"

namespace leadhub::understand {
namespace {

std::string drop_last_letter(std::string_view folded) {
    std::u32string cp = to_u32(folded);
    cp.pop_back();
    return to_utf8(cp);
}

// The oblique case forms of a folded nominative, by its ending; a few names drop a vowel
// ("Павел" -> "Павла").
std::vector<std::string> case_forms(const std::string& nominative) {
    if (nominative == "павел") return {"павла", "павлу", "павлом", "павле"};
    if (nominative == "петр") return {"петра", "петру", "петром", "петре"};
    std::vector<std::string> forms;
    auto add = [&](const std::string& base, std::initializer_list<const char*> endings) {
        for (const char* e : endings) forms.push_back(base + e);
    };
    if (nominative.ends_with("ия")) {
        add(drop_last_letter(nominative), {"и", "ю", "ей"});
    } else if (nominative.ends_with("я")) {
        add(drop_last_letter(nominative), {"и", "е", "ю", "ей", "ею"});
    } else if (nominative.ends_with("а")) {
        add(drop_last_letter(nominative), {"ы", "и", "е", "у", "ой", "ей", "ою"});
    } else if (nominative.ends_with("й") || nominative.ends_with("ь")) {
        add(drop_last_letter(nominative), {"я", "ю", "ем", "е"});
    } else {
        add(nominative, {"а", "у", "ом", "ем", "е"});
    }
    return forms;
}

// phrases/names.txt
struct NameWords {
    WordList stop_words{"names.stop_words"}, form_fields{"names.form_fields"}, introductions{"names.introductions"};
    WordList staff_note_words{"names.staff_note_words"}, from_what{"names.from_what"};
    WordList greetings{"names.greetings"}, greetings_after{"names.greetings_after"};
    WordList patronymic_endings{"names.patronymic_endings"}, word_like{"names.word_like"};
};

const NameWords& name_words() {
    static const NameWords lists;
    return lists;
}

struct NameIndex {
    std::unordered_set<std::string> nominatives;
    std::unordered_map<std::string, std::string> oblique;  // folded form -> name as listed

    NameIndex() {
        for (std::string_view name : first_names()) nominatives.insert(fold_case(name));
        for (std::string_view name : first_names())
            for (const std::string& form : case_forms(fold_case(name)))
                if (!nominatives.contains(form)) oblique.emplace(form, std::string(name));
    }
};

const NameIndex& index() {
    static const NameIndex names;
    return names;
}

// Upper-cases the first letter and lower-cases the rest, keeping ё as written.
std::string capitalize(std::string_view word) {
    std::u32string cp = to_u32(word);
    for (std::size_t i = 0; i < cp.size(); ++i) {
        char32_t& c = cp[i];
        bool upper = (c >= U'A' && c <= U'Z') || (c >= 0x410 && c <= 0x42F) || c == 0x401;
        bool lower = (c >= U'a' && c <= U'z') || (c >= 0x430 && c <= 0x44F) || c == 0x451;
        if (i == 0 && lower) c = c == 0x451 ? 0x401 : c >= U'a' && c <= U'z' ? c - 32 : c - 0x20;
        if (i > 0 && upper) c = c == 0x401 ? 0x451 : c >= U'A' && c <= U'Z' ? c + 32 : c + 0x20;
    }
    return to_utf8(cp);
}

// A known name in any case, as its nominative.
std::optional<std::string> any_case_name(const Token& t) {
    if (!t.is_word()) return std::nullopt;
    if (is_nominative_name(t.cyr)) return capitalize(t.text);
    return nominative_name(t.cyr);
}

std::optional<std::string> nominative_as_written(const Token& t) {
    if (!t.is_word() || !is_nominative_name(t.cyr)) return std::nullopt;
    return capitalize(t.text);
}

bool is_stop_word(std::string_view w) {
    return name_words().stop_words.contains(w);
}

// "Имя: Ирина Владимировна" -> Ирина; an unknown name in the field is still taken.
std::optional<std::string> from_form_field(const std::vector<Token>& tokens) {
    for (std::size_t i = 0; i + 2 < tokens.size(); ++i) {
        if (!name_words().form_fields.contains(tokens[i].low) || tokens[i + 1].text != ":") continue;
        std::optional<std::string> first;
        for (std::size_t k = i + 2; k < tokens.size() && k < i + 5 && tokens[k].is_word(); ++k) {
            if (auto known = any_case_name(tokens[k])) return known;
            if (!first) first = capitalize(tokens[k].text);
        }
        if (first) return first;
    }
    return std::nullopt;
}

std::optional<std::string> from_introduction(const std::vector<Token>& tokens) {
    const std::size_t n = tokens.size();
    for (std::size_t i = 0; i < n; ++i) {
        const std::string& w = tokens[i].low;
        // "меня зовут X", "зовут X"
        if (w == "зовут" && i + 1 < n && tokens[i + 1].is_word() && !is_stop_word(tokens[i + 1].cyr)) {
            if (auto known = any_case_name(tokens[i + 1])) return known;
            if (tokens[i + 1].capitalized) return capitalize(tokens[i + 1].text);
        }
        // "меня X зовут", "меня Светой зовут"
        if (w == "меня" && i + 2 < n && tokens[i + 2].low == "зовут")
            if (auto known = any_case_name(tokens[i + 1])) return known;
        // "я Оксана", "это Лёша", "я — Анна", "my name is Anna"
        if (name_words().introductions.contains(w)) {
            std::size_t k = i + 1;
            if (k < n && (tokens[k].text == "—" || tokens[k].text == "-")) ++k;
            if (k < n)
                if (auto name = nominative_as_written(tokens[k])) return name;
        }
    }
    return std::nullopt;
}

// A staff note about the caller: "Звонила Юлия", "Клиентка Наталья:", "Мужчина, Алексей,",
// "звонок от Елены".
std::optional<std::string> from_staff_note(const std::vector<Token>& tokens) {
    const std::size_t n = tokens.size();
    for (std::size_t i = 0; i + 1 < n; ++i) {
        const std::string& w = tokens[i].low;
        std::size_t k = i + 1;
        if (tokens[k].text == ",") ++k;
        if (k >= n) break;
        if (name_words().staff_note_words.contains(w))
            if (auto name = nominative_as_written(tokens[k])) return name;
        if (w == "от" && i > 0 && name_words().from_what.contains(tokens[i - 1].low))
            if (auto name = any_case_name(tokens[k])) return name;
    }
    return std::nullopt;
}

bool opens_clause(const std::vector<Token>& tokens, std::size_t i) {
    if (i == 0) return true;
    const Token& prev = tokens[i - 1];
    if (prev.is_boundary() || prev.is_number()) return true;
    if (prev.text == "," || prev.text == ":") {
        // "Здравствуйте, Анна" addresses the staff, "Спасибо, Ольга" too.
        if (i >= 2 && name_words().greetings.contains(tokens[i - 2].low))
            return false;
        return true;
    }
    return false;
}

// "Петровна", "Николаевич", "Ильинична": a patronymic, which follows a first name and keeps the
// pair one signature ("…, Галина Петровна, тел. …").
bool is_patronymic(const Token& t) {
    if (!t.is_word() || t.latin || !t.capitalized) return false;
    const std::string& w = t.cyr;
    return name_words().patronymic_endings.has_ending(w, 5);
}

bool closes_clause(const std::vector<Token>& tokens, std::size_t i) {
    if (i + 1 < tokens.size() && is_patronymic(tokens[i + 1])) ++i;
    if (i + 1 >= tokens.size()) return true;
    const Token& next = tokens[i + 1];
    return next.is_boundary() || next.is_number() || next.text == "," || (next.is_punct() && next.text == "+");
}

// Names that are also ordinary words (надежда "hope", любовь "love", роза, лилия, слава, мира).
// Capitalised alone after the last sentence of a message they sign it; anywhere else they are
// read as words.
bool is_word_like_name(std::string_view folded) {
    return name_words().word_like.contains(folded);
}

// A known name standing alone between clause boundaries: "…можно? Оксана", "Анна, 8 913 …".
std::optional<std::string> from_signature(const std::vector<Token>& tokens) {
    if (!tokens.empty()) {
        std::size_t i = tokens.size() - 1;
        if (tokens[i].is_punct() && !tokens[i].is_boundary() && i > 0) --i;  // "… Надежда)" or "… Роза!"
        if (tokens[i].is_punct() && i > 0) --i;
        const Token& t = tokens[i];
        if (t.is_word() && !t.latin && t.capitalized && is_word_like_name(t.cyr) && i > 0 &&
            (tokens[i - 1].is_boundary() || tokens[i - 1].text == ","))
            return capitalize(t.text);
    }
    std::optional<std::string> last;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (!tokens[i].is_word() || tokens[i].latin) continue;
        auto name = nominative_as_written(tokens[i]);
        if (!name) continue;
        bool at_end = i + 1 == tokens.size();
        if (!tokens[i].capitalized && !at_end) continue;
        // "Ирина, добрый день!": the staff member written to, not a signature.
        bool addressed = i == 0 && i + 2 < tokens.size() && tokens[i + 1].text == "," &&
                         name_words().greetings_after.contains(tokens[i + 2].low);
        if (!addressed && opens_clause(tokens, i) && closes_clause(tokens, i)) last = name;
    }
    return last;
}

}  // namespace

std::optional<std::string> nominative_name(std::string_view folded) {
    const NameIndex& names = index();
    if (auto it = names.oblique.find(std::string(folded)); it != names.oblique.end()) return it->second;
    return std::nullopt;
}

bool is_nominative_name(std::string_view folded) { return index().nominatives.contains(std::string(folded)); }

std::optional<std::string> find_customer_name(const std::vector<Token>& tokens) {
    if (auto name = from_form_field(tokens)) return name;
    if (auto name = from_introduction(tokens)) return name;
    if (auto name = from_staff_note(tokens)) return name;
    return from_signature(tokens);
}

}  // namespace leadhub::understand
