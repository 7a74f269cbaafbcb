// Mango's request signature: the form field `sign` = lowercase hex SHA-256 of
// vpbx_api_key + json + vpbx_api_salt, where `json` is the exact text of the form field `json`.
#pragma once

#include <string>
#include <string_view>
#include <leadhub/sdk/secret_compare.hpp>

namespace leadhub::mango {

using sdk::constant_time_equals;  // secret_compare.hpp: shared by every source

std::string sign_of(std::string_view api_key, std::string_view json, std::string_view salt);

}  // namespace leadhub::mango
