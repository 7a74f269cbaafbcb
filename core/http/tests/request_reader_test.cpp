#include <catch2/catch.hpp>

#include "http/request_reader.hpp"

using leadhub::http::detail::ReaderLimits;
using leadhub::http::detail::RequestReader;
using Step = RequestReader::Step;

namespace {
// Feeds `bytes` one at a time, as a client writing byte by byte would; returns the last step.
Step feed_bytewise(RequestReader& reader, const std::string& bytes, std::string& buffer) {
    Step step = Step::need_more;
    for (char c : bytes) {
        buffer += c;
        step = reader.advance(buffer);
        if (step != Step::need_more) break;
    }
    return step;
}
}  // namespace

TEST_CASE("a chunked body arriving byte by byte is decoded, extensions and trailers dropped") {
    RequestReader reader(ReaderLimits{});
    std::string buffer;
    std::string request =
        "POST /hooks/a?x=1 HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: Chunked\r\n\r\n"
        "5;name=value\r\nhello\r\n1\r\n \r\nA\r\nworld12345\r\n0\r\nX-Sum: 1\r\n\r\n";
    REQUIRE(feed_bytewise(reader, request, buffer) == Step::complete);
    CHECK(reader.consumed() == request.size());
    auto r = reader.take();
    CHECK(r.method == "POST");
    CHECK(r.path == "/hooks/a");
    CHECK(r.query == "x=1");
    CHECK(r.body == "hello world12345");
    CHECK(r.header("host") == "h");
}

TEST_CASE("pipelined requests are taken one at a time, the rest stays for the next") {
    RequestReader reader(ReaderLimits{});
    std::string buffer =
        "POST /1 HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc"
        "GET /2 HTTP/1.1\r\nConnection: close\r\n\r\n";
    REQUIRE(reader.advance(buffer) == Step::complete);
    CHECK(reader.keep_alive());
    buffer.erase(0, reader.consumed());
    CHECK(reader.take().body == "abc");
    REQUIRE(reader.advance(buffer) == Step::complete);
    CHECK_FALSE(reader.keep_alive());
    CHECK(reader.take().path == "/2");
}

TEST_CASE("framing the reader cannot trust is refused with the status that says why") {
    struct Case {
        std::string request;
        int status;
        std::string reason_part;
    };
    ReaderLimits limits;
    limits.max_body_bytes = 100;
    limits.max_header_bytes = 200;
    std::vector<Case> cases = {
        {"POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n", 400, "both"},
        {"POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n", 501, "gzip"},
        {"POST / HTTP/1.1\r\nContent-Length: 1x\r\n\r\n", 400, "Content-Length"},
        {"POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n", 400, "conflicting"},
        {"POST / HTTP/1.1\r\nContent-Length: 101\r\n\r\n", 413, "100 bytes"},
        {"POST / HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n", 413, "100 bytes"},
        {"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n65\r\n", 413, "100 bytes"},
        {"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400, "chunk size"},
        {"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabX", 400, "CRLF"},
        {"GET / HTTP/2.0\r\n\r\n", 505, "HTTP/2.0"},
        {"GET nopath HTTP/1.1\r\n\r\n", 400, "'/'"},
        {"GARBAGE\r\n\r\n", 400, "malformed"},
        {"GET / HTTP/1.1\r\nX: " + std::string(300, 'a') + "\r\n\r\n", 431, "200 bytes"},
        {"GET / HTTP/1.1\r\nX: " + std::string(300, 'a'), 431, "200 bytes"},
    };
    for (const auto& c : cases) {
        INFO(c.request);
        RequestReader reader(limits);
        REQUIRE(reader.advance(c.request) == Step::failed);
        CHECK(reader.failure_status() == c.status);
        CHECK_THAT(reader.failure_reason(), Catch::Contains(c.reason_part));
    }
}

TEST_CASE("a body at the limit, an absolute target and Expect are accepted") {
    ReaderLimits limits;
    limits.max_body_bytes = 10;
    RequestReader reader(limits);
    std::string head = "PUT http://example.org/p?q HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 10\r\n\r\n";
    REQUIRE(reader.advance(head) == Step::need_more);
    CHECK(reader.wants_continue());
    REQUIRE(reader.advance(head + "0123456789") == Step::complete);
    auto r = reader.take();
    CHECK(r.path == "/p");
    CHECK(r.query == "q");
    CHECK(r.body == "0123456789");
}

TEST_CASE("the reader says when the headers are in and how much of the body has come, for the read deadlines") {
    RequestReader reader(ReaderLimits{});
    std::string buffer = "\r\nPOST /b HTTP/1.1\r\nContent-Length: 10\r\n";
    CHECK(reader.advance(buffer) == Step::need_more);
    CHECK(reader.started(buffer));
    CHECK_FALSE(reader.headers_done());
    CHECK(reader.body_bytes_in(buffer) == 0);
    buffer += "\r\n";
    CHECK(reader.advance(buffer) == Step::need_more);
    CHECK(reader.headers_done());
    CHECK(reader.body_bytes_in(buffer) == 0);
    buffer += "abcd";
    CHECK(reader.advance(buffer) == Step::need_more);
    CHECK(reader.body_bytes_in(buffer) == 4);
    buffer += "efghij";
    REQUIRE(reader.advance(buffer) == Step::complete);
    buffer.erase(0, reader.consumed());
    CHECK(reader.take().body == "abcdefghij");
    CHECK_FALSE(reader.headers_done());  // ready for the next request: its clock starts afresh
    CHECK_FALSE(reader.started(buffer));
}
