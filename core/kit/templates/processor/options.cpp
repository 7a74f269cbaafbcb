#include "options.hpp"

#include "{{identifier}}_processor.hpp"

#include <stdexcept>

namespace {{identifier}}_plugin {

using leadhub::sdk::OptionSpec;

const leadhub::sdk::OptionSet<Options>& option_set() {
    static const leadhub::sdk::OptionSet<Options> set{
        OptionSpec::string_list("urgent_words", "Words that make an enquiry urgent, matched in any letter case")
            .with_default(leadhub::sdk::Json::array({"срочно", "сегодня", "как можно скорее", "asap"}))
            .bind(&Options::urgent_words),
        OptionSpec::string("country_code", "Country calling code for numbers written with a leading 8 or without one")
            .with_default("7")
            .bind(&Options::country_code),
    };
    return set;
}

Options read_options(const leadhub::sdk::Options& options) {
    Options out = option_set().read(options);
    std::vector<std::string> words;
    for (const auto& word : out.urgent_words)
        if (!word.empty()) words.push_back(lower_case(word));
    out.urgent_words = words;
    if (out.country_code.empty() || out.country_code.size() > 3 ||
        out.country_code.find_first_not_of("0123456789") != std::string::npos)
        throw std::invalid_argument("option 'country_code' must be 1 to 3 digits, got '" + out.country_code + "'");
    return out;
}

}  // namespace {{identifier}}_plugin
