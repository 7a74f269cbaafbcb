// Checks a model's answer against the reading's contract before anything of it reaches a lead:
// the model is a guess, and the hub only takes guesses that have the right shape.
#pragma once

#include <leadhub/sdk/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace leadhub::llm {

struct CheckedReading {
    // On success: intent, services, urgent, name, phone, date, time, daypart (nothing else).
    std::optional<sdk::Json> reading;
    // Repairs made on the way (an unknown service dropped, a phone that is not one): said, not hidden.
    std::vector<std::string> warnings;
    // Why the answer was refused, when `reading` is empty.
    std::string error;
};

// Reads `content` (the message text of the answer; a ```json fence around it is tolerated) and
// checks every field: intent and daypart among their values, urgent a boolean, services a list of
// strings (ids not in `catalog_ids` are dropped with a warning, repeats are dropped), name, phone,
// date and time strings or null (a missing one counts as null), date a real YYYY-MM-DD, time a
// real HH:MM. The phone is normalised to E.164; one that cannot be is dropped with a warning. A
// daypart next to a clock time is dropped with a warning (the contract says one or the other).
CheckedReading check_reading(const std::string& content, const std::vector<std::string>& catalog_ids);

// The content without surrounding whitespace and without a Markdown code fence (```json ... ```).
std::string strip_code_fence(const std::string& content);

// The simple Russian rules: digits of "8XXXXXXXXXX" or "7XXXXXXXXXX" become "+7XXXXXXXXXX", ten
// digits starting with 9 become "+79…", "+" and 11 to 15 digits stay as they are; spaces, dashes,
// dots and brackets are ignored. nullopt for anything else.
std::optional<std::string> normalize_phone(const std::string& raw);

bool is_calendar_date(const std::string& text);  // YYYY-MM-DD and a day that exists
bool is_clock_time(const std::string& text);     // HH:MM, 00:00 to 23:59

}  // namespace leadhub::llm
