// What to answer when Beast's parser stops a request: the status and the reason, chosen by
// Beast's error code (never by the text of a message) and by where the parser stopped.
//
//   header_limit -> 431, body_limit -> 413, bad_version -> 505 for another HTTP/x.y, else 400;
//   the framing errors (bad_content_length, bad_transfer_encoding, bad_chunk, ...) -> 400, or
//   413 when a Content-Length or chunk size is a number too large for any body.
// Whether a target is too long (414) is the reader's own check, made before Beast reads.
#pragma once

#include <boost/beast/core/error.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace leadhub::http::detail {

struct Refusal {
    int status;
    std::string reason;
};

// Beast stopped in the request line or the header fields: `line` is the line it stopped at (as
// put() reports the bytes before it consumed), without its CRLF; `request_line` the first line.
// saw_length / saw_encoding: a Content-Length / Transfer-Encoding field came before.
struct HeadContext {
    std::string_view request_line;
    std::string_view line;
    bool saw_length = false;
    bool saw_encoding = false;
    std::size_t max_header_bytes = 0;
    std::size_t max_body_bytes = 0;
};
Refusal head_refusal(const boost::beast::error_code& ec, const HeadContext& context);

// Beast stopped at a chunk's size line (`line`, without CRLF) or its trailer.
Refusal chunk_refusal(const boost::beast::error_code& ec, std::string_view line, std::size_t max_body_bytes);

// The reason of a 413 for a body over the limit.
std::string body_too_large(std::size_t limit);

}  // namespace leadhub::http::detail
