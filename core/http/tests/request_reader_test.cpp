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
    // What was decoded is already gone from the buffer: the rest is the request's last bytes.
    CHECK(reader.consumed() == buffer.size());
    CHECK(buffer.size() < 8);
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
        std::string buffer = c.request;
        REQUIRE(reader.advance(buffer) == Step::failed);
        CHECK(reader.failure_status() == c.status);
        CHECK_THAT(reader.failure_reason(), Catch::Contains(c.reason_part));
    }
}

TEST_CASE("a body at the limit, an absolute target and Expect are accepted") {
    ReaderLimits limits;
    limits.max_body_bytes = 10;
    RequestReader reader(limits);
    std::string head = "PUT http://example.org/p?q HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 10\r\n\r\n";
    std::string head_only = head;
    REQUIRE(reader.advance(head_only) == Step::need_more);
    CHECK(reader.wants_continue());
    std::string whole = head + "0123456789";
    REQUIRE(reader.advance(whole) == Step::complete);
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

TEST_CASE("header lines that two readers could frame differently are refused, so nothing can be smuggled") {
    struct Case {
        std::string request;
        int status;
        std::string reason_part;
    };
    std::vector<Case> cases = {
        // The probe's request: with the space, Poco named the header "Transfer-Encoding " and the
        // body was read as a second request.
        {"POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 35\r\nTransfer-Encoding : chunked\r\n\r\n", 400,
         "whitespace between the header name 'Transfer-Encoding' and its colon"},
        {"POST / HTTP/1.1\r\nTransfer-Encoding\t: chunked\r\n\r\n", 400, "whitespace between"},
        {"POST / HTTP/1.1\r\nContent-Length : 5\r\n\r\nhello", 400, "whitespace between"},
        {"POST / HTTP/1.1\r\nHost: h\r\nno colon here\r\n\r\n", 400, "without a colon: 'no colon here'"},
        {"POST / HTTP/1.1\r\nHost: h\r\nX-A: 1\r\n Transfer-Encoding: chunked\r\n\r\n", 400, "obsolete line folding"},
        {"POST / HTTP/1.1\r\nHost: h\r\nX-A: 1\r\n\tmore\r\n\r\n", 400, "obsolete line folding"},
        {"POST / HTTP/1.1\r\nX-A: 1\rTransfer-Encoding: chunked\r\n\r\n", 400, "control character in the value of 'X-A'"},
        {std::string("POST / HTTP/1.1\r\nX-A: a\0b\r\n\r\n", 29), 400, "control character"},
        {"POST / HTTP/1.1\r\nX\"A: 1\r\n\r\n", 400, "invalid header name"},
        {"POST / HTTP/1.1\r\n: 1\r\n\r\n", 400, "invalid header name"},
        {"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n", 400, "once only"},
        {"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\ntransfer-encoding: identity\r\n\r\n", 400, "once only"},
        {"POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 400, "exactly 'chunked'"},
        {"POST / HTTP/1.1\r\nTransfer-Encoding: chunked, chunked\r\n\r\n", 400, "exactly 'chunked'"},
        {"POST / HTTP/1.1\r\nTransfer-Encoding: xchunked\r\n\r\n", 501, "not supported"},
        {"POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", 400, "HTTP/1.0"},
        {"GET /\x01 HTTP/1.1\r\n\r\n", 400, "request line"},
    };
    for (const auto& c : cases) {
        INFO(c.request);
        RequestReader reader(ReaderLimits{});
        std::string buffer = c.request;
        REQUIRE(reader.advance(buffer) == Step::failed);
        CHECK(reader.failure_status() == c.status);
        CHECK_THAT(reader.failure_reason(), Catch::Contains(c.reason_part));
        CHECK(reader.failure_reason().find('\n') == std::string::npos);
    }
}

TEST_CASE("the reasons that quote the client's bytes escape their control characters") {
    RequestReader reader(ReaderLimits{});
    std::string buffer = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\x1b[31m\r\n";
    REQUIRE(reader.advance(buffer) == Step::failed);
    CHECK(reader.failure_reason() == "invalid chunk size 'zz\\x1b[31m'");
}

TEST_CASE("sound header blocks still pass: tabs in values, a colon in a value, bare LF lines, case of the coding") {
    for (std::string request : {std::string("POST / HTTP/1.1\r\nX-A:\tv: w \r\nTransfer-Encoding: Chunked \r\n\r\n0\r\n\r\n"),
                                std::string("POST / HTTP/1.1\nHost: h\nTransfer-Encoding: chunked\n\n0\n\n"),
                                std::string("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\nok")}) {
        INFO(request);
        RequestReader reader(ReaderLimits{});
        REQUIRE(reader.advance(request) == Step::complete);
    }
}

TEST_CASE("a chunked body's framing is bounded and what is decoded is freed as it comes") {
    ReaderLimits limits;
    limits.max_body_bytes = 10000;
    RequestReader reader(limits);
    std::string buffer = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
    REQUIRE(reader.advance(buffer) == Step::need_more);
    // The probe's flood: a kilobyte of extensions per byte of data.
    const std::string chunk = "1;" + std::string(1000, 'e') + "\r\nx\r\n";
    std::size_t sent = 0;
    Step step = Step::need_more;
    std::size_t largest_buffer = 0;
    while (step == Step::need_more && sent < 10 * max_framing_bytes(limits)) {
        buffer += chunk;
        sent += chunk.size();
        step = reader.advance(buffer);
        largest_buffer = std::max(largest_buffer, buffer.size());
    }
    REQUIRE(step == Step::failed);
    CHECK(reader.failure_status() == 413);
    CHECK_THAT(reader.failure_reason(), Catch::Contains("framing"));
    CHECK(sent <= max_framing_bytes(limits) + 2 * chunk.size());
    CHECK(largest_buffer <= chunk.size());  // nothing decoded was kept

    // Ordinary framing (chunks of 100 bytes) of a body at the limit is well within the bound.
    RequestReader fair(limits);
    std::string b = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
    for (int i = 0; i < 100; ++i) b += "64;n=v\r\n" + std::string(100, 'a') + "\r\n";
    b += "0\r\nX-T: 1\r\n\r\n";
    REQUIRE(fair.advance(b) == Step::complete);
    CHECK(fair.take().body.size() == 10000);
}

TEST_CASE("a chunked body counts its raw bytes for the read deadline even after they are freed") {
    RequestReader reader(ReaderLimits{});
    std::string buffer = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
    REQUIRE(reader.advance(buffer) == Step::need_more);
    buffer += "5\r\nhello\r\n";
    REQUIRE(reader.advance(buffer) == Step::need_more);
    CHECK(buffer.empty());
    CHECK(reader.body_bytes_in(buffer) == 10);
    buffer += "3\r\nab";
    REQUIRE(reader.advance(buffer) == Step::need_more);
    CHECK(reader.body_bytes_in(buffer) == 15);
}

// ---- what the move to Boost.Beast's parser could have changed -------------------------------

namespace {
// Feeds `request` whole to a fresh reader; the step it ends at.
struct Fed {
    Step step;
    int status;
    std::string reason;
};
Fed feed(const std::string& request, ReaderLimits limits = {}) {
    RequestReader reader(limits);
    std::string buffer = request;
    Step step = reader.advance(buffer);
    return {step, step == Step::failed ? reader.failure_status() : 0,
            step == Step::failed ? reader.failure_reason() : std::string()};
}
}  // namespace

TEST_CASE("Beast's header limit is the reader's: a head of exactly max_header_bytes passes, with CRLF or bare LF") {
    ReaderLimits limits;
    limits.max_header_bytes = 300;
    for (std::string eol : {std::string("\r\n"), std::string("\n")}) {
        std::string head = "GET / HTTP/1.1" + eol + "X: ";
        std::string fill(limits.max_header_bytes - head.size() - 2 * eol.size(), 'a');
        std::string exact = head + fill + eol + eol;
        REQUIRE(exact.size() == limits.max_header_bytes);
        INFO(exact);
        CHECK(feed(exact, limits).step == Step::complete);
        Fed over = feed(head + fill + "a" + eol + eol, limits);
        CHECK(over.status == 431);
        CHECK(over.reason == "the request line and headers are larger than 300 bytes");
    }
}

TEST_CASE("a request target over 16384 bytes is 414 by the reader's own count, one at the bound passes") {
    std::string at_bound = "/" + std::string(leadhub::http::detail::kMaxTargetBytes - 1, 'a');
    CHECK(feed("GET " + at_bound + " HTTP/1.1\r\n\r\n").step == Step::complete);
    Fed over = feed("GET " + at_bound + "b HTTP/1.1\r\n\r\n");
    CHECK(over.status == 414);
    CHECK(over.reason == "the request target is longer than 16384 bytes");
}

TEST_CASE("framing Beast alone would take is refused as before") {
    struct Case {
        std::string request;
        int status;
        std::string reason;
    };
    std::vector<Case> cases = {
        // Beast takes a list of equal lengths.
        {"POST / HTTP/1.1\r\nContent-Length: 2, 2\r\n\r\nok", 400, "invalid Content-Length '2, 2'"},
        // Beast refuses a length with a coding only when the coding is chunked.
        {"POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\nContent-Length: 2\r\n\r\nok", 400,
         "a request may not have both Content-Length and Transfer-Encoding"},
        {"POST / HTTP/1.1\r\nContent-Length: 2\r\nTransfer-Encoding: gzip\r\n\r\nok", 400,
         "a request may not have both Content-Length and Transfer-Encoding"},
        // Beast takes "identity" and then "chunked" as chunked.
        {"POST / HTTP/1.1\r\nTransfer-Encoding: identity\r\nTransfer-Encoding: chunked\r\n\r\n", 400,
         "Transfer-Encoding may be given once only"},
        {"POST / HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 2x\r\n\r\nok", 400, "invalid Content-Length '2x'"},
        {"GET / HTTP/1.1x\r\n\r\n", 400, "malformed request line: no HTTP version"},
        {"GET /a b HTTP/1.1\r\n\r\n", 400, "malformed request line: no HTTP version"},
        {"GET / HTTP/1.2\r\n\r\n", 505, "HTTP version HTTP/1.2 is not supported; use HTTP/1.1"},
        {"G(T / HTTP/1.1\r\n\r\n", 400, "malformed request line: invalid method"},
        {"POST / HTTP/1.1\r\nConnection: a b\r\n\r\n", 400, "malformed headers: invalid value of 'Connection'"},
    };
    for (const auto& c : cases) {
        INFO(c.request);
        Fed fed = feed(c.request);
        REQUIRE(fed.step == Step::failed);
        CHECK(fed.status == c.status);
        CHECK(fed.reason == c.reason);
    }
}

TEST_CASE("chunk lines and trailers Beast would wait for without end are bounded") {
    ReaderLimits limits;
    limits.max_header_bytes = 500;
    std::string head = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
    Fed long_line = feed(head + "1;" + std::string(1100, 'e'), limits);
    CHECK(long_line.status == 400);
    CHECK(long_line.reason == "chunk size line too long");
    Fed long_trailer = feed(head + "0\r\nX-T: " + std::string(600, 't'), limits);
    CHECK(long_trailer.status == 431);
    CHECK(long_trailer.reason == "the chunked trailer is larger than 500 bytes");
    Fed many_trailers = feed(head + "0\r\n" + [] {
        std::string t;
        for (int i = 0; i < 100; ++i) t += "X-T: 1\r\n";
        return t;
    }(), limits);
    CHECK(many_trailers.status == 431);

    Fed bad_extension = feed(head + "1;a=\"x\r\nx\r\n", limits);
    CHECK(bad_extension.status == 400);
    Fed huge = feed(head + "1000000000000\r\n", limits);
    CHECK(huge.status == 413);
    CHECK(huge.reason == "request body is larger than 1048576 bytes");
    Fed overflow = feed(head + "100000000000000000000\r\n", limits);
    CHECK(overflow.status == 413);
    Fed bad_trailer = feed(head + "0\r\nno colon\r\n\r\n", limits);
    CHECK(bad_trailer.status == 400);
}

TEST_CASE("a chunked body framed with bare LFs is decoded, and what follows it is left for the next request") {
    RequestReader reader(ReaderLimits{});
    std::string buffer =
        "POST /c HTTP/1.1\nTransfer-Encoding: chunked\n\n5\nhello\n6;x=y\n world\n0\nX-T: 1\n\n"
        "GET /next HTTP/1.1\r\n\r\n";
    REQUIRE(reader.advance(buffer) == Step::complete);
    CHECK(reader.consumed() == 0);
    CHECK(buffer == "GET /next HTTP/1.1\r\n\r\n");
    CHECK(reader.take().body == "hello world");
    REQUIRE(reader.advance(buffer) == Step::complete);
    CHECK(reader.take().path == "/next");
}

TEST_CASE("keep-alive follows the version and Connection, as Beast reads the token list") {
    struct Case {
        std::string request;
        bool keep_alive;
    };
    for (const auto& c : std::vector<Case>{
             {"GET / HTTP/1.1\r\n\r\n", true},
             {"GET / HTTP/1.1\r\nConnection: close\r\n\r\n", false},
             {"GET / HTTP/1.1\r\nConnection: Upgrade, close\r\n\r\n", false},
             {"GET / HTTP/1.0\r\n\r\n", false},
             {"GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", true},
         }) {
        INFO(c.request);
        RequestReader reader(ReaderLimits{});
        std::string buffer = c.request;
        REQUIRE(reader.advance(buffer) == Step::complete);
        CHECK(reader.keep_alive() == c.keep_alive);
    }
}

TEST_CASE("Poco's per-field limits are gone: only max_header_bytes bounds the head") {
    // Poco refused more than 100 fields, names over 256 bytes and values over 8 KiB (431).
    std::string head = "GET / HTTP/1.1\r\n";
    for (int i = 0; i < 300; ++i) head += "X-" + std::to_string(i) + ": v\r\n";
    head += "X-Long: " + std::string(10000, 'v') + "\r\n";
    head += std::string(300, 'n') + ": v\r\n\r\n";
    RequestReader reader(ReaderLimits{});
    REQUIRE(reader.advance(head) == Step::complete);
    auto r = reader.take();
    CHECK(r.header("X-299") == "v");
    CHECK(r.header("X-Long").size() == 10000);
}

TEST_CASE("UTF-8 in a target and in header values passes Beast as it passed Poco") {
    RequestReader reader(ReaderLimits{});
    std::string buffer = "GET /nope\xc2\x85x?q=\xd0\xb0 HTTP/1.1\r\nX-Name: \xd0\x90\xd0\xbd\xd0\xbd\xd0\xb0\r\nX-Empty:\r\n\r\n";
    REQUIRE(reader.advance(buffer) == Step::complete);
    auto r = reader.take();
    CHECK(r.path == "/nope\xc2\x85x");
    CHECK(r.query == "q=\xd0\xb0");
    CHECK(r.header("x-name") == "\xd0\x90\xd0\xbd\xd0\xbd\xd0\xb0");
    CHECK(r.headers.count("X-Empty") == 1);
}
