// The HTTP side both SMS gateways share: their calls are form posts, and what an HTTP answer
// means before its body is read.
#pragma once

#include <leadhub/sdk/types.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace leadhub::sms {

// application/x-www-form-urlencoded: unreserved characters as they are, space as "+", every
// other byte as %XX (UTF-8 text byte by byte).
std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields);

// A POST of `fields` to `url` as a form, answered within `timeout_ms`.
sdk::HttpRequest form_post(const std::string& url, const std::vector<std::pair<std::string, std::string>>& fields,
                           uint32_t timeout_ms);

// What the HTTP status alone decides, before the body is read; nullopt for a 200 (read the body):
//   no answer (status 0)          retry with the network error
//   408, 425, 429, 5xx            retry, with Retry-After when it is whole seconds
//   anything else but 200         permanent: the gateway's address is wrong (option `option`)
std::optional<sdk::Outcome> classify_http_status(const sdk::HttpResponse& response, const std::string& gateway,
                                                 const std::string& option);

// At most `limit` bytes of an answer, on one line, for a reason.
std::string excerpt(std::string_view body, std::size_t limit = 120);

}  // namespace leadhub::sms
