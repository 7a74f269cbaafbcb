// Matching a request path against an admin endpoint's pattern, e.g. "/api/leads/{id}/take".
// A pattern is literal segments and `{id}` segments; an `{id}` matches any one non-empty segment,
// so that a path of the right shape with a malformed id is told so (400) instead of "no such
// path" (404).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace leadhub::app {

// The segments that stood for the pattern's `{id}`s, in order; nullopt when the path has another
// shape (other literals, more or fewer segments).
std::optional<std::vector<std::string>> match_path(const std::string& pattern, const std::string& path);

// An id as the API takes it: a whole number of 1 to 18 digits (no sign, no spaces), so it always
// fits an int64_t. nullopt otherwise.
std::optional<int64_t> parse_id(const std::string& segment);

}  // namespace leadhub::app
