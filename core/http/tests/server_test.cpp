#include <catch2/catch.hpp>

#include "http/server.hpp"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/StreamCopier.h>

#include <chrono>
#include <sstream>

using namespace leadhub::http;

namespace {
struct Reply {
    int status;
    std::string body;
};

Reply call(uint16_t port, const std::string& method, const std::string& uri, const std::string& body = {},
           bool chunked = false) {
    Poco::Net::HTTPClientSession s("127.0.0.1", port);
    s.setTimeout(Poco::Timespan(5, 0));
    Poco::Net::HTTPRequest req(method, uri, Poco::Net::HTTPMessage::HTTP_1_1);
    if (chunked) req.setChunkedTransferEncoding(true);
    else req.setContentLength(static_cast<std::streamsize>(body.size()));
    req.set("X-Test", "yes");
    s.sendRequest(req) << body;
    Poco::Net::HTTPResponse resp;
    std::istream& in = s.receiveResponse(resp);
    std::string out;
    Poco::StreamCopier::copyToString(in, out);
    return {resp.getStatus(), out};
}

Handler echo = [](const Request& r) {
    return Response::text(200, r.method + " " + r.path + " ?" + r.query + " h=" + r.header("x-test") + " " + r.body);
};
}  // namespace

TEST_CASE("requests reach the handler whole: method, path, query, headers, body") {
    ServerOptions o;
    o.port = 0;
    Server server(o, echo);
    server.start();
    auto r = call(server.port(), "POST", "/hooks/t1/site/x?token=abc&a=1", "привет");
    CHECK(r.status == 200);
    CHECK(r.body == "POST /hooks/t1/site/x ?token=abc&a=1 h=yes привет");
    auto chunked = call(server.port(), "POST", "/c", std::string(5000, 'a'), true);
    CHECK(chunked.status == 200);
    CHECK(chunked.body.size() == std::string("POST /c ? h=yes ").size() + 5000);
}

TEST_CASE("bodies over the limit get 413 without reaching the handler") {
    ServerOptions o;
    o.port = 0;
    o.max_body_bytes = 1000;
    int calls = 0;
    Server server(o, [&](const Request&) {
        ++calls;
        return Response::text(200, "ok");
    });
    server.start();
    CHECK(call(server.port(), "POST", "/x", std::string(1001, 'a')).status == 413);
    CHECK(call(server.port(), "POST", "/x", std::string(4000, 'a'), true).status == 413);
    CHECK(call(server.port(), "POST", "/x", std::string(1000, 'a')).status == 200);
    CHECK(calls == 1);
}

TEST_CASE("a client that stalls mid-body is cut off after the read timeout") {
    ServerOptions o;
    o.port = 0;
    o.read_timeout_ms = 300;
    int calls = 0;
    Server server(o, [&](const Request&) {
        ++calls;
        return Response::text(200, "ok");
    });
    server.start();
    Poco::Net::StreamSocket sock(Poco::Net::SocketAddress("127.0.0.1", server.port()));
    std::string head = "POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nonly-a-part";
    sock.sendBytes(head.data(), static_cast<int>(head.size()));
    sock.setReceiveTimeout(Poco::Timespan(3, 0));
    auto start = std::chrono::steady_clock::now();
    char buf[512];
    int n = sock.receiveBytes(buf, sizeof buf);
    auto waited = std::chrono::steady_clock::now() - start;
    std::string answer(buf, n > 0 ? static_cast<std::size_t>(n) : 0);
    CHECK(calls == 0);
    CHECK(waited < std::chrono::seconds(3));
    CHECK((answer.empty() || answer.find(" 408 ") != std::string::npos));
}

TEST_CASE("a handler exception becomes a 500 with the reason") {
    ServerOptions o;
    o.port = 0;
    Server server(o, [](const Request&) -> Response { throw std::runtime_error("kaboom"); });
    server.start();
    auto r = call(server.port(), "GET", "/");
    CHECK(r.status == 500);
    CHECK(r.body == "internal error: kaboom");
}

TEST_CASE("binding a used port fails with the address in the message") {
    ServerOptions o;
    o.port = 0;
    Server first(o, echo);
    first.start();
    ServerOptions taken = o;
    taken.port = first.port();
    Server second(taken, echo);
    CHECK_THROWS_WITH(second.start(), Catch::Contains("127.0.0.1:" + std::to_string(first.port())));
}
