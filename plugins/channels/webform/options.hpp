// The webform source's options: declared once here (the manifest, validation, help and README
// table all come from webform_option_specs()), read into a typed struct once per instance.
#pragma once

#include <leadhub/sdk/options.hpp>

#include <map>
#include <string>
#include <vector>

namespace leadhub::webform {

// How a request body is interpreted. `auto` tells Tilda from a plain form by Tilda's own fields.
enum class Provider { automatic, tilda, html, json };

struct WebformOptions {
    std::string token;  // "" = no token required
    Provider provider = Provider::automatic;
    // Site field name -> one of name, phone, email, text (extra aliases beyond the built-in ones).
    std::map<std::string, std::string> field_map;
    std::vector<std::string> allowed_origins;  // empty = no CORS; "*" = any origin
    std::string phone_country = "RU";
};

std::vector<sdk::OptionSpec> webform_option_specs();

// Reads validated options (defaults filled in). Throws std::invalid_argument with a message that
// names the option when a value passes the schema but still makes no sense (a field_map target
// that is not a lead field).
WebformOptions read_webform_options(const sdk::Options& options);

const char* to_string(Provider provider);

}  // namespace leadhub::webform
