// The {{name}} processor's options: declared once here (manifest, validation, help text, README
// table) and read into a typed struct once per instance.
#pragma once

#include <leadhub/sdk/options.hpp>

#include <string>
#include <vector>

namespace {{identifier}}_plugin {

// No defaults here: they are the declarations' (option_set().defaults() has them).
struct Options {
    std::vector<std::string> urgent_words;  // lower case
    std::string country_code;               // digits, e.g. "7"
};

// Each option bound to its field of Options: the manifest, validation, help text, README table
// and the typed read all come from these declarations.
const leadhub::sdk::OptionSet<Options>& option_set();

// Reads options the host already validated (defaults filled in) with option_set().read(). Throws std::invalid_argument,
// naming the option, for what the schema cannot say: a country code that is not 1-3 digits.
Options read_options(const leadhub::sdk::Options& options);

}  // namespace {{identifier}}_plugin
