#include <catch2/catch.hpp>

#include "http/server.hpp"
#include "server_fixtures.hpp"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/StreamCopier.h>

#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <sstream>
#include <thread>
#include <vector>

using namespace leadhub::http;
using namespace leadhub::http::test;

namespace {
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

struct CallResult {
    int status;
    std::string body;
};

CallResult call(uint16_t port, const std::string& method, const std::string& uri, const std::string& body = {},
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


// A slowloris client: sends `bytes` one at a time, `every` apart, and between two of them gets
// one request answered on `other` (the loop must go on serving), until the server answers or
// closes `slow` or `limit` has passed.
struct Trickle {
    Raw::Answer answer;         // status 0: no answer within the limit
    Clock::duration after{};    // from the first trickled byte to the answer
    int served = 0;             // requests answered on the other connection meanwhile
    bool served_right = true;   // and each of them answered correctly
};

Trickle trickle(Raw& slow, const std::string& bytes, Raw& other, std::chrono::milliseconds every = 50ms,
                std::chrono::milliseconds limit = 3000ms) {
    Trickle t;
    auto start = Clock::now();
    for (std::size_t i = 0; i < bytes.size() && Clock::now() - start < limit; ++i) {
        if (!slow.try_send(std::string(1, bytes[i]))) break;  // cut off: read what was answered
        other.send(post("/other", std::to_string(i)));
        auto a = other.read();
        ++t.served;
        t.served_right = t.served_right && a.status == 200 && a.body == "POST /other ? h=yes " + std::to_string(i);
        auto slot_end = start + every * static_cast<int64_t>(i + 1);
        auto left = std::chrono::duration_cast<std::chrono::microseconds>(slot_end - Clock::now());
        if (slow.socket.poll(Poco::Timespan(std::max<int64_t>(0, left.count())), Poco::Net::Socket::SELECT_READ)) break;
    }
    t.after = Clock::now() - start;
    t.answer = slow.read();
    return t;
}

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

TEST_CASE("pipelined requests on one connection are answered in order") {
    // The first request is the slowest: answers must still come in the order asked.
    Server server(test_options(), [](const Request& r) {
        if (r.path == "/slow") std::this_thread::sleep_for(100ms);
        return Response::text(200, r.path + ":" + r.body);
    });
    server.start();
    Raw c(server.port());
    c.send(post("/slow", "1") + "GET /fast HTTP/1.1\r\nHost: t\r\n\r\n" + post("/third", "33"));
    CHECK(c.read().body == "/slow:1");
    CHECK(c.read().body == "/fast:");
    auto third = c.read();
    CHECK(third.status == 200);
    CHECK(third.body == "/third:33");
    CHECK(third.head.find("Connection: keep-alive") != std::string::npos);
}

TEST_CASE("a request written a byte at a time arrives whole") {
    Server server(test_options(), echo);
    server.start();
    Raw c(server.port());
    std::string body(1500, 'x');
    body += "конец";
    for (char ch : post("/tiny", body)) c.send(std::string(1, ch));
    auto a = c.read();
    CHECK(a.status == 200);
    CHECK(a.body == "POST /tiny ? h=yes " + body);
}

TEST_CASE("a chunked body is decoded, whatever the pieces it is sent in, and the connection stays usable") {
    Server server(test_options(), echo);
    server.start();
    Raw c(server.port());
    std::string request =
        "POST /c HTTP/1.1\r\nHost: t\r\nX-Test: yes\r\nTransfer-Encoding: chunked\r\n\r\n"
        "5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n";
    for (std::size_t i = 0; i < request.size(); i += 3) {
        c.send(request.substr(i, 3));
        std::this_thread::sleep_for(1ms);
    }
    auto a = c.read();
    CHECK(a.status == 200);
    CHECK(a.body == "POST /c ? h=yes hello world");
    c.send(post("/again", "x"));
    CHECK(c.read().body == "POST /again ? h=yes x");
}

TEST_CASE("Expect: 100-continue gets the interim answer before the body is sent; an oversize one gets 413 instead") {
    ServerOptions o = test_options();
    o.max_body_bytes = 100;
    Server server(o, echo);
    server.start();
    Raw c(server.port());
    c.send("POST /e HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n");
    auto interim = c.read();
    CHECK(interim.status == 100);
    c.send("abcde");
    auto a = c.read();
    CHECK(a.status == 200);
    CHECK(a.body == "POST /e ? h= abcde");

    Raw big(server.port());
    big.send("POST /e HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 101\r\n\r\n");
    auto refused = big.read();
    CHECK(refused.status == 413);
    CHECK(refused.body == "request body is larger than 100 bytes");
    CHECK(refused.head.find("Connection: close") != std::string::npos);
    CHECK(big.closed_by_server());
}

TEST_CASE("an oversize body, declared or chunked, gets 413 and the connection closes") {
    ServerOptions o = test_options();
    o.max_body_bytes = 1000;
    std::atomic<int> calls{0};
    Server server(o, [&](const Request&) {
        ++calls;
        return Response::text(200, "ok");
    });
    server.start();
    Raw declared(server.port());
    declared.send(post("/x", std::string(3000, 'a')));
    auto a = declared.read();
    CHECK(a.status == 413);
    CHECK(declared.closed_by_server());

    Raw chunked(server.port());
    chunked.send("POST /x HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n");
    for (int i = 0; i < 5; ++i) chunked.send("12c\r\n" + std::string(300, 'b') + "\r\n");
    auto b = chunked.read();
    CHECK(b.status == 413);
    CHECK(b.body == "request body is larger than 1000 bytes");
    CHECK(chunked.closed_by_server());
    CHECK(calls == 0);
}

TEST_CASE("malformed requests get 400 with the reason and the connection closes") {
    std::atomic<int> calls{0};
    Server server(test_options(), [&](const Request&) {
        ++calls;
        return Response::text(200, "ok");
    });
    server.start();
    for (const std::string& bad : {std::string("GARBAGE\r\n\r\n"), std::string("GET no-slash HTTP/1.1\r\n\r\n"),
                                   std::string("POST / HTTP/1.1\r\nContent-Length: ten\r\n\r\n"),
                                   std::string("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nxyz\r\n")}) {
        INFO(bad);
        Raw c(server.port());
        c.send(bad);
        auto a = c.read();
        CHECK(a.status == 400);
        CHECK_FALSE(a.body.empty());
        CHECK(c.closed_by_server());
    }
    CHECK(calls == 0);
}

TEST_CASE("headers over the limit get 431") {
    ServerOptions o = test_options();
    o.max_header_bytes = 4096;
    Server server(o, echo);
    server.start();
    Raw c(server.port());
    std::string head = "GET / HTTP/1.1\r\nHost: t\r\n";
    for (int i = 0; i < 10; ++i) head += "X-Filler-" + std::to_string(i) + ": " + std::string(500, 'f') + "\r\n";
    c.send(head + "\r\n");
    auto a = c.read();
    CHECK(a.status == 431);
    CHECK(a.body == "the request line and headers are larger than 4096 bytes");
    CHECK(c.closed_by_server());
}

TEST_CASE("a stalled client gets 408 within the read timeout while the loop serves others") {
    ServerOptions o = test_options();
    o.read_timeout_ms = 1000;  // room for a loaded machine to serve the other connection first
    Server server(o, echo);
    server.start();
    Raw stalled(server.port());
    auto start = Clock::now();
    stalled.send("POST /x HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\nonly-a-part");
    Raw other(server.port());
    for (int i = 0; i < 5; ++i) {
        other.send(post("/other", std::to_string(i)));
        CHECK(other.read().body == "POST /other ? h=yes " + std::to_string(i));
    }
    CHECK(Clock::now() - start < 900ms);  // served while the stalled one waited
    auto a = stalled.read();
    auto waited = Clock::now() - start;
    CHECK(a.status == 408);
    CHECK(waited >= 900ms);
    CHECK(waited < 3s);
    CHECK(stalled.closed_by_server());
}

TEST_CASE("an idle keep-alive connection is closed after the keep-alive timeout") {
    ServerOptions o = test_options();
    o.keep_alive_timeout_ms = 300;
    Server server(o, echo);
    server.start();
    Raw c(server.port());
    c.send(post("/x", "1"));
    CHECK(c.read().status == 200);
    auto start = Clock::now();
    CHECK(c.closed_by_server());
    auto waited = Clock::now() - start;
    CHECK(waited >= 250ms);
    CHECK(waited < 3s);
}

TEST_CASE("connections over the cap wait until one closes when none is idle") {
    ServerOptions o = test_options();
    o.max_connections = 2;
    Server server(o, echo);
    server.start();
    auto a = std::make_unique<Raw>(server.port());
    Raw b(server.port());
    // Both are busy with a request under way (not idle): neither may be closed to make room.
    a->send("POST /a HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nabc");
    b.send("POST /b HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nabc");
    std::this_thread::sleep_for(100ms);
    Raw third(server.port());  // connects (the listen backlog) but is not served
    third.send(post("/third", ""));
    third.timeout(500ms);
    CHECK(third.read().status == 0);
    a.reset();  // one closes: the third is accepted and answered
    third.timeout(5000ms);
    auto answer = third.read();
    CHECK(answer.status == 200);
    CHECK(answer.body == "POST /third ? h=yes ");
    b.send("defghij");
    CHECK(b.read().body == "POST /b ? h= abcdefghij");
}

TEST_CASE("an answer given later from another thread does not hold up other connections") {
    std::vector<std::thread> later;  // declared first: joined after the server stopped
    std::mutex mutex;
    Server server(test_options(), AsyncHandler([&](Request&& r, leadhub::http::Reply reply) {
                      if (r.path != "/later") return reply(Response::text(200, "now"));
                      std::lock_guard lock(mutex);
                      later.emplace_back([reply] {
                          std::this_thread::sleep_for(1000ms);
                          reply(Response::text(201, "later"));
                          reply(Response::text(500, "a second answer is ignored"));
                      });
                  }));
    server.start();
    Raw slow(server.port());
    auto start = Clock::now();
    slow.send(post("/later", ""));
    Raw fast(server.port());
    for (int i = 0; i < 5; ++i) {
        fast.send(post("/fast", ""));
        CHECK(fast.read().body == "now");
    }
    CHECK(Clock::now() - start < 900ms);
    auto a = slow.read();
    CHECK(a.status == 201);
    CHECK(a.body == "later");
    CHECK(Clock::now() - start >= 800ms);  // longer than the read timeout in all
    slow.send(post("/fast", ""));  // the connection goes on after the late answer
    CHECK(slow.read().body == "now");
    server.stop();
    for (auto& t : later) t.join();
}

TEST_CASE("a handler that drops its Reply unanswered yields a 500, not a hung connection") {
    Server server(test_options(), AsyncHandler([](Request&&, leadhub::http::Reply) {}));
    server.start();
    Raw c(server.port());
    c.send(post("/x", ""));
    auto a = c.read();
    CHECK(a.status == 500);
    CHECK(a.body == "internal error: the request ended without an answer");
}

TEST_CASE("stop() answers the request in progress, then refuses new connections") {
    std::atomic<bool> started{false};
    Server server(test_options(), [&](const Request&) {
        started = true;
        std::this_thread::sleep_for(300ms);
        return Response::text(200, "finished");
    });
    server.start();
    uint16_t port = server.port();
    Raw busy(port);
    Raw idle(port);
    busy.send(post("/x", ""));
    while (!started) std::this_thread::sleep_for(1ms);
    server.stop();
    auto a = busy.read();
    CHECK(a.status == 200);
    CHECK(a.body == "finished");
    CHECK(a.head.find("Connection: close") == std::string::npos);  // promised keep-alive, then closed
    CHECK(busy.closed_by_server());
    CHECK(idle.closed_by_server());
    CHECK_THROWS(Raw(port));
}

TEST_CASE("with several event loops, connections handed to each are served and stop() closes them all") {
    ServerOptions o = test_options();
    o.io_threads = 3;
    Server server(o, echo);
    server.start();
    std::vector<std::unique_ptr<Raw>> clients;
    for (int i = 0; i < 7; ++i) clients.push_back(std::make_unique<Raw>(server.port()));
    for (int round = 0; round < 2; ++round) {
        for (std::size_t i = 0; i < clients.size(); ++i) clients[i]->send(post("/loop", std::to_string(i)));
        for (std::size_t i = 0; i < clients.size(); ++i) {
            auto a = clients[i]->read();
            CHECK(a.status == 200);
            CHECK(a.body == "POST /loop ? h=yes " + std::to_string(i));
        }
    }
    server.stop();
    for (auto& c : clients) CHECK(c->closed_by_server());
}

TEST_CASE("request headers trickled a byte at a time get 408 within the read timeout of their first byte") {
    ServerOptions o = test_options();
    o.read_timeout_ms = 300;
    std::atomic<int> slow_calls{0};
    Server server(o, [&](const Request& r) {
        if (r.path == "/slow") ++slow_calls;
        return echo(r);
    });
    server.start();
    Raw slow(server.port());
    Raw other(server.port());
    // Each byte is progress, so a deadline renewed by progress never comes.
    std::string head = "GET /slow HTTP/1.1\r\nHost: t\r\nX-Pad: " + std::string(2000, 'p') + "\r\n\r\n";
    auto t = trickle(slow, head, other);
    CHECK(t.answer.status == 408);
    CHECK(t.answer.body == "the request line and headers were not received in full within 300 ms");
    CHECK(t.answer.head.find("Connection: close") != std::string::npos);
    CHECK(t.after >= 250ms);
    CHECK(t.after < 1500ms);
    CHECK(t.served >= 3);  // the loop served the other connection all along
    CHECK(t.served_right);
    CHECK(slow.closed_by_server());
    CHECK(slow_calls == 0);
    other.send(post("/after", ""));  // and goes on serving it
    CHECK(other.read().status == 200);
}

TEST_CASE("a body trickled a byte at a time gets 408 once it falls behind the minimum rate, declared or chunked") {
    ServerOptions o = test_options();
    o.read_timeout_ms = 300;
    std::atomic<int> slow_calls{0};
    Server server(o, [&](const Request& r) {
        if (r.path == "/slow") ++slow_calls;
        return echo(r);
    });
    server.start();
    const std::string body(1000, 'b');
    for (const std::string& head :
         {std::string("POST /slow HTTP/1.1\r\nHost: t\r\nContent-Length: 1000\r\n\r\n"),
          std::string("POST /slow HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n")}) {
        INFO(head);
        bool chunked = head.find("chunked") != std::string::npos;
        Raw slow(server.port());
        Raw other(server.port());
        slow.send(head);  // the headers at once: the body is what trickles, 20 bytes/s
        auto t = trickle(slow, chunked ? "3e8\r\n" + body + "\r\n0\r\n\r\n" : body, other);
        CHECK(t.answer.status == 408);
        CHECK(t.answer.body == "the request body arrived slower than 500 bytes/s");
        CHECK(t.after >= 250ms);
        CHECK(t.after < 1500ms);
        CHECK(t.served >= 3);
        CHECK(t.served_right);
        CHECK(slow.closed_by_server());
    }
    CHECK(slow_calls == 0);
}

TEST_CASE("a slow but steady request is served: headers within the read timeout, a body longer than it at a fair rate") {
    ServerOptions o = test_options();
    o.read_timeout_ms = 500;
    Server server(o, echo);
    server.start();
    Raw c(server.port());
    auto send_slowly = [&](const std::string& bytes, std::size_t pieces, std::chrono::milliseconds gap) {
        std::size_t size = (bytes.size() + pieces - 1) / pieces;
        for (std::size_t at = 0; at < bytes.size(); at += size) {
            if (at) std::this_thread::sleep_for(gap);
            c.send(bytes.substr(at, size));
        }
    };
    // Headers over ~150 ms; a body of 1600 bytes over ~700 ms (2 KB/s, above 500 bytes/s): the
    // whole request takes well over the read timeout and never pauses for it.
    std::string body(1600, 'b');
    auto start = Clock::now();
    send_slowly("POST /steady HTTP/1.1\r\nHost: t\r\nX-Test: yes\r\nContent-Length: 1600\r\n\r\n", 4, 50ms);
    send_slowly(body, 8, 100ms);
    auto a = c.read();
    CHECK(Clock::now() - start >= 800ms);  // longer than the read timeout in all
    CHECK(a.status == 200);
    CHECK(a.body == "POST /steady ? h=yes " + body);
    // The next request on the connection: its headers' time counts from its own first byte, not
    // from the previous answer (here 400 ms idle + 200 ms of headers > the read timeout).
    std::this_thread::sleep_for(400ms);
    send_slowly("GET /next HTTP/1.1\r\nHost: t\r\nX-Test: yes\r\n\r\n", 5, 50ms);
    auto next = c.read();
    CHECK(next.status == 200);
    CHECK(next.body == "GET /next ? h=yes ");
}
