#include "http/request_reader.hpp"

#include "http/head_check.hpp"

#include <leadhub/sdk/safe_text.hpp>

#include <Poco/MemoryStream.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/NetException.h>

#include <algorithm>
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

std::string lower_trimmed(std::string_view v) {
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
    std::string out(v);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    return out;
}

std::string too_large(std::size_t limit) { return "request body is larger than " + std::to_string(limit) + " bytes"; }

}  // namespace

RequestReader::Step RequestReader::fail(int status, std::string reason) {
    failure_status_ = status;
    failure_reason_ = std::move(reason);
    return Step::failed;
}

RequestReader::Step RequestReader::advance(std::string& buffer) {
    if (failure_status_) return Step::failed;
    if (!headers_done_) {
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
        if (end == npos) {
            if (buffer.size() - start > limits_.max_header_bytes)
                return fail(431, "the request line and headers are larger than " +
                                     std::to_string(limits_.max_header_bytes) + " bytes");
            return Step::need_more;
        }
        if (end - start > limits_.max_header_bytes)
            return fail(431, "the request line and headers are larger than " + std::to_string(limits_.max_header_bytes) +
                                 " bytes");
        if (Step s = parse_headers(std::string_view(buffer).substr(start, end - start), end); s == Step::failed) return s;
    }
    if (chunked_) {
        Step step = read_chunked(buffer);
        if (step == Step::need_more) release_decoded(buffer);
        return step;
    }
    if (buffer.size() < body_start_ + content_length_) return Step::need_more;
    request_.body.assign(buffer, body_start_, content_length_);
    consumed_ = body_start_ + content_length_;
    return Step::complete;
}

// A chunked body's raw bytes are decoded into request_.body as they come; what is decoded (the
// head, the chunk lines, the data) is dropped from the buffer at once, so a connection holds at
// most the decoded body plus one unread chunk line, whatever the client's framing costs it.
void RequestReader::release_decoded(std::string& buffer) {
    if (pos_ == 0) return;
    buffer.erase(0, pos_);
    released_ += pos_ - std::min(pos_, body_start_);
    body_start_ -= std::min(pos_, body_start_);
    pos_ = 0;
}

RequestReader::Step RequestReader::parse_headers(std::string_view block, std::size_t end) {
    // The block ends with the blank line; the checker wants the lines before it.
    std::string_view lines = block;
    for (int terminators = 0; terminators < 2 && !lines.empty() && lines.back() == '\n'; ++terminators) {
        lines.remove_suffix(1);
        if (!lines.empty() && lines.back() == '\r') lines.remove_suffix(1);
    }
    if (std::string reason = check_head(lines); !reason.empty()) return fail(400, std::move(reason));

    Poco::Net::HTTPRequest parsed;
    try {
        Poco::MemoryInputStream in(block.data(), static_cast<std::streamsize>(block.size()));
        parsed.read(in);
    } catch (const Poco::Exception& e) {
        const std::string& what = e.message();
        // Poco says "invalid or too long" for both; only a long one is 414.
        if (what.find("URI") != npos && block.size() > 16384)
            return fail(414, "the request target is longer than 16384 bytes");
        if (what.find("Too many") != npos || what.find("value too long") != npos)
            return fail(431, "malformed request headers: " + what);
        return fail(400, "malformed request: " + (what.empty() ? e.displayText() : what));
    }
    const std::string& version = parsed.getVersion();
    if (version != "HTTP/1.1" && version != "HTTP/1.0") {
        if (version.compare(0, 5, "HTTP/") == 0 && version.size() == 8)
            return fail(505, "HTTP version " + sdk::escape_control(version) + " is not supported; use HTTP/1.1");
        return fail(400, "malformed request line: no HTTP version");
    }
    if (!is_token(parsed.getMethod())) return fail(400, "malformed request line: invalid method");
    std::string target = parsed.getURI();
    // The absolute form (a proxy's) is reduced to its path: there is one site here.
    for (std::string_view scheme : {"http://", "https://"}) {
        if (target.compare(0, scheme.size(), scheme) == 0) {
            auto slash = target.find('/', scheme.size());
            target = slash == npos ? "/" : target.substr(slash);
        }
    }
    if (target.empty() || (target[0] != '/' && target != "*"))
        return fail(400, "malformed request line: the target must start with '/'");

    std::string length_text;
    std::string encoding;
    int encodings = 0;
    for (const auto& [name, value] : parsed) {
        if (Poco::icompare(name, "Content-Length") == 0) {
            std::string v = lower_trimmed(value);
            if (v.empty() || !std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; }))
                return fail(400, "invalid Content-Length '" + sdk::escape_control(value.substr(0, 64)) + "'");
            if (!length_text.empty() && length_text != v) return fail(400, "conflicting Content-Length headers");
            length_text = v;
        } else if (Poco::icompare(name, "Transfer-Encoding") == 0) {
            encoding = lower_trimmed(value);
            ++encodings;
        }
        request_.headers[name] = value;
    }
    if (encodings > 0) {
        // Both at once is how request smuggling starts: refuse rather than pick one. So is any
        // Transfer-Encoding that two readers could frame differently: given twice, a list of
        // codings, or in HTTP/1.0, which has no chunked coding (RFC 9112 6.1).
        if (!length_text.empty()) return fail(400, "a request may not have both Content-Length and Transfer-Encoding");
        if (encodings > 1) return fail(400, "Transfer-Encoding may be given once only");
        if (version == "HTTP/1.0") return fail(400, "Transfer-Encoding is not allowed in an HTTP/1.0 request");
        if (encoding.find(',') != npos)
            return fail(400, "Transfer-Encoding must be exactly 'chunked', got '" + sdk::escape_control(encoding.substr(0, 64)) + "'");
        if (encoding != "chunked")
            return fail(501, "Transfer-Encoding '" + sdk::escape_control(encoding.substr(0, 64)) +
                                 "' is not supported (only chunked)");
        chunked_ = true;
    }
    if (!length_text.empty()) {
        std::size_t digits = length_text.find_first_not_of('0');
        if (digits != npos && length_text.size() - digits > 15) return fail(413, too_large(limits_.max_body_bytes));
        content_length_ = static_cast<std::size_t>(std::stoull(length_text));
        if (content_length_ > limits_.max_body_bytes) return fail(413, too_large(limits_.max_body_bytes));
    }

    request_.method = parsed.getMethod();
    auto q = target.find('?');
    request_.path = target.substr(0, q);
    request_.query = q == npos ? std::string() : target.substr(q + 1);
    keep_alive_ = parsed.getKeepAlive();
    expect_continue_ = version == "HTTP/1.1" && (chunked_ || content_length_ > 0) &&
                       lower_trimmed(parsed.get("Expect", "")) == "100-continue";
    headers_done_ = true;
    body_start_ = end;
    pos_ = end;
    return Step::need_more;
}

