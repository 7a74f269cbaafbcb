// The VK API's payloads for the hub's calls, without I/O: a reply as messages.send, any method
// call as VK wants it (form-encoded POST to <api_url>/<method>; JSON bodies are not supported),
// and VK's answers classified for the hub's dispatcher.
//
// Answers: VK reports its errors with HTTP 200 and {"error": {"error_code", "error_msg"}}:
//   5 authorization failed              permanent, names the option access_token
//   6 too many requests per second      retry after 1 s
//   9 flood control                     retry after 60 s
//   10 internal server error, 1 unknown retry
//   29 rate limit reached (daily quota) retry after 1 h
//   anything else (7, 15, 27, 100, 900, 901, 902, 914, ...)  permanent with VK's reason
//   HTTP 429 / 5xx / no answer          retry (429 with its Retry-After)
//   other HTTP status, not JSON         permanent / retry (a proxy's page is transient)
#pragma once

#include "options.hpp"

#include <leadhub/sdk/types.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace leadhub::vk {

using Params = std::vector<std::pair<std::string, std::string>>;

// application/x-www-form-urlencoded, as VK reads it (RFC 3986 unreserved kept, the rest %XX).
std::string form_encode(const Params& params);

// POST <api_url>/<method> with the params, access_token and v appended.
sdk::HttpRequest method_request(const VkOptions& options, const std::string& method, Params params);

// random_id for messages.send: a 31-bit FNV-1a hash of the delivery's idempotency key, never 0.
// The same job always gets the same random_id, so VK drops a resend after a lost answer.
int32_t random_id_for(std::string_view idempotency_key);

// An inline keyboard with one text button per row (at most 6 rows of VK's inline keyboards;
// labels cut to 40 characters): a tap sends the title as the customer's message, with the
// button's id in the message's payload ({"button": "<id>"}).
sdk::Json keyboard_for(const std::vector<sdk::ReplyButton>& buttons);

// messages.send for a reply; nullopt with `error` set when the address has no peer_id.
std::optional<sdk::HttpRequest> send_request(const VkOptions& options, const sdk::Delivery& delivery,
                                             std::string* error);

// What a VK API call answered.
struct ApiAnswer {
    enum class Kind { ok, api_error, http_error, no_answer, not_json } kind = Kind::ok;
    sdk::Json response;      // ok: the "response" member
    int error_code = 0;      // api_error
    std::string error_msg;   // api_error (escaped), or what went wrong
    int http_status = 0;
};

ApiAnswer read_answer(const sdk::HttpResponse& response);

// A one-line description of a failed answer, for logs and the status.
std::string describe_failure(const ApiAnswer& answer);

sdk::Outcome classify_send(const sdk::HttpResponse& response, int64_t now_ms);

}  // namespace leadhub::vk
