// Checks a plugin manifest (already parsed JSON) before the host trusts any of it.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace leadhub::host {

// The kinds a plugin may declare.
inline constexpr const char* kPluginKinds[] = {"source", "sink", "notifier", "processor"};

// Returns "" for a usable manifest, otherwise the first problem in words, e.g.
// "manifest has no 'name'" or "option 2 ('limit'): unknown type 'int'". Requires name, version,
// a non-empty list of known kinds, an options array that is a valid options schema (see
// leadhub::sdk::OptionSpec) and no "error" key (the SDK writes one when building the manifest threw).
std::string check_manifest(const nlohmann::json& manifest);

}  // namespace leadhub::host
