// The {{name}} processor: reads a customer's message (an sdk::ReadingRequest) and answers the
// hub's own reading of it (the request's baseline) with what its rules find added: the phone
// number, in E.164, and whether the customer is in a hurry. The SDK turns the host's JSON into
// the request and the answer back into JSON; input that is no reading request gets an error
// without reaching read().
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

class {{class}}Processor final : public leadhub::sdk::Processor {
public:
    // Throws std::invalid_argument on options that validate but make no sense (see options.hpp).
    explicit {{class}}Processor(const leadhub::sdk::Context& ctx);

    leadhub::sdk::ReadingResult read(const leadhub::sdk::ReadingRequest& request) override;

private:
    Options options_;
};

}  // namespace {{identifier}}_plugin
