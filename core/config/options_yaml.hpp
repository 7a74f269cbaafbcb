// An instance's `options` mapping as JSON, for the plugin's manifest to validate.
#pragma once

#include "config/yaml_reader.hpp"

#include <set>
#include <string>

namespace leadhub::config {

struct OptionsJson {
    Json values = Json::object();
    std::set<std::string> failed;  // options whose value could not be read (already reported)
    bool readable = true;          // false when `options` was not a mapping (already reported)
};

// Converts `options` (a mapping, or absent) to JSON with secret references resolved. `schema` is
// the manifest's options list (or null): a scalar under a declared option is read as that
// option's type, so `chat_id: 123` is the string "123" for a string option and `limit: "5"` the
// number 5 for an integer option. Undeclared values are typed as YAML reads them: plain true /
// false, numbers and null are typed, quoted scalars stay strings.
OptionsJson options_to_json(YamlReader& reader, const YAML::Node& options, const Json& schema);

}  // namespace leadhub::config
