// The HTTP front against the clients an attacker or a careless program would be: requests
// smuggled past the framing rules, chunk extensions without end, half-closed requests, floods of
// idle and slow connections. Each case asserts the answer, that another client is served at
// once, and where it matters the descriptors the server holds.
#include <leadhub/sdk/testing/eventually.hpp>
#include <catch2/catch.hpp>

#include "http/open_files_limit.hpp"
#include "http/request_reader.hpp"
#include "http/server.hpp"
#include "server_fixtures.hpp"

#include <sys/resource.h>
#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <thread>
#include <vector>

using namespace leadhub::http;
using namespace leadhub::http::test;
using namespace std::chrono_literals;
using leadhub::http::detail::max_framing_bytes;
using Clock = std::chrono::steady_clock;

namespace {

// Descriptors this process holds: the server's sockets among them.
std::size_t open_descriptors() {
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator("/proc/self/fd")) ++n;
    return n;
}

using leadhub::sdk::testing::eventually;  // the test kit's polling, the one of every test

// A counting echo: how many requests reached the handler.
struct Counted {
    std::atomic<int> calls{0};
    Handler handler() {
        return [this](const Request& r) {
            ++calls;
            return echo(r);
        };
    }
};

// Served at once: a request on a fresh connection answered within `limit`.
bool served_promptly(uint16_t port, std::chrono::milliseconds limit = 1000ms) {
    auto start = Clock::now();
    Raw c(port);
    c.timeout(limit);
    c.send(post("/ok", "1"));
    auto a = c.read();
    return a.status == 200 && a.body == "POST /ok ? h=yes 1" && Clock::now() - start < limit;
}

}  // namespace

