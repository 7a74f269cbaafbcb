#include "base/phone.hpp"

#include "install_layout.hpp"
#include <dlfcn.h>

#include <cctype>
#include <filesystem>
#include <mutex>
#include <stdexcept>
#include <vector>

namespace leadhub::base {
namespace {

// libphonenumber lives in the module leadhub-phone.so (phone_module/phone_module.cpp), opened
// on first use so that starting the hub does not map libphonenumber, protobuf and ICU.
using E164Function = int (*)(const char* text, const char* region, char* out, unsigned long out_size);

struct PhoneModule {
    std::filesystem::path file;
    E164Function e164 = nullptr;
    std::string error;
};

std::filesystem::path module_file() {
    auto dir = leadhub_lib_dir();
    return dir.empty() ? dir : dir / "leadhub-phone.so";
}

const PhoneModule& phone_module() {
    static std::once_flag once;
    static PhoneModule module;
    std::call_once(once, [] {
        module.file = module_file();
        // RTLD_NODELETE: libphonenumber's singleton stays for the life of the process.
        void* handle = module.file.empty() ? nullptr : ::dlopen(module.file.c_str(), RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
        if (handle) module.e164 = reinterpret_cast<E164Function>(::dlsym(handle, "leadhub_phone_e164"));
        if (!module.e164) {
            const char* why = handle ? "it lacks leadhub_phone_e164" : ::dlerror();
            module.error = "phone numbers cannot be read: " + module.file.string() + ": " + (why ? why : "cannot be loaded");
        }
    });
    return module;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_separator(char c) { return c == ' ' || c == '-' || c == '(' || c == ')' || c == '.' || c == '\t'; }

// Countries whose trunk prefix is 8 before a 10-digit national number written as 8XXXXXXXXXX.
bool uses_trunk_eight(const std::string& region) { return region == "RU" || region == "KZ"; }

}  // namespace

std::optional<std::string> normalize_phone(std::string_view raw, const std::string& region) {
    std::string digits;
    bool plus = false;
    for (std::size_t i = 0; i < raw.size(); ++i) {
        char c = raw[i];
        if (is_digit(c)) {
            digits += c;
        } else if (c == '+' && digits.empty() && !plus) {
            plus = true;
        } else if (static_cast<unsigned char>(c) == 0xC2 && i + 1 < raw.size() &&
                   static_cast<unsigned char>(raw[i + 1]) == 0xA0) {
            ++i;  // a no-break space, common in pasted numbers
        } else if (!is_separator(c)) {
            return std::nullopt;  // letters or other signs: not a phone number
        }
    }
    if (digits.size() < 7 || digits.size() > 15) return std::nullopt;
    // Written without a country code, a number has at most its national length plus a trunk
    // digit; more digits are two numbers run together, not one phone.
    if (!plus && digits.size() > (uses_trunk_eight(region) ? 11u : 13u)) return std::nullopt;
    if (!plus && uses_trunk_eight(region) && digits.size() == 11 && (digits[0] == '8' || digits[0] == '7')) {
        digits[0] = '7';  // in place: GCC 12's -Wrestrict misreads "7" + digits.substr(1) at -O2 in some unity batches
        plus = true;
    }
    const PhoneModule& module = phone_module();
    // Refusing, not guessing: the caller's work (an inbox row, a contact) waits and is retried.
    if (!module.e164) throw std::runtime_error(module.error);
    const std::string text = plus ? "+" + digits : digits;
    char e164[32];
    if (!module.e164(text.c_str(), region.c_str(), e164, sizeof e164)) return std::nullopt;
    return std::string(e164);
}

std::string phone_support_problem() {
    std::error_code ec;
    const auto file = module_file();
    if (file.empty()) return "phone numbers cannot be read: the running binary's path is unknown";
    if (!std::filesystem::is_regular_file(file, ec))
        return "phone numbers cannot be read: " + file.string() + " is missing (it is installed with leadhub)";
    return "";
}

std::optional<FoundPhone> find_phone(std::string_view text, const std::string& region) {
    struct Group {
        std::size_t begin, end, digits;
    };
    std::size_t i = 0;
    while (i < text.size()) {
        bool starts = is_digit(text[i]) || (text[i] == '+' && i + 1 < text.size() && is_digit(text[i + 1])) ||
                      (text[i] == '(' && i + 1 < text.size() && is_digit(text[i + 1]));
        bool glued = i > 0 && (std::isalnum(static_cast<unsigned char>(text[i - 1])) != 0);
        if (!starts || glued) {
            ++i;
            continue;
        }
        // Collect digit groups joined by single separators: "+7 (913) 123-45-67".
        std::vector<Group> groups;
        std::size_t j = i;
        while (j < text.size()) {
            std::size_t k = j;
            if (text[k] == '+' && groups.empty()) ++k;
            while (k < text.size() && (text[k] == '(' || text[k] == ' ')) ++k;
            std::size_t digit_start = k;
            while (k < text.size() && is_digit(text[k])) ++k;
            if (k == digit_start) break;
            groups.push_back({j, k, k - digit_start});
            std::size_t s = k, seps = 0;
            while (s < text.size() && is_separator(text[s]) && seps < 3) ++s, ++seps;
            if (s == k || s >= text.size() || !(is_digit(text[s]) || text[s] == '(' || text[s] == '+')) {
                if (k < text.size() && text[k] == ')') groups.back().end = k + 1;
                break;
            }
            j = s;
        }
        // The longest run of whole groups that reads as a phone, trying each group as a start,
        // so that "в 18.30 89131234567" finds the phone and not the time.
        for (std::size_t first = 0; first < groups.size(); ++first) {
            std::size_t digits = 0;
            std::optional<FoundPhone> best;
            for (std::size_t last = first; last < groups.size(); ++last) {
                digits += groups[last].digits;
                if (digits > 13) break;
                if (digits < 10) continue;
                std::string_view span = text.substr(groups[first].begin, groups[last].end - groups[first].begin);
                if (auto e164 = normalize_phone(span, region))
                    best = FoundPhone{*e164, groups[first].begin, groups[last].end};
            }
            if (best) return best;
        }
        i = groups.empty() ? i + 1 : groups.back().end;
    }
    return std::nullopt;
}

}  // namespace leadhub::base
