#include "http/request_reader.hpp"

#include "http/head_check.hpp"
#include "http/line_endings.hpp"
#include "http/parse_refusal.hpp"
#include "http/request_parser.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/error.hpp>

#include <algorithm>
#include <cctype>
#include <limits>
#include <string_view>

namespace leadhub::http::detail {

namespace {

constexpr std::size_t npos = std::string::npos;
constexpr std::size_t kMaxChunkLine = 1024;  // size, extensions and all

// The byte after the blank line ending the headers (CRLF CRLF, or bare LF LF as lenient
// servers accept), or npos.
std::size_t find_header_end(const std::string& b, std::size_t from) {
    for (std::size_t i = from; i < b.size(); ++i) {
        if (b[i] != '\n') continue;
        if (i + 1 < b.size() && b[i + 1] == '\n') return i + 2;
        if (i + 2 < b.size() && b[i + 1] == '\r' && b[i + 2] == '\n') return i + 3;
    }
    return npos;
}

// The line starting at `at`, without its line end.
std::string_view line_at(std::string_view text, std::size_t at) {
    std::string_view rest = text.substr(std::min(at, text.size()));
    return rest.substr(0, rest.find_first_of("\r\n"));
}

// The request target: between the request line's first and last space.
std::string_view request_target(std::string_view request_line) {
    std::size_t first = request_line.find(' ');
    std::size_t last = request_line.rfind(' ');
    if (first == std::string_view::npos || last == first) return {};
    return request_line.substr(first + 1, last - first - 1);
}

// A chunk size line of the last chunk: zeros, then the end or an extension.
bool is_last_chunk(std::string_view line) {
    std::size_t zeros = line.find_first_not_of('0');
    if (zeros == 0) return false;
    return zeros == std::string_view::npos || !std::isxdigit(static_cast<unsigned char>(line[zeros]));
}

std::size_t put(RequestParser& parser, std::string_view bytes, boost::beast::error_code& ec) {
    return parser.put(boost::asio::const_buffer(bytes.data(), bytes.size()), ec);
}

// Whether the chunk framing at pending[at] is whole, so that Beast can read it in one go: the
// CRLF ending the previous chunk's data (after_data), a chunk size line, and for the last chunk
// its trailer up to the blank line. Beast would wait for a line without end; the bounds are
// here: a size line of kMaxChunkLine bytes (400), a trailer of max_trailer (431). Bare LFs get
// their CR (line_endings.hpp). trailer_scanned: how far past `at` the search for the trailer's
// blank line has got in earlier calls (the framing does not move until Beast reads it).
enum class Framing { whole, incomplete, refused };
struct FramingCheck {
    Framing state;
    int status = 0;
    std::string reason;
};

FramingCheck check_framing(std::string& pending, std::size_t at, bool after_data, std::size_t& trailer_scanned,
                           std::size_t max_trailer) {
    const FramingCheck incomplete{Framing::incomplete, 0, {}};
    std::size_t p = at;
    if (after_data) {
        if (p >= pending.size()) return incomplete;
        if (pending[p] == '\n') {
            pending.insert(p, 1, '\r');
        } else if (pending[p] != '\r' || (p + 1 < pending.size() && pending[p + 1] != '\n')) {
            return {Framing::refused, 400, "chunk data not followed by CRLF"};
        } else if (p + 1 >= pending.size()) {
            return incomplete;
        }
        p += 2;
    }
    std::size_t window = std::min(pending.size() - p, kMaxChunkLine + 1);
    std::size_t nl = std::string_view(pending).substr(p, window).find('\n');
    if (nl == std::string_view::npos) {
        if (pending.size() - p > kMaxChunkLine) return {Framing::refused, 400, "chunk size line too long"};
        return incomplete;
    }
    nl += p;
    if (nl == p || pending[nl - 1] != '\r') pending.insert(nl++, 1, '\r');
    if (!is_last_chunk(std::string_view(pending).substr(p, nl - 1 - p))) return {Framing::whole, 0, {}};

    const std::size_t start = nl + 1;  // the trailer's first byte
    std::size_t q = std::max(start, at + trailer_scanned);
    for (;;) {
        std::size_t end = pending.find('\n', q);
        if ((end == npos ? pending.size() : end) - start > max_trailer)
            return {Framing::refused, 431, "the chunked trailer is larger than " + std::to_string(max_trailer) + " bytes"};
        if (end == npos) {
            trailer_scanned = q - at;
            return incomplete;
        }
        bool blank = end == q || (end == q + 1 && pending[q] == '\r');
        q = end + 1;
        if (blank) break;
    }
    std::string_view trailer = std::string_view(pending).substr(start, q - start);
    if (bare_line_feeds(trailer) > 0) pending.replace(start, q - start, with_crlf(trailer));
    trailer_scanned = 0;
    return {Framing::whole, 0, {}};
}

}  // namespace

RequestReader::RequestReader(ReaderLimits limits) : limits_(limits) {}
RequestReader::~RequestReader() = default;
RequestReader::RequestReader(RequestReader&&) noexcept = default;
RequestReader& RequestReader::operator=(RequestReader&&) noexcept = default;

RequestReader::Step RequestReader::fail(int status, std::string reason) {
    failure_status_ = status;
    failure_reason_ = std::move(reason);
    return Step::failed;
}

RequestReader::Step RequestReader::advance(std::string& buffer) {
    if (failure_status_) return Step::failed;
    if (!headers_done_) {
        Step step = read_head(buffer);
        if (!headers_done_ || step == Step::failed) return step;
    }
    return chunked_ ? read_chunked(buffer) : read_sized_body(buffer);
}

RequestReader::Step RequestReader::read_head(std::string& buffer) {
    // Empty lines before a request line are ignored (RFC 9112 2.2): some clients end a body
    // with an extra CRLF.
    std::size_t start = 0;
    while (start < buffer.size() && (buffer[start] == '\r' || buffer[start] == '\n')) ++start;
    if (start == buffer.size()) {
        if (start > kMaxChunkLine) return fail(400, "the request is empty lines only");
        return Step::need_more;
    }
    std::size_t from = std::max(start, scanned_ >= 2 ? scanned_ - 2 : std::size_t{0});
    std::size_t end = find_header_end(buffer, from);
    scanned_ = buffer.size();
    std::size_t head_bytes = end == npos ? buffer.size() - start : end - start;
    if (head_bytes > limits_.max_header_bytes)
        return fail(431, "the request line and headers are larger than " + std::to_string(limits_.max_header_bytes) + " bytes");
    if (end == npos) return Step::need_more;
    return parse_head(std::string_view(buffer).substr(start, end - start), end);
}

RequestReader::Step RequestReader::parse_head(std::string_view block, std::size_t end) {
    // What Beast is lenient about is refused first, with the reason (head_check.hpp). The
    // checker wants the lines before the blank one.
    std::string_view lines = block;
    for (int terminators = 0; terminators < 2 && !lines.empty() && lines.back() == '\n'; ++terminators) {
        lines.remove_suffix(1);
        if (!lines.empty() && lines.back() == '\r') lines.remove_suffix(1);
    }
    if (std::string reason = check_head(lines); !reason.empty()) return fail(400, std::move(reason));
    const std::string_view request_line = line_at(lines, 0);
    if (request_target(request_line).size() > kMaxTargetBytes)
        return fail(414, "the request target is longer than " + std::to_string(kMaxTargetBytes) + " bytes");

    std::string crlf;
    std::string_view input = block;
    if (bare_line_feeds(block) > 0) input = crlf = with_crlf(block);
    parser_ = std::make_unique<RequestParser>(request_);
    // The block is within max_header_bytes already; Beast gets the same bound on its CRLF form.
    std::size_t header_limit = limits_.max_header_bytes + (input.size() - block.size());
    parser_->header_limit(static_cast<std::uint32_t>(std::min<std::size_t>(header_limit, std::numeric_limits<std::uint32_t>::max())));
    parser_->body_limit(static_cast<std::uint64_t>(limits_.max_body_bytes));
    boost::beast::error_code ec;
    std::size_t read = put(*parser_, input, ec);
    if (parser_->refusal_status()) return fail(parser_->refusal_status(), parser_->refusal_reason());
    if (ec) {
        HeadContext context{request_line,
                            line_at(input, read),
                            parser_->saw_content_length(),
                            parser_->saw_transfer_encoding(),
                            limits_.max_header_bytes,
                            limits_.max_body_bytes};
        Refusal refusal = head_refusal(ec, context);
        return fail(refusal.status, std::move(refusal.reason));
    }
    if (!parser_->is_header_done()) return fail(400, "malformed request: the header block ended early");

    std::string target = parser_->target();
    // The absolute form (a proxy's) is reduced to its path: there is one site here.
    for (std::string_view scheme : {"http://", "https://"}) {
        if (target.compare(0, scheme.size(), scheme) == 0) {
            auto slash = target.find('/', scheme.size());
            target = slash == npos ? "/" : target.substr(slash);
        }
    }
    if (target.empty() || (target[0] != '/' && target != "*"))
        return fail(400, "malformed request line: the target must start with '/'");
    auto q = target.find('?');
    request_.path = target.substr(0, q);
    request_.query = q == npos ? std::string() : target.substr(q + 1);

    chunked_ = parser_->chunked();
    content_length_ = static_cast<std::size_t>(parser_->content_length().value_or(0));
    keep_alive_ = parser_->keep_alive();
    expect_continue_ = parser_->version() == 11 && (chunked_ || content_length_ > 0) && parser_->expect() == "100-continue";
    headers_done_ = true;
    body_start_ = end;
    return Step::need_more;
}

// A body by Content-Length stays in the buffer until it is whole (the buffer holds it once),
// then Beast reads it in one put().
RequestReader::Step RequestReader::read_sized_body(const std::string& buffer) {
    if (buffer.size() < body_start_ + content_length_) return Step::need_more;
    if (!parser_->is_done()) {
        boost::beast::error_code ec;
        put(*parser_, std::string_view(buffer).substr(body_start_, content_length_), ec);
        if (ec || !parser_->is_done()) return fail(400, "malformed request body: " + ec.message());
    }
    consumed_ = body_start_ + content_length_;
    return Step::complete;
}

// A chunked body's raw bytes leave the buffer as they come: Beast decodes them into
// request_.body and what it has read is dropped, so a connection holds at most the decoded body
// plus one unfinished chunk line (or trailer), whatever the client's framing costs it. Beast is
// handed a chunk's framing only once it is whole (check_framing) and counts it against
// max_framing_bytes.
RequestReader::Step RequestReader::read_chunked(std::string& buffer) {
    if (body_start_ > 0) {  // the head is read: dropped
        buffer.erase(0, body_start_);
        body_start_ = 0;
    }
    if (pending_.empty()) {
        pending_.swap(buffer);
    } else {
        pending_ += buffer;
        buffer.clear();
    }
    std::size_t at = 0;  // pending_ before it is read by Beast
    while (!parser_->is_done()) {
        if (parser_->chunk_left() == 0) {
            FramingCheck check = check_framing(pending_, at, parser_->after_chunk_data(), trailer_scanned_,
                                               limits_.max_header_bytes);
            if (check.state == Framing::refused) return fail(check.status, std::move(check.reason));
            if (check.state == Framing::incomplete) break;
        } else if (at == pending_.size()) {
            break;
        }
        const bool framing = parser_->chunk_left() == 0;
        const bool after_data = parser_->after_chunk_data();
        const std::size_t decoded = request_.body.size();
        boost::beast::error_code ec;
        std::size_t read = put(*parser_, std::string_view(pending_).substr(at), ec);
        framing_ += read - (request_.body.size() - decoded);
        if (framing_ > max_framing_bytes(limits_))
            return fail(413, "the chunked body's framing (chunk sizes, extensions and trailers) is larger than " +
                                 std::to_string(max_framing_bytes(limits_)) + " bytes");
        // Beast has the whole framing line (or last chunk and trailer): wanting more there means
        // a quoted extension that never ends, which would otherwise hold bytes without bound.
        if (ec == boost::beast::http::error::need_more && framing) ec = boost::beast::http::error::bad_chunk_extension;
        if (ec && ec != boost::beast::http::error::need_more) {
            Refusal refusal = chunk_refusal(ec, line_at(pending_, at + (after_data ? 2 : 0)), limits_.max_body_bytes);
            return fail(refusal.status, std::move(refusal.reason));
        }
        at += read;
        if (ec || read == 0) break;
    }
    released_ += at;
    pending_.erase(0, at);
    if (!parser_->is_done()) return Step::need_more;
    buffer.swap(pending_);  // what follows the request (a pipelined one) goes back to the buffer
    pending_.clear();
    consumed_ = 0;
    return Step::complete;
}

Request RequestReader::take() {
    Request r = std::move(request_);
    request_ = Request{};
    parser_.reset();
    scanned_ = 0;
    headers_done_ = false;
    expect_continue_ = false;
    keep_alive_ = true;
    chunked_ = false;
    body_start_ = 0;
    content_length_ = 0;
    pending_.clear();
    trailer_scanned_ = 0;
    framing_ = 0;
    released_ = 0;
    consumed_ = 0;
    return r;
}

}  // namespace leadhub::http::detail
