// The OpenAI-compatible chat-completions format, with no I/O: the request the plugin sends and
// the classification of every answer the server may give. Unit-tested on copies of the vendors'
// samples (OpenAI, YandexGPT, GigaChat).
#pragma once

#include "options.hpp"

#include <leadhub/sdk/types.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace leadhub::llm {

struct ChatMessage {
    std::string role;  // "system" or "user"
    std::string content;
};

struct ChatCall {
    std::string model;
    std::vector<ChatMessage> messages;
    ResponseFormat format = ResponseFormat::json_schema;
    sdk::Json schema;  // the answer's JSON Schema; sent only with json_schema
    double temperature = 0;
    std::optional<int64_t> max_tokens;
};

// The JSON Schema of a reading, in the subset strict structured output accepts (every property
// required, no additional ones). `service_ids` become the enum of `services` items, so a model
// under constraint cannot name a service the business does not sell.
sdk::Json reading_schema(const std::vector<std::string>& service_ids);

// The body of POST <base_url>/chat/completions.
sdk::Json chat_request_body(const ChatCall& call);

// Headers of the chat call. `credential` is the API key, or GigaChat's access token; empty sends
// no Authorization (local servers).
sdk::Headers chat_request_headers(const LlmOptions& options, const std::string& credential);

// What the server's answer means.
struct ChatAnswer {
    std::string content;       // choices[0].message.content, still to be checked as a reading
    std::string model;         // the model that answered, "" if the server did not say
    int64_t total_tokens = 0;  // usage.total_tokens, 0 if absent
};
struct ChatFailure {
    std::string reason;
    bool retryable = false;
    std::optional<int64_t> retry_after_ms;  // the server's Retry-After, when it gave one in seconds
    int status = 0;                         // HTTP status, 0 when no answer arrived
};
using ChatResult = std::variant<ChatAnswer, ChatFailure>;

// Timeout or network error (status 0), 408, 429 rate limits and 5xx are retryable; 429
// insufficient_quota, 400, 401, 403 and every other 4xx are not; a 2xx whose body is not a
// chat completion, was cut off (finish_reason "length") or was refused is not either.
ChatResult read_chat_response(const sdk::HttpResponse& response);

// Retry-After in seconds ("2", "1.5") as milliseconds; nullopt for anything else (an HTTP date
// leaves the hub's own backoff in charge).
std::optional<int64_t> retry_after_ms(const std::string& header);

// The processor's failure output as JSON: {"error": reason, "retryable": bool[, "retry_after_ms": n]}; the
// processor itself answers an sdk::ReadingResult, which the SDK writes in this same shape.
sdk::Json failure_output(const ChatFailure& failure);

}  // namespace leadhub::llm
