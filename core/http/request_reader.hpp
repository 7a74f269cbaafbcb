// Reads one HTTP/1.x request out of the bytes a connection has received so far, a little at a
// time: the request line and headers once the blank line that ends them is in, then a body by
// Content-Length or chunked transfer coding, within the limits. The parsing is Boost.Beast's
// (request_parser.hpp), fed with put(); this class bounds what Beast would wait for without end
// (the header block, a chunk line, a trailer, the framing of a chunked body), checks what Beast
// is lenient about before it reads (head_check.hpp, the target's length) and chooses the answer
// to a refusal from Beast's error code (parse_refusal.hpp). It never blocks and never reads a
// socket: the event loop (io_loop.hpp) feeds it.
#pragma once

#include "http/server.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace leadhub::http::detail {

struct ReaderLimits {
    std::size_t max_header_bytes = 64 * 1024;  // request line and headers; more -> 431
    std::size_t max_body_bytes = 1 << 20;      // decoded body; more -> 413
};

// The bytes a chunked body may spend on framing (chunk size lines with their extensions, the
// CRLFs after the data, trailers) besides its data; more -> 413. A client's framing costs a few
// bytes per chunk; this allows a body of the largest size sent in chunks of a few bytes each,
// and refuses a client that sends a kilobyte of extensions per byte of data (one request's raw
// bytes are thereby bounded by max_header_bytes + 2 * max_body_bytes + 64 KiB).
constexpr std::size_t max_framing_bytes(const ReaderLimits& limits) { return limits.max_body_bytes + 64 * 1024; }

// The longest request target taken; longer -> 414 (the request line and headers must also fit
// max_header_bytes, else 431 comes first).
constexpr std::size_t kMaxTargetBytes = 16384;

class RequestParser;  // request_parser.hpp

class RequestReader {
public:
    enum class Step { need_more, complete, failed };

    explicit RequestReader(ReaderLimits limits);
    ~RequestReader();
    RequestReader(RequestReader&&) noexcept;
    RequestReader& operator=(RequestReader&&) noexcept;

    // Looks at `buffer` (every byte received and not yet consumed by an earlier request; it may
    // only have grown since the last call, but for what this reader itself removed) and says
    // whether a whole request is in. While a chunked body arrives, the reader takes the bytes
    // out of `buffer`: what is decoded (head, chunk lines, data) is dropped, and the start of a
    // chunk line or trailer not complete yet is kept by the reader, so that the raw bytes of a
    // request are never held twice. Once such a request is complete, `buffer` holds exactly the
    // bytes after it (a pipelined request's) and consumed() is 0.
    Step advance(std::string& buffer);

    // Any byte of a request received (an idle keep-alive connection has none).
    bool started(const std::string& buffer) const { return !buffer.empty() || headers_done_; }
    // The request line and headers are in (what is still awaited is the body).
    bool headers_done() const { return headers_done_; }
    // After headers_done: the bytes received past the headers, i.e. the body received so far
    // (as sent, chunk framing included; a pipelined request's bytes too once the body is whole).
    std::size_t body_bytes_in(const std::string& buffer) const {
        if (!headers_done_) return 0;
        return released_ + pending_.size() + (buffer.size() > body_start_ ? buffer.size() - body_start_ : 0);
    }
    // The headers are in, a body is expected and the client waits for "100 Continue".
    bool wants_continue() const { return headers_done_ && expect_continue_; }

    // After failed: the status to answer (400, 408, 413, 414, 431, 501, 505) and why, in words.
    int failure_status() const { return failure_status_; }
    const std::string& failure_reason() const { return failure_reason_; }

    // After complete: how many bytes of the buffer the request took (the rest is the next one,
    // pipelined), whether the connection stays open after the answer, and the request itself.
    std::size_t consumed() const { return consumed_; }
    bool keep_alive() const { return keep_alive_; }
    bool head() const { return request_.method == "HEAD"; }
    // Moves the request out and makes the reader ready for the next one.
    Request take();

private:
    Step fail(int status, std::string reason);
    Step read_head(std::string& buffer);
    Step parse_head(std::string_view block, std::size_t end);
    Step read_sized_body(const std::string& buffer);
    Step read_chunked(std::string& buffer);

    ReaderLimits limits_;
    std::unique_ptr<RequestParser> parser_;  // one per request: Beast's parser is not reusable
    std::size_t scanned_ = 0;  // bytes already searched for the end of the headers
    bool headers_done_ = false;
    bool expect_continue_ = false;
    bool keep_alive_ = true;
    bool chunked_ = false;
    std::size_t body_start_ = 0;
    std::size_t content_length_ = 0;
    // Chunked: the framing bytes received but not read by Beast yet (an unfinished chunk line,
    // or the last chunk and its trailer until the trailer's blank line), and how far into the
    // trailer the search for that blank line has got.
    std::string pending_;
    std::size_t trailer_scanned_ = 0;
    std::size_t framing_ = 0;   // chunk framing bytes of this request so far
    std::size_t released_ = 0;  // body bytes read by Beast and dropped
    std::size_t consumed_ = 0;
    int failure_status_ = 0;
    std::string failure_reason_;
    Request request_;
};

}  // namespace leadhub::http::detail
