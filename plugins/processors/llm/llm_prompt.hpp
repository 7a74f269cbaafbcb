// The two chat messages sent for one customer message: the fixed instructions (system) and the
// business, the calendar and the message itself (user). The fixed part comes first and never
// changes, so servers that cache prompt prefixes bill it once.
#pragma once

#include <leadhub/sdk/reading.hpp>

#include <map>
#include <string>

namespace leadhub::llm {

// The templates, in prompt_template.cpp.
extern const char* const kSystemPromptTemplate;
extern const char* const kUserPromptTemplate;

struct Prompt {
    std::string system;
    std::string user;
};

Prompt build_prompt(const sdk::ReadingRequest& input);

// Replaces every {{key}} of `text` by its value in one pass: a value that itself contains
// "{{...}}" (a customer can type anything) is never expanded again. An unknown key stays as is.
std::string fill_template(const std::string& text, const std::map<std::string, std::string>& values);

// "2026-03-02 Monday (понедельник)" lines for `days` days from `iso_date` (YYYY-MM-DD) on: models
// are unreliable at weekday arithmetic, so the calendar is given rather than computed by them.
std::string calendar_lines(const std::string& iso_date, int days);

// "Monday (понедельник)" for a YYYY-MM-DD date.
std::string weekday_name(const std::string& iso_date);

}  // namespace leadhub::llm
