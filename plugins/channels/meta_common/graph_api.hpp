// The Graph API's side that WhatsApp and Instagram share, without I/O: the POST a send is, and
// how an answer is classified for the hub's dispatcher. Errors come in Meta's envelope
//   {"error": {"message", "type", "code", "error_subcode", "error_data": {"details"},
//              "is_transient", "fbtrace_id"}}
// and Meta advises deciding on `code` (and `details`), never on the titles.
//
// Classification of what no platform rule claimed first (the callers check their own codes,
// such as WhatsApp's 131047 or Instagram's outside-window subcode, before this):
//   no response                                     retry
//   190, 102, 463, 467, HTTP 401                    permanent, naming the access_token option
//   4, 17, 32, 613, 80007, 130429, 131048, 131056,
//   131057, HTTP 429                                retry (rate limits; 131056 after a minute)
//   1, 2, 131000, 131016, is_transient, HTTP 5xx    retry (Meta's side)
//   10, 200-299, 3, 131005                          permanent: permission
//   anything else (100, 131008, 131009, 131026, 132xxx, 368, 4xx)  permanent with Meta's words
#pragma once

#include <leadhub/sdk/types.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace leadhub::meta {

struct GraphError {
    bool present = false;  // the body held Meta's error envelope
    int64_t code = 0;
    int64_t subcode = 0;
    bool transient = false;
    std::string type;
    std::string message;
    std::string details;  // error_data.details (WhatsApp)
};

// The error of a Graph answer, or an absent one when the body holds none (never throws).
GraphError read_graph_error(std::string_view body);

// The error object of a webhook (WhatsApp statuses[].errors[], value.errors[]).
GraphError graph_error_from_json(const sdk::Json& error);

// "(#131047) Re-engagement message: <details>", control characters escaped, for logs and reasons.
std::string describe(const GraphError& error);

// A POST of JSON to {api_url}/{api_version}/{path} with the token as a Bearer header.
sdk::HttpRequest graph_post(std::string_view api_url, std::string_view api_version, std::string_view path,
                            std::string_view access_token, const sdk::Json& body, uint32_t timeout_ms = 15000);

// Milliseconds from a Retry-After of whole seconds; nullopt when absent or not a number.
std::optional<int64_t> retry_after_ms(const sdk::HttpResponse& response);

// The classification above for an answer that is not a 2xx. `platform` ("WhatsApp", "Instagram")
// starts each reason.
sdk::Outcome classify_graph_failure(const sdk::HttpResponse& response, const GraphError& error,
                                    std::string_view platform);

}  // namespace leadhub::meta
