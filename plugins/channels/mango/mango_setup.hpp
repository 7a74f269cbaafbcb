// What `control {"action": "connect"}` answers: Mango's base URL is set by hand in the VPBX, so
// the owner pastes it; these are the exact steps. No I/O.
#pragma once

#include <leadhub/sdk/json.hpp>

#include <string>

namespace leadhub::mango {

// {"performed": false, "url": ..., "paths": [...], "steps": [...]}. Throws std::invalid_argument
// when `webhook_url` is not an http(s) URL.
sdk::Json connect_steps(const std::string& webhook_url);

}  // namespace leadhub::mango