RequestReader::Step RequestReader::frame_bytes(std::size_t n) {
    framing_ += n;
    if (framing_ > max_framing_bytes(limits_))
        return fail(413, "the chunked body's framing (chunk sizes, extensions and trailers) is larger than " +
                             std::to_string(max_framing_bytes(limits_)) + " bytes");
    return Step::need_more;
}

RequestReader::Step RequestReader::read_chunked(const std::string& buffer) {
    for (;;) {
        switch (chunk_) {
            case Chunk::size_line: {
                auto nl = buffer.find('\n', pos_);
                if (nl == npos) {
                    if (buffer.size() - pos_ > kMaxChunkLine) return fail(400, "chunk size line too long");
                    return Step::need_more;
                }
                std::string_view line(buffer.data() + pos_, nl - pos_);
                if (line.size() > kMaxChunkLine) return fail(400, "chunk size line too long");
                if (frame_bytes(line.size() + 1) == Step::failed) return Step::failed;
                if (auto semicolon = line.find(';'); semicolon != std::string_view::npos) line = line.substr(0, semicolon);
                std::string hex = lower_trimmed(line.substr(0, line.find('\r')));
                if (hex.empty() || hex.find_first_not_of("0123456789abcdef") != npos)
                    return fail(400, "invalid chunk size '" + sdk::escape_control(hex.substr(0, 64)) + "'");
                std::size_t digits = hex.find_first_not_of('0');
                if (digits != npos && hex.size() - digits > 12) return fail(413, too_large(limits_.max_body_bytes));
                std::size_t size = static_cast<std::size_t>(std::stoull(hex, nullptr, 16));
                pos_ = nl + 1;
                if (size == 0) {
                    chunk_ = Chunk::trailer;
                    chunk_left_ = 0;  // counts trailer bytes from here
                    break;
                }
                if (request_.body.size() + size > limits_.max_body_bytes) return fail(413, too_large(limits_.max_body_bytes));
                chunk_left_ = size;
                chunk_ = Chunk::data;
                break;
            }
            case Chunk::data: {
                std::size_t n = std::min(buffer.size() - pos_, chunk_left_);
                request_.body.append(buffer, pos_, n);
                pos_ += n;
                chunk_left_ -= n;
                if (chunk_left_) return Step::need_more;
                chunk_ = Chunk::data_end;
                break;
            }
            case Chunk::data_end: {
                if (pos_ >= buffer.size()) return Step::need_more;
                if (buffer[pos_] == '\r') {
                    if (pos_ + 1 >= buffer.size()) return Step::need_more;
                    if (buffer[pos_ + 1] != '\n') return fail(400, "chunk data not followed by CRLF");
                    pos_ += 2;
                    if (frame_bytes(2) == Step::failed) return Step::failed;
                } else if (buffer[pos_] == '\n') {
                    pos_ += 1;
                    if (frame_bytes(1) == Step::failed) return Step::failed;
                } else {
                    return fail(400, "chunk data not followed by CRLF");
                }
                chunk_ = Chunk::size_line;
                break;
            }
            case Chunk::trailer: {
                auto nl = buffer.find('\n', pos_);
                std::size_t seen = chunk_left_ + ((nl == npos ? buffer.size() : nl) - pos_);
                if (seen > limits_.max_header_bytes)
                    return fail(431, "the chunked trailer is larger than " + std::to_string(limits_.max_header_bytes) + " bytes");
                if (nl == npos) return Step::need_more;
                bool empty = nl == pos_ || (nl == pos_ + 1 && buffer[pos_] == '\r');
                if (frame_bytes(nl + 1 - pos_) == Step::failed) return Step::failed;
                chunk_left_ += nl + 1 - pos_;
                pos_ = nl + 1;
                if (empty) {
                    consumed_ = pos_;
                    return Step::complete;
                }
                break;  // a trailer field: not passed on (nothing here uses them)
            }
        }
    }
}

Request RequestReader::take() {
    Request r = std::move(request_);
    request_ = Request{};
    scanned_ = 0;
    headers_done_ = false;
    expect_continue_ = false;
    keep_alive_ = true;
    chunked_ = false;
    body_start_ = 0;
    content_length_ = 0;
    pos_ = 0;
    chunk_ = Chunk::size_line;
    chunk_left_ = 0;
    framing_ = 0;
    released_ = 0;
    consumed_ = 0;
    return r;
}

}  // namespace leadhub::http::detail
