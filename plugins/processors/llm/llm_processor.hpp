// The llm processor: reads one customer message (a ReadingRequest) with a chat-completions model
// and answers either a checked Reading or a classified error. It only ever calls the model through the host's HTTP
// service; falling back to the built-in reading and updating the lead later are the core's job.
//
//   success: {"intent", "services", "urgent", "name", "phone", "date", "time", "daypart",
//             "backend": "llm", "model": "<model>"[, "warnings": [...]]}
//   failure: {"error": "<reason>", "retryable": true|false[, "retry_after_ms": n][, "invalid_answer": true]}
#pragma once

#include "gigachat_token.hpp"
#include "llm_api.hpp"
#include "options.hpp"

#include <leadhub/sdk/plugin.hpp>

#include <memory>
#include <string>

namespace leadhub::llm {

class LlmProcessor final : public sdk::Processor {
public:
    // Throws std::invalid_argument on options that validate but make no sense (see options.hpp).
    explicit LlmProcessor(const sdk::Context& ctx);

    // Safe to call from several threads at once.
    sdk::ReadingResult read(const sdk::ReadingRequest& request) override;
    // Input that is no reading request: logged and counted as a failure, like an API failure.
    sdk::ReadingResult refuse_input(const std::string& reason) override;

private:
    // One chat call with the configured authorization; with GigaChat, a 401 renews the token
    // and tries once more.
    ChatResult exchange(const std::string& body);
    ChatResult post(const std::string& body, const std::string& credential) const;
    sdk::ReadingResult fail(const ChatFailure& failure) const;

    LlmOptions options_;
    std::unique_ptr<GigachatTokenCache> tokens_;  // only with auth: gigachat_oauth
};

}  // namespace leadhub::llm
