// What `control {"action": "connect"}` answers: Zadarma has no API to set the notification URL,
// so the owner pastes it; these are the exact steps. No I/O.
#pragma once

#include <leadhub/sdk/json.hpp>

#include <string>

namespace leadhub::zadarma {

// {"performed": false, "url": ..., "events": [...], "steps": [...]}. Throws std::invalid_argument
// when `webhook_url` is not an http(s) URL (the steps would tell the owner to paste nonsense).
sdk::Json connect_steps(const std::string& webhook_url);

}  // namespace leadhub::zadarma
