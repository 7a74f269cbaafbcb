// The Bot API's envelope, without I/O: the request of a method call, how its answer reads, and
// how a sendMessage answer is classified for the hub's dispatcher.
//
//   request  POST <api_url>/bot<token>/<method>, JSON body
//   answer   {"ok": true, "result": …} | {"ok": false, "error_code", "description", "parameters"?:
//            {"retry_after", "migrate_to_chat_id"}}; the HTTP status equals error_code
//
// sendMessage outcomes:
//   200 ok                         ok, external id = result.message_id
//   429                            retry after parameters.retry_after (else Retry-After)
//   5xx, no response, unreadable   retry
//   401, 404                       permanent "bot_token is invalid (option bot_token)"
//   400, 403, other 4xx            permanent with Telegram's description (chat not found, message
//                                  too long, bot was blocked by the user, …)
#pragma once

#include "options.hpp"

#include <leadhub/sdk/types.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace leadhub::telegram {

sdk::HttpRequest api_request(const TelegramOptions& options, const std::string& method, const sdk::Json& body,
                             uint32_t timeout_ms);

struct ApiAnswer {
    int status = 0;               // 0: no response
    bool ok = false;              // the envelope's "ok" (false for anything unreadable)
    sdk::Json result;             // "result" when ok
    std::string description;      // Telegram's words, or the network error; control characters escaped
    std::optional<int64_t> retry_after_s;
    std::optional<int64_t> migrate_to_chat_id;
};

ApiAnswer read_answer(const sdk::HttpResponse& response);

// One line for logs and status: "HTTP 400: Bad Request: chat not found".
std::string describe(const ApiAnswer& answer);

// The retry-after of a 429 in milliseconds: parameters.retry_after, else the Retry-After header.
std::optional<int64_t> retry_after_ms(const ApiAnswer& answer, const sdk::HttpResponse& response);

sdk::Outcome classify_send(const ApiAnswer& answer, const sdk::HttpResponse& response);

inline constexpr const char* kInvalidTokenReason = "bot_token is invalid (option bot_token): Telegram answered ";

// Telegram's limit of one message: 4096 characters (counted as UTF-16 code units, as Telegram
// counts them).
inline constexpr std::size_t kMaxMessageUnits = 4096;

// A reply cut into messages of at most `limit` units each, at a line break or space in the second
// half of a part where there is one, never inside a UTF-8 sequence. Empty text gives no parts.
std::vector<std::string> split_text(const std::string& text, std::size_t limit = kMaxMessageUnits);

// sendMessage's body: {chat_id, text[, business_connection_id][, reply_markup]}; buttons become an
// inline keyboard of one button per row (callback_data = the button's id). Throws
// std::invalid_argument when the address has no chat_id or a button cannot be sent (empty title,
// an id that is not 1-64 bytes).
sdk::Json send_message_body(const sdk::Json& address, const std::string& text,
                            const std::vector<sdk::ReplyButton>& buttons);

}  // namespace leadhub::telegram
