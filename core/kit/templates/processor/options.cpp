#include "options.hpp"

#include "{{identifier}}_processor.hpp"

#include <stdexcept>

namespace {{identifier}}_plugin {

using leadhub::sdk::OptionSpec;

std::vector<OptionSpec> option_specs() {
    return {
        OptionSpec::string_list("urgent_words", "Words that make an enquiry urgent, matched in any letter case")
            .with_default(leadhub::sdk::Json::array({"срочно", "сегодня", "как можно скорее", "asap"})),
        OptionSpec::string("country_code", "Country calling code for numbers written with a leading 8 or without one")
            .with_default("7"),
    };
}

Options read_options(const leadhub::sdk::Options& options) {
    Options out;
    for (const auto& word : options.list("urgent_words"))
        if (!word.empty()) out.urgent_words.push_back(lower_case(word));
    out.country_code = options.str("country_code", "7");
    if (out.country_code.empty() || out.country_code.size() > 3 ||
        out.country_code.find_first_not_of("0123456789") != std::string::npos)
        throw std::invalid_argument("option 'country_code' must be 1 to 3 digits, got '" + out.country_code + "'");
    return out;
}

}  // namespace {{identifier}}_plugin
