// GigaChat's access tokens: the owner's authorization key is exchanged at the OAuth endpoint for
// a token that lives 30 minutes. The token is kept in memory and in the instance's host state
// (so a restart does not spend an exchange) and renewed shortly before it expires, or at once
// when the chat endpoint rejects it.
#pragma once

#include "llm_api.hpp"
#include "options.hpp"

#include <leadhub/sdk/host.hpp>

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <variant>

namespace leadhub::llm {

struct GigachatToken {
    std::string access_token;
    int64_t expires_at_ms = 0;  // Unix milliseconds
};

// A token is renewed this long before it expires, so a chat call never starts with a token that
// dies on the way.
constexpr int64_t kTokenRefreshMarginMs = 60'000;

// POST <oauth_url> with Basic <authorization key>, a fresh RqUID and scope=<scope>.
sdk::HttpRequest gigachat_token_request(const LlmOptions& options, const std::string& rq_uid);

// The token from the OAuth answer, or a classified failure: no answer, 429 and 5xx are
// retryable; 400, 401, 403 (a wrong key or scope) and a malformed answer are not. An expires_at
// that is plainly in seconds rather than milliseconds is converted.
std::variant<GigachatToken, ChatFailure> read_gigachat_token_response(const sdk::HttpResponse& response);

// A random (version 4) UUID, as GigaChat wants for RqUID.
std::string new_rq_uid();

// Safe to use from several threads: one exchange at a time, so concurrent calls after expiry
// cost one token request, not one each (GigaChat allows 10 per second).
class GigachatTokenCache {
public:
    GigachatTokenCache(sdk::Host host, LlmOptions options);

    // A token valid for at least kTokenRefreshMarginMs more: from memory, else from host state
    // (once, at first use), else from a new exchange.
    std::variant<std::string, ChatFailure> token();

    // The chat endpoint refused `rejected`: forget it (unless another call has already replaced
    // it), so the next token() exchanges the key again.
    void invalidate(const std::string& rejected);

private:
    bool usable(const GigachatToken& t) const;
    std::optional<GigachatToken> from_state() const;
    void to_state(const GigachatToken& t) const;

    sdk::Host host_;
    LlmOptions options_;
    std::string fingerprint_;  // of the key and scope: a token saved for another key is not reused
    std::mutex mutex_;
    std::optional<GigachatToken> cached_;
    bool state_checked_ = false;
};

}  // namespace leadhub::llm
