// The {{name}} processor: reads {"text": "..."} (a customer's message) and answers
//   {"phones": ["+79161234567"], "emails": ["anna@example.ru"], "urgent": true, "urgent_words": ["срочно"]}
// so the hub can fill in contacts the channel did not give and raise the priority of urgent
// enquiries. Input it cannot use gets {"error": "..."}, never an exception.
#pragma once

#include "options.hpp"

#include <leadhub/sdk/plugin.hpp>

#include <string>
#include <vector>

namespace {{identifier}}_plugin {

// ASCII and Russian letters (А-Я, Ё) to lower case; other bytes unchanged.
std::string lower_case(const std::string& utf8);

// Phone numbers in E.164, in order of appearance, without repeats. A run of 10 to 15 digits
// (spaces, '-', '(' and ')' may separate them) counts; "8 916 …" and "916 …" get +<country_code>.
std::vector<std::string> find_phones(const std::string& text, const std::string& country_code);

// Addresses of the form local@domain.tld, lower-cased, without repeats.
std::vector<std::string> find_emails(const std::string& text);

class {{class}}Processor final : public leadhub::sdk::Processor {
public:
    // Throws std::invalid_argument on options that validate but make no sense (see options.hpp).
    explicit {{class}}Processor(const leadhub::sdk::Context& ctx);

    leadhub::sdk::Json process(const leadhub::sdk::Json& input) override;

private:
    Options options_;
};

}  // namespace {{identifier}}_plugin
