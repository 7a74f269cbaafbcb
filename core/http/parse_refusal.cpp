#include "http/parse_refusal.hpp"

#include "http/request_parser.hpp"

#include <leadhub/sdk/safe_text.hpp>

#include <boost/beast/http/error.hpp>

#include <algorithm>

namespace leadhub::http::detail {

namespace beast_http = boost::beast::http;

namespace {

std::string quote(std::string_view v) {
    constexpr std::size_t kMax = 64;
    std::string out = "'" + sdk::escape_control(v.substr(0, kMax));
    if (v.size() > kMax) out += "...";
    return out + "'";
}

bool all_of(std::string_view s, std::string_view chars) {
    return !s.empty() && s.find_first_not_of(chars) == std::string_view::npos;
}

// More significant digits than `max` (a number no body of any allowed size can have).
bool too_many_digits(std::string_view digits, std::size_t max) {
    std::size_t first = digits.find_first_not_of('0');
    return first != std::string_view::npos && digits.size() - first > max;
}

std::string_view trimmed(std::string_view v) {
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
    return v;
}

std::string_view field_name(std::string_view line) { return line.substr(0, line.find(':')); }

std::string_view field_value(std::string_view line) {
    auto colon = line.find(':');
    return colon == std::string_view::npos ? std::string_view() : line.substr(colon + 1);
}

// The request line's version, when it is "HTTP/" digit "." digit.
bool is_http_version(std::string_view v) {
    return v.size() == 8 && v.substr(0, 5) == "HTTP/" && v[5] >= '0' && v[5] <= '9' && v[6] == '.' && v[7] >= '0' &&
           v[7] <= '9';
}

Refusal version_refusal(std::string_view request_line) {
    // method SP target SP version: Beast says bad_version for anything after the target that is
    // not HTTP/1.0 or HTTP/1.1 followed by CRLF.
    std::size_t first = request_line.find(' ');
    std::size_t last = request_line.rfind(' ');
    std::string_view version = last == std::string_view::npos ? std::string_view() : request_line.substr(last + 1);
    bool three_parts = first != last && request_line.find(' ', first + 1) == last;
    if (three_parts && is_http_version(version) && version != "HTTP/1.0" && version != "HTTP/1.1")
        return {505, "HTTP version " + sdk::escape_control(version) + " is not supported; use HTTP/1.1"};
    return {400, "malformed request line: no HTTP version"};
}

}  // namespace

std::string body_too_large(std::size_t limit) { return "request body is larger than " + std::to_string(limit) + " bytes"; }

Refusal head_refusal(const boost::beast::error_code& ec, const HeadContext& c) {
    std::string value = lower_trimmed(field_value(c.line));
    if (ec == beast_http::error::header_limit)
        return {431, "the request line and headers are larger than " + std::to_string(c.max_header_bytes) + " bytes"};
    if (ec == beast_http::error::body_limit) return {413, body_too_large(c.max_body_bytes)};
    if (ec == beast_http::error::bad_method) return {400, "malformed request line: invalid method"};
    if (ec == beast_http::error::bad_target) return {400, "malformed request line: invalid request target"};
    if (ec == beast_http::error::bad_version) return version_refusal(c.request_line);
    if (ec == beast_http::error::bad_content_length) {
        // Beast says so for a length after a chunked coding, a second length that differs, and
        // a length that is not a number (or a number past 2^64).
        if (c.saw_encoding) return {400, "a request may not have both Content-Length and Transfer-Encoding"};
        if (all_of(value, "0123456789")) {
            if (too_many_digits(value, 15)) return {413, body_too_large(c.max_body_bytes)};
            if (c.saw_length) return {400, "conflicting Content-Length headers"};
        }
        return {400, "invalid Content-Length " + quote(trimmed(field_value(c.line)))};
    }
    if (ec == beast_http::error::bad_transfer_encoding) {
        // A Transfer-Encoding after a length, or after a chunked coding.
        if (c.saw_length) return {400, "a request may not have both Content-Length and Transfer-Encoding"};
        return {400, "Transfer-Encoding may be given once only"};
    }
    if (ec == beast_http::error::bad_field) return {400, "malformed headers: invalid header line " + quote(c.line)};
    if (ec == beast_http::error::bad_value)
        return {400, "malformed headers: invalid value of " + quote(field_name(c.line))};
    if (ec == beast_http::error::bad_line_ending) return {400, "malformed request: a line not ended by CRLF"};
    return {400, "malformed request: " + ec.message()};
}

Refusal chunk_refusal(const boost::beast::error_code& ec, std::string_view line, std::size_t max_body_bytes) {
    if (ec == beast_http::error::body_limit) return {413, body_too_large(max_body_bytes)};
    if (ec == beast_http::error::bad_chunk) {
        std::string hex = lower_trimmed(line.substr(0, line.find(';')));
        if (all_of(hex, "0123456789abcdef") && too_many_digits(hex, 12)) return {413, body_too_large(max_body_bytes)};
        return {400, "invalid chunk size " + quote(hex)};
    }
    if (ec == beast_http::error::bad_chunk_extension) return {400, "invalid chunk extension in " + quote(line)};
    if (ec == beast_http::error::bad_line_ending) return {400, "malformed chunk framing: a line not ended by CRLF"};
    if (ec == beast_http::error::bad_field || ec == beast_http::error::bad_value)
        return {400, "malformed chunked trailer"};
    return {400, "malformed chunked body: " + ec.message()};
}

}  // namespace leadhub::http::detail
