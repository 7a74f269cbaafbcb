// Checks the raw header block of a request against RFC 9112's field syntax before Beast's
// parser reads it (request_parser.hpp).
//
// Why: a lenient reader lets a request be smuggled. Poco's took "Transfer-Encoding : chunked" (a
// space before the colon) as a header named "Transfer-Encoding " and so the rule against both
// Content-Length and Transfer-Encoding never fired; a proxy in front that trims the name frames
// the body differently from us. Beast refuses that line, but joins obsolete line folding into
// the value (a folded "Transfer-Encoding" header would be read) and says only "bad field" where
// this check names the line. Every framing header must mean one thing to every reader, or the
// request is refused, with a reason a client's developer can act on.
//
// Contract: `head` is the request line and header lines up to (not including) the blank line,
// lines ended by CRLF or a bare LF. Returns the reason for a 400 in words, or an empty string
// when the block is sound. Refused (RFC 9112 §5, §5.1, §5.2, RFC 9110 §5.5):
// - whitespace between a field name and its colon, or a name that is not a token;
// - a header line without a colon;
// - obsolete line folding (a line starting with a space or tab);
// - a bare CR, a NUL or another control character other than tab inside a line.
// Transfer-Encoding itself (given twice, or not exactly "chunked") is judged by the reader,
// which knows the HTTP version and Content-Length too.
#pragma once

#include <string>
#include <string_view>

namespace leadhub::http::detail {

std::string check_head(std::string_view head);

// The name is a token (RFC 9110 §5.6.2): visible ASCII without delimiters.
bool is_token(std::string_view s);

}  // namespace leadhub::http::detail