TEST_CASE("a Transfer-Encoding written with a space before its colon is refused, and the body is never read as a request") {
    Counted counted;
    Server server(test_options(), counted.handler());
    server.start();
    // The probe's request: a framing header Poco took under another name, a body that is a
    // second request.
    std::string smuggled = "GET /hooks/demo/site HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n";
    std::string body = "0\r\n\r\n" + smuggled;
    Raw c(server.port());
    c.send("POST /a HTTP/1.1\r\nHost: t\r\nContent-Length: " + std::to_string(body.size()) +
           "\r\nTransfer-Encoding : chunked\r\n\r\n" + body);
    auto a = c.read();
    CHECK(a.status == 400);
    CHECK(a.body == "malformed headers: whitespace between the header name 'Transfer-Encoding' and its colon");
    CHECK(c.read().status == 0);  // no second answer: the body was not taken as a request
    CHECK(c.closed_by_server());
    for (const std::string& bad :
         {std::string("POST /a HTTP/1.1\r\nHost: t\r\nX: 1\r\n Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\nhello"),
          std::string("POST /a HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
          std::string("POST /a HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n"),
          std::string("POST /a HTTP/1.1\r\nHost: t\r\nbroken header line\r\n\r\n")}) {
        INFO(bad);
        Raw r(server.port());
        r.send(bad);
        CHECK(r.read().status == 400);
        CHECK(r.closed_by_server());
    }
    CHECK(counted.calls == 0);
    CHECK(served_promptly(server.port()));
}

TEST_CASE("chunk extensions without end get 413 once the framing passes its bound, and others are served meanwhile") {
    ServerOptions o = test_options();
    o.max_body_bytes = 64 * 1024;
    Counted counted;
    Server server(o, counted.handler());
    server.start();
    Raw flood(server.port());
    flood.send("POST /x HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n");
    // A kilobyte of extension per byte of data, 100 chunks per write.
    std::string chunk = "1;" + std::string(1000, 'e') + "\r\nx\r\n";
    std::string batch;
    for (int i = 0; i < 100; ++i) batch += chunk;
    std::size_t sent = 0;
    // Before the bound, the 413 came only after 64 KiB of data, i.e. 64 MiB of raw bytes.
    while (sent < (32u << 20) && flood.try_send(batch)) {
        sent += batch.size();
        if (flood.socket.poll(Poco::Timespan(0), Poco::Net::Socket::SELECT_READ)) break;  // answered already
    }
    auto a = flood.read();
    CHECK(a.status == 413);
    CHECK_THAT(a.body, Catch::Contains("framing"));
    // What was sent before the answer came back: the bound plus what the sockets' buffers held.
    CHECK(sent < max_framing_bytes({o.max_header_bytes, o.max_body_bytes}) + (8u << 20));
    CHECK(counted.calls == 0);
    CHECK(served_promptly(server.port()));
}

TEST_CASE("a half-sent request whose client closes or resets frees its connection at once") {
    ServerOptions o = test_options();
    o.read_timeout_ms = 30000;  // the old behaviour held each one this long
    o.keep_alive_timeout_ms = 30000;
    Counted counted;
    Server server(o, counted.handler());
    server.start();
    std::size_t before = open_descriptors();
    for (int i = 0; i < 100; ++i) {
        Raw c(server.port());
        c.send("POST /x HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\npart");
        if (i % 2 == 0) {
            c.socket.shutdownSend();  // FIN after the partial request
            c.socket.close();
        } else {
            c.socket.setLinger(true, 0);  // RST
            c.socket.close();
        }
    }
    auto start = Clock::now();
    bool freed = eventually([&] { return open_descriptors() <= before; }, 2000ms);
    INFO("descriptors before " << before << ", now " << open_descriptors());
    CHECK(freed);
    CHECK(Clock::now() - start < 2000ms);
    CHECK(counted.calls == 0);  // nothing half-received reached the handler
    CHECK(served_promptly(server.port()));
}

TEST_CASE("a request sent whole and then half-closed is still answered") {
    Server server(test_options(), echo);
    server.start();
    Raw c(server.port());
    c.send(post("/whole", "body"));
    c.socket.shutdownSend();
    auto a = c.read();
    CHECK(a.status == 200);
    CHECK(a.body == "POST /whole ? h=yes body");
    CHECK(c.closed_by_server());
}

TEST_CASE("at the connection cap the oldest idle keep-alive connection makes room for a new one") {
    ServerOptions o = test_options();
    o.max_connections = 20;
    o.max_connections_per_client = 0;
    o.keep_alive_timeout_ms = 30000;
    Server server(o, echo);
    server.start();
    std::vector<std::unique_ptr<Raw>> idle;
    for (int i = 0; i < 60; ++i) idle.push_back(std::make_unique<Raw>(server.port()));  // connect, send nothing
    auto start = Clock::now();
    CHECK(served_promptly(server.port(), 2000ms));
    INFO("served after " << std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count() << " ms");
    // The first ones were closed to make room; the newest are still open.
    idle[0]->timeout(2000ms);
    CHECK(idle[0]->closed_by_server());
    idle.back()->timeout(200ms);
    CHECK_FALSE(idle.back()->closed_by_server());
    idle.back()->timeout(5000ms);
    idle.back()->send(post("/late", "x"));
    CHECK(idle.back()->read().body == "POST /late ? h=yes x");
}

TEST_CASE("one client address cannot take more than its share of connections, idle or slow") {
    ServerOptions o = test_options();
    o.max_connections = 100;
    o.max_connections_per_client = 5;
    o.read_timeout_ms = 30000;
    o.keep_alive_timeout_ms = 30000;
    Server server(o, echo);
    server.start();
    std::vector<std::unique_ptr<Raw>> held;
    for (int i = 0; i < 5; ++i) {
        held.push_back(std::make_unique<Raw>(server.port(), "127.0.0.2"));
        if (i % 2) held.back()->send("POST /slow HTTP/1.1\r\nHost: t\r\n");  // slowloris: headers never end
    }
    std::this_thread::sleep_for(100ms);
    Raw over(server.port(), "127.0.0.2");
    over.send(post("/over", "x"));
    auto refused = over.read();
    CHECK(refused.status == 503);
    CHECK(refused.body == "too many open connections from your address");
    CHECK(refused.head.find("Retry-After: 1") != std::string::npos);
    CHECK(over.closed_by_server());
    CHECK(served_promptly(server.port()));  // another address is served
    held[0].reset();  // one of its own closes: the address may connect again
    CHECK(eventually(
        [&] {
            Raw again(server.port(), "127.0.0.2");
            again.timeout(1000ms);
            again.send(post("/again", "y"));
            return again.read().status == 200;
        },
        2000ms));
}

TEST_CASE("without a configured cap the server takes as many connections as the raised open-files limit allows") {
    CHECK(leadhub::http::detail::automatic_max_connections(1024) == 768);
    CHECK(leadhub::http::detail::automatic_max_connections(4096) == 3072);
    CHECK(leadhub::http::detail::automatic_max_connections(1L << 20) == 100000);
    CHECK(leadhub::http::detail::automatic_max_connections(100) == 64);
    ServerOptions o = test_options();
    o.max_connections = 0;
    Server server(o, echo);
    server.start();
    rlimit limit{};
    REQUIRE(::getrlimit(RLIMIT_NOFILE, &limit) == 0);
    CHECK(limit.rlim_cur == limit.rlim_max);  // the soft limit was raised to the hard one
    CHECK(server.max_connections() == leadhub::http::detail::automatic_max_connections(static_cast<long>(limit.rlim_cur)));
    CHECK(served_promptly(server.port()));
}
