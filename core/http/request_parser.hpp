// Boost.Beast's HTTP/1.x request parser, told where to put what it reads: the request line and
// fields go into a Request as they come, the body (Content-Length or chunked, decoded) is
// appended to Request::body. Beast checks the syntax (method token, target characters, version,
// field names and values, Content-Length digits, chunk sizes and extensions, trailers) and the
// header and body limits; this class adds the framing rules Beast is lenient about and
// remembers what the reader needs to answer: the target, the version, Expect, whether a
// Content-Length or Transfer-Encoding was seen, where a chunk ends.
//
// Only RequestReader (request_reader.hpp) uses it; Beast's own I/O is not used: the reader
// feeds put() with the bytes the event loop received.
#pragma once

#include "http/server.hpp"

#include <boost/beast/http/basic_parser.hpp>

#include <cstdint>
#include <string>

namespace leadhub::http::detail {

class RequestParser final : public boost::beast::http::basic_parser<true> {
public:
    using error_code = boost::beast::error_code;

    // `out` receives the request; it must outlive the parser.
    explicit RequestParser(Request& out) : out_(out) {}

    // A refusal of this class's own (a framing rule Beast does not have): the status and the
    // reason; status 0 when none. put() then reports an error whose code says nothing more.
    int refusal_status() const { return refusal_status_; }
    const std::string& refusal_reason() const { return refusal_reason_; }

    const std::string& target() const { return target_; }
    int version() const { return version_; }  // 10 or 11
    const std::string& expect() const { return expect_; }  // lower case, trimmed
    bool saw_content_length() const { return content_lengths_ > 0; }
    bool saw_transfer_encoding() const { return encodings_ > 0; }
    // The data of the current chunk not received yet (0 between chunks).
    std::uint64_t chunk_left() const { return chunk_left_; }
    // A chunk's data was read to its end: its CRLF comes next.
    bool after_chunk_data() const { return after_chunk_data_; }

private:
    void refuse(int status, std::string reason, error_code& ec);

    void on_request_impl(boost::beast::http::verb method, boost::beast::string_view method_text,
                         boost::beast::string_view target, int version, error_code& ec) override;
    void on_response_impl(int, boost::beast::string_view, int, error_code&) override {}
    void on_field_impl(boost::beast::http::field name, boost::beast::string_view name_text,
                       boost::beast::string_view value, error_code& ec) override;
    void on_header_impl(error_code& ec) override;
    void on_body_init_impl(const boost::optional<std::uint64_t>& content_length, error_code& ec) override;
    std::size_t on_body_impl(boost::beast::string_view body, error_code& ec) override;
    void on_chunk_header_impl(std::uint64_t size, boost::beast::string_view extensions, error_code& ec) override;
    std::size_t on_chunk_body_impl(std::uint64_t remain, boost::beast::string_view body, error_code& ec) override;
    void on_finish_impl(error_code&) override {}

    Request& out_;
    std::string target_;
    int version_ = 11;
    std::string expect_;
    std::string encoding_;  // the Transfer-Encoding's value, lower case, trimmed
    int content_lengths_ = 0;
    int encodings_ = 0;
    std::uint64_t chunk_left_ = 0;
    bool after_chunk_data_ = false;
    int refusal_status_ = 0;
    std::string refusal_reason_;
};

// The text of a field value as the reasons quote it: lower case, without surrounding blanks.
std::string lower_trimmed(std::string_view v);

}  // namespace leadhub::http::detail
