#include "conversation/russian_grammar.hpp"

#include "base/text.hpp"

namespace leadhub::conversation {

namespace {

bool is_upper_letter(char32_t cp) {
    return (cp >= U'A' && cp <= U'Z') || (cp >= U'А' && cp <= U'Я') || cp == U'Ё';
}

char32_t lower_letter(char32_t cp) {
    if ((cp >= U'A' && cp <= U'Z') || (cp >= U'А' && cp <= U'Я')) return cp + 0x20;
    if (cp == U'Ё') return U'ё';
    return cp;
}

// Only plain lower-case Russian words decline here: a word with a capital or a Latin letter is a
// brand or an acronym, and a word under four letters is more likely a loan word («спа») than a
// noun of the first declension.
bool declines(std::string_view word) {
    std::u32string text = base::to_u32(word);
    if (text.size() < 4) return false;
    for (char32_t cp : text)
        if (!((cp >= U'а' && cp <= U'я') || cp == U'ё' || cp == U'-')) return false;
    return true;
}

bool replace_ending(std::string& word, std::string_view ending, std::string_view with) {
    if (!word.ends_with(ending)) return false;
    word.replace(word.size() - ending.size(), ending.size(), with);
    return true;
}

std::vector<std::string> split_words(std::string_view text) {
    std::vector<std::string> words;
    std::size_t at = 0;
    while (at <= text.size()) {
        std::size_t space = text.find(' ', at);
        if (space == std::string_view::npos) space = text.size();
        words.emplace_back(text.substr(at, space - at));
        at = space + 1;
    }
    return words;
}

}  // namespace

const std::string& plural_form(long n, const std::string& one, const std::string& few, const std::string& many) {
    long last_two = (n < 0 ? -n : n) % 100;
    long last = last_two % 10;
    if (last_two >= 11 && last_two <= 14) return many;
    if (last == 1) return one;
    if (last >= 2 && last <= 4) return few;
    return many;
}

std::string duration_text(long minutes) {
    static const std::string day = "день", days_few = "дня", days_many = "дней";
    static const std::string hour = "час", hours_few = "часа", hours_many = "часов";
    static const std::string minute = "минуту", minutes_few = "минуты", minutes_many = "минут";
    if (minutes <= 0) return "";
    if (minutes % 1440 == 0) {
        long d = minutes / 1440;
        return std::to_string(d) + " " + plural_form(d, day, days_few, days_many);
    }
    long h = minutes / 60, m = minutes % 60;
    std::string out;
    if (h > 0) out = std::to_string(h) + " " + plural_form(h, hour, hours_few, hours_many);
    if (m > 0)
        out += (out.empty() ? "" : " ") + std::to_string(m) + " " + plural_form(m, minute, minutes_few, minutes_many);
    return out;
}

std::string lower_first(std::string_view text) {
    if (text.empty()) return {};
    std::size_t at = 0;
    char32_t first = base::decode_utf8(text, at);
    if (!is_upper_letter(first)) return std::string(text);
    std::size_t second_at = at;
    if (second_at < text.size() && is_upper_letter(base::decode_utf8(text, second_at))) return std::string(text);
    std::string out;
    base::append_utf8(out, lower_letter(first));
    out += text.substr(at);
    return out;
}

std::string accusative(std::string_view name) {
    std::vector<std::string> words = split_words(name);
    bool seeking = true;  // still before the noun of this phrase
    for (auto& word : words) {
        if (word == "и" || word == "+") {  // «стрижка и укладка»: a new phrase starts
            seeking = true;
            continue;
        }
        if (!seeking) continue;
        if (!declines(word)) {
            seeking = false;
            continue;
        }
        if (replace_ending(word, "ая", "ую") || replace_ending(word, "яя", "юю")) continue;  // an adjective
        if (!replace_ending(word, "а", "у")) replace_ending(word, "я", "ю");
        seeking = false;
    }
    std::string out;
    for (std::size_t i = 0; i < words.size(); ++i) out += (i ? " " : "") + words[i];
    return out;
}

std::string join_with_and(const std::vector<std::string>& items) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out += i + 1 == items.size() ? " и " : ", ";
        out += items[i];
    }
    return out;
}

}  // namespace leadhub::conversation
