// The http sink's contract with the receiving endpoint, without I/O: what request a delivery
// becomes, and how the endpoint's answer is classified for the hub's dispatcher.
//
// Request:  <method> <url>, the configured headers, and <idempotency_header>: <idempotency key>;
//           body (application/json) {"idempotency_key", "attempt", "kind", "tenant", "lead": {...}},
//           or, with a body_template, the template's fields rendered over the lead (its fields
//           plus "delivery": {"idempotency_key", "attempt", "kind", "tenant"}), as JSON or as a
//           form (body_format).
// Answer:   2xx                     ok (external_id = the JSON response's "id", else "")
//           408, 425, 429, 5xx      retry, honouring Retry-After (seconds or an HTTP date)
//           no response (status 0)  retry with the network error
//           3xx, other 4xx          permanent, "HTTP <code>: <first 200 bytes of the body>"
#pragma once

#include "options.hpp"

#include <leadhub/sdk/types.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace leadhub::http_sink {

sdk::Json delivery_body(const sdk::Delivery& delivery);

// The body_template's fields over the delivery's lead. In JSON, a value that is exactly one
// "{{path}}" is the JSON value there (an array, a number, the conversation); otherwise text.
sdk::Json templated_body(const std::map<std::string, std::string>& body_template, const sdk::Delivery& delivery);

// application/x-www-form-urlencoded from the fields (arrays joined by ", ", null as empty).
std::string form_body(const sdk::Json& fields);

sdk::HttpRequest build_request(const HttpSinkOptions& options, const sdk::Delivery& delivery);

// Milliseconds to wait, from "120" or an HTTP date (relative to now_ms, never negative);
// nullopt when absent or unreadable.
std::optional<int64_t> parse_retry_after(std::string_view value, int64_t now_ms);

// The response's "id" (a string, or an integer written as text); "" when the body is not a JSON
// object with one.
std::string external_id_from(std::string_view body);

// At most `limit` bytes, cut before a UTF-8 sequence rather than through it.
std::string body_excerpt(std::string_view body, std::size_t limit = 200);

sdk::Outcome classify_response(const sdk::HttpResponse& response, int64_t now_ms);

}  // namespace leadhub::http_sink
