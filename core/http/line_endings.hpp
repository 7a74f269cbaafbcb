// Bare LF line ends, as lenient clients send them, made CRLF before Beast reads the lines.
//
// Why: RFC 9112 2.2 lets a recipient take a bare LF as a line end, and the reader always has
// (request line, headers, chunk lines, trailers); Beast's parser takes CRLF only. The reader
// finds where its lines end itself (it must, to bound them), so it gives each bare LF its CR
// there and never touches body data. A bare CR stays refused (head_check.hpp, and Beast).
#pragma once

#include <string>
#include <string_view>

namespace leadhub::http::detail {

// LFs in `text` that no CR precedes.
std::size_t bare_line_feeds(std::string_view text);

// `text` with a CR before each bare LF.
std::string with_crlf(std::string_view text);

}  // namespace leadhub::http::detail
