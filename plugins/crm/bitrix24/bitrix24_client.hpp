// Calls Bitrix24's REST API on the hub's HTTP client, by an inbound webhook or as an OAuth
// application. OAuth: the tokens in the hub's state win over the config's first ones; on a
// 401 expired_token (and only then, as Bitrix24 asks) the token is refreshed once, the new pair
// is stored with Host::state_put before it is used, and the call is repeated once.
// Safe to use from several threads (an Enterprise config may raise the concurrency).
#pragma once

#include "bitrix24_api.hpp"
#include "options.hpp"

#include <leadhub/sdk/host.hpp>

#include <mutex>
#include <optional>
#include <string>

namespace leadhub::bitrix24 {

class Client {
public:
    Client(const sdk::Host& host, const Bitrix24Options& options);

    // Reads the stored tokens (OAuth); call once at start.
    void load_tokens();

    // One method with JSON parameters, classified. An expired token is refreshed and the call
    // repeated once; a refresh that fails is permanent (invalid_grant: re-authorise) or retry.
    Answer call(const std::string& method, const sdk::Json& params, uint32_t timeout_ms);

    // {"action": "connect", "code": ...}: trades an OAuth authorisation code for tokens.
    sdk::Json connect(const std::string& code);

    // What control({"action": "status"}) shows: the way of authorising and the last error.
    sdk::Json status() const;
    void note_lost_event(const std::string& reason);

    static constexpr const char* kStateKey = "oauth_tokens";

private:
    Answer call_once(const std::string& method, const sdk::Json& params, const std::string& access_token, uint32_t timeout_ms);
    // Refreshes unless another call already replaced `used_access_token`; returns the access
    // token to use, or the failure as an Answer.
    Answer refresh(const std::string& used_access_token, std::string* access_token);
    bool store(const Tokens& tokens) const;
    Answer note(Answer answer);
    std::string access_token() const;

    sdk::Host host_;
    const Bitrix24Options& options_;
    std::mutex refresh_mutex_;  // one refresh at a time: a refresh token works once
    mutable std::mutex mutex_;
    Tokens tokens_;
    std::optional<int64_t> operating_reset_at_s_;
    std::string last_error_;
    int64_t last_error_at_ms_ = 0, last_success_at_ms_ = 0, refreshed_at_ms_ = 0, events_lost_ = 0;
};

}  // namespace leadhub::bitrix24
