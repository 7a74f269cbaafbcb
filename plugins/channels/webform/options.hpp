// The webform source's options: declared once here, each bound to its field of WebformOptions
// (the manifest, validation, help, README table and the typed read all come from
// webform_options()).
#pragma once

#include <leadhub/sdk/options.hpp>

#include <map>
#include <string>
#include <vector>

namespace leadhub::webform {

// How a request body is interpreted. `auto` tells Tilda from a plain form by Tilda's own fields.
enum class Provider { automatic, tilda, html, json };

// No defaults here: they are the declarations' (webform_options().defaults() has them).
struct WebformOptions {
    std::string token;  // "" = no token required
    Provider provider = Provider::automatic;
    // Site field name -> one of name, phone, email, text (extra aliases beyond the built-in ones).
    std::map<std::string, std::string> field_map;
    std::vector<std::string> allowed_origins;  // empty = no CORS; "*" = any origin
    std::string phone_country;  // "" counts as RU
};

const sdk::OptionSet<WebformOptions>& webform_options();

// Reads validated options (defaults filled in). Throws std::invalid_argument with a message that
// names the option when a value passes the schema but still makes no sense (a field_map target
// that is not a lead field).
WebformOptions read_webform_options(const sdk::Options& options);

const char* to_string(Provider provider);

}  // namespace leadhub::webform
