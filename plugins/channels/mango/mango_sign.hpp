// Mango's request signature: the form field `sign` = lowercase hex SHA-256 of
// vpbx_api_key + json + vpbx_api_salt, where `json` is the exact text of the form field `json`.
#pragma once

#include <string>
#include <string_view>

namespace leadhub::mango {

std::string sign_of(std::string_view api_key, std::string_view json, std::string_view salt);

// Compares in time that depends only on the lengths, so a sign or key cannot be guessed byte by
// byte from response times.
bool constant_time_equals(std::string_view a, std::string_view b);

}  // namespace leadhub::mango
