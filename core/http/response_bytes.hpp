// A Response as the bytes of an HTTP/1.1 answer: status line, Date, Content-Type,
// Content-Length, Connection, the handler's headers, the body (none for HEAD).
#pragma once

#include "http/server.hpp"

#include <string>

namespace leadhub::http::detail {

std::string response_bytes(const Response& response, bool keep_alive, bool head);

// The interim answer to "Expect: 100-continue".
inline constexpr const char* kContinue = "HTTP/1.1 100 Continue\r\n\r\n";

}  // namespace leadhub::http::detail
