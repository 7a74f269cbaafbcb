// Talking to the running hub over its admin API, as `leadhub status` and `leadhub channels` do:
// the address and the admin token come from the config the hub runs on, --url overrides the
// address (a hub behind a proxy).
#pragma once

#include "config/config.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <ostream>
#include <string>

namespace leadhub::app::cli {

struct HubAddress {
    std::string host;
    int port = 0;
    std::string token;
    std::string text() const { return host + ":" + std::to_string(port); }
};

// The admin API of `config` (its listen address; a wildcard listen address means this machine),
// or the host and port of `url` when it is not empty. nullopt with `error` set when the config
// disables the admin API or the URL does not parse.
std::optional<HubAddress> hub_address(const config::Config& config, const std::string& url, std::string& error);

// "TENANT/INSTANCE": one slash, both sides non-empty (the key /api/*/connect takes).
bool is_instance_key(const std::string& key);

// The running hub of the config at `config_path` (hub_address over it); nullopt after writing
// "leadhub <command>: <why>" to `err` when the config does not load or names no admin API.
std::optional<HubAddress> hub_of_config(const std::string& config_path, const std::string& url,
                                        const std::string& command, std::ostream& err);

struct HubAnswer {
    int status = 0;
    nlohmann::json body;  // discarded when the answer was not JSON
    std::string raw;
    // The error the hub gave ({"error": ...}), else the raw body.
    std::string error_text() const;
};

// One request with a 5-second timeout (longer for actions that call a platform: `timeout_s`).
// Throws std::runtime_error saying that no hub answers at the address.
HubAnswer call_hub(const HubAddress& hub, const std::string& method, const std::string& path,
                   const std::string& body = {}, int timeout_s = 5);

}  // namespace leadhub::app::cli
