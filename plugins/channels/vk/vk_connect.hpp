// What control({"action": "connect"}) tells the operator: the exact values to paste into the
// community's settings (Callback API: the hub's URL, the confirmation string, the secret key,
// the API version and the event types to tick; or the Long Poll API's switch and event types).
// Pure text, no I/O.
#pragma once

#include "options.hpp"

#include <leadhub/sdk/json.hpp>

#include <string>
#include <vector>

namespace leadhub::vk {

// The events the hub reads, as the settings page and groups.setLongPollSettings name them.
const std::vector<std::string>& needed_event_types();

// {"performed": false, "steps": [...], "url", "api_version", "event_types", ...}
sdk::Json callback_connect_steps(const VkOptions& options, const std::string& webhook_url);

// The manual steps for long poll mode; `why` (may be empty) says why the hub did not do it itself.
sdk::Json longpoll_connect_steps(const VkOptions& options, const std::string& why);

}  // namespace leadhub::vk
