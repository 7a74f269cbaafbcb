// Phone numbers: one normaliser for the whole core, and the search for a phone among the
// other numbers of a message.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace leadhub::base {

// E.164 ("+79131234567") for any way a number is written: "8 913 123-45-67", "+7(913)…",
// "7913…", "913 …", landlines with city codes ("8 (391) 245-67-89"). Russian trunk prefix 8
// is understood for region RU. nullopt for anything that is not a possible phone number.
// libphonenumber is opened on first use from <dir of the binary>/../lib/leadhub/leadhub-phone.so;
// if that fails, this throws std::runtime_error saying why (no number is silently dropped).
std::optional<std::string> normalize_phone(std::string_view raw, const std::string& region = "RU");

// "" when leadhub-phone.so is where normalize_phone will look for it, else the problem. Only looks
// at the file (cheap, for a start-up check); it does not open it.
std::string phone_support_problem();

// The first phone written in free text, with the byte range it occupies.
struct FoundPhone {
    std::string e164;
    std::size_t begin = 0, end = 0;
};
std::optional<FoundPhone> find_phone(std::string_view text, const std::string& region = "RU");

}  // namespace leadhub::base
