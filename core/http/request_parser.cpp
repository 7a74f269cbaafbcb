#include "http/request_parser.hpp"

#include <leadhub/sdk/safe_text.hpp>

#include <boost/beast/http/error.hpp>
#include <boost/beast/http/field.hpp>

#include <algorithm>

namespace leadhub::http::detail {

namespace beast_http = boost::beast::http;

namespace {

std::string_view text(boost::beast::string_view s) { return {s.data(), s.size()}; }

std::string quoted_value(std::string_view v) { return "'" + sdk::escape_control(v.substr(0, 64)) + "'"; }

}  // namespace

std::string lower_trimmed(std::string_view v) {
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
    std::string out(v);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    return out;
}

void RequestParser::refuse(int status, std::string reason, error_code& ec) {
    refusal_status_ = status;
    refusal_reason_ = std::move(reason);
    ec = beast_http::error::bad_value;  // stops Beast; the reader reads the refusal above
}

void RequestParser::on_request_impl(beast_http::verb, boost::beast::string_view method_text,
                                    boost::beast::string_view target, int version, error_code&) {
    out_.method.assign(method_text.data(), method_text.size());
    target_.assign(target.data(), target.size());
    version_ = version;
}

void RequestParser::on_field_impl(beast_http::field name, boost::beast::string_view name_text,
                                  boost::beast::string_view value_text, error_code& ec) {
    std::string_view value = text(value_text);
    if (name == beast_http::field::content_length) {
        // Beast takes a list of equal values ("5, 5"); a reader in front may not: digits only.
        std::string v = lower_trimmed(value);
        if (v.empty() || !std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; }))
            return refuse(400, "invalid Content-Length " + quoted_value(value), ec);
        // Beast refuses both only when the coding is chunked; any coding with a length is refused.
        if (encodings_ > 0) return refuse(400, "a request may not have both Content-Length and Transfer-Encoding", ec);
        ++content_lengths_;
    } else if (name == beast_http::field::transfer_encoding) {
        if (content_lengths_ > 0) return refuse(400, "a request may not have both Content-Length and Transfer-Encoding", ec);
        encoding_ = lower_trimmed(value);
        ++encodings_;
    } else if (name == beast_http::field::expect) {
        expect_ = lower_trimmed(value);
    }
    out_.headers[std::string(text(name_text))] = std::string(value);
}

// The Transfer-Encoding rules, judged once every field is in (as Poco's reader had them judged):
// any Transfer-Encoding two readers could frame differently is refused. Beast alone would take
// "gzip, chunked" as chunked, a second Transfer-Encoding that is not chunked, and chunked in
// HTTP/1.0, which has no chunked coding (RFC 9112 6.1).
void RequestParser::on_header_impl(error_code& ec) {
    if (encodings_ == 0) return;
    if (encodings_ > 1) return refuse(400, "Transfer-Encoding may be given once only", ec);
    if (version_ == 10) return refuse(400, "Transfer-Encoding is not allowed in an HTTP/1.0 request", ec);
    if (encoding_.find(',') != std::string::npos)
        return refuse(400, "Transfer-Encoding must be exactly 'chunked', got " + quoted_value(encoding_), ec);
    if (encoding_ != "chunked")
        return refuse(501, "Transfer-Encoding " + quoted_value(encoding_) + " is not supported (only chunked)", ec);
}

void RequestParser::on_body_init_impl(const boost::optional<std::uint64_t>& content_length, error_code&) {
    // Within body_limit (Beast checked it before): the body is built in one allocation.
    if (content_length) out_.body.reserve(static_cast<std::size_t>(*content_length));
}

std::size_t RequestParser::on_body_impl(boost::beast::string_view body, error_code&) {
    out_.body.append(body.data(), body.size());
    return body.size();
}

void RequestParser::on_chunk_header_impl(std::uint64_t size, boost::beast::string_view, error_code&) {
    chunk_left_ = size;
    after_chunk_data_ = false;
}

std::size_t RequestParser::on_chunk_body_impl(std::uint64_t remain, boost::beast::string_view body, error_code&) {
    out_.body.append(body.data(), body.size());
    chunk_left_ = remain - body.size();
    after_chunk_data_ = chunk_left_ == 0;
    return body.size();
}

}  // namespace leadhub::http::detail
