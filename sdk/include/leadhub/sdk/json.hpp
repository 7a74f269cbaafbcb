// The one JSON library at the plugin boundary (nlohmann/json, header-only, from Debian).
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace leadhub::sdk {

using Json = nlohmann::json;

// Reads an optional string member: absent or null gives nullopt, a non-string is an error.
inline std::optional<std::string> opt_string(const Json& object, const char* key) {
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) return std::nullopt;
    return it->get<std::string>();
}

inline Json to_json_or_null(const std::optional<std::string>& value) {
    return value ? Json(*value) : Json(nullptr);
}

// Serialises for the boundary. Invalid UTF-8 in plugin data must not throw on the way out, so
// bad bytes are replaced rather than aborting the call.
inline std::string dump(const Json& value) {
    return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace leadhub::sdk
