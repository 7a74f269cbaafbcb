// The one HTTP server of leadhub: event-driven HTTP/1.1 on raw Linux epoll + eventfd for the
// loop, Boost.Beast's parser for the requests (fed by the loop; no Beast or Asio I/O) and
// Poco::Net for the listening socket's address.
//
// Why event-driven: a webhook is answered only after its message is committed (invariant 1), so
// a request waits ~1-5 ms for the next group commit. A thread per connection slept through that
// wait and was woken for it (two thirds of the kernel's time under load went to those wake-ups);
// here a waiting request is a parked connection, and a commit's callback queues the answers of
// its whole group to the loop with one eventfd write.
//
// Threads: `io_threads` loops (default 1) own the sockets: accept, read, parse, write; they run
// no handler code. Handlers run on `threads` worker threads (default 4), so a slow admin query
// or a slow plugin never stalls the loop; an asynchronous handler returns early and answers
// later from any thread through its Reply.
//
// Guarantees to the handler: the body is complete and at most max_body_bytes (larger bodies are
// answered 413 before the handler runs), decoded when it came chunked. One request per
// connection is in flight at a time; pipelined requests wait in the connection's buffer and are
// answered in order. See docs/operations.md ("HTTP front") for the limits and timeouts.
#pragma once

#include <leadhub/sdk/types.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace leadhub::http {

struct ServerOptions {
    std::string host = "127.0.0.1";
    uint16_t port = 8080;  // 0: pick a free port (tests)
    std::size_t max_body_bytes = 1 << 20;
    std::size_t max_header_bytes = 64 * 1024;  // request line + headers; more -> 431
    // Reading a request (else 408 and close): its request line and headers must arrive within
    // this from its first byte; its body may pause at most this long between reads and gets this
    // plus 1 s per 500 bytes received in all. Also bounds a stalled write. See io_loop.cpp.
    int64_t read_timeout_ms = 10000;
    // An idle keep-alive connection is closed after this.
    int64_t keep_alive_timeout_ms = 10000;
    int threads = 4;     // handler (worker) threads
    int io_threads = 1;  // event loops; connections are spread round-robin
    // Open connections at most. 0: as many as the open-files limit allows (raised to its hard
    // limit at start; see open_files_limit.hpp). At the cap the oldest idle keep-alive connection
    // is closed to make room; with none idle, new connections wait in the listen backlog.
    int max_connections = 0;
    // Open connections from one client address at most (0: no such cap); a connection beyond it
    // is answered 503 with Retry-After and closed. Behind a reverse proxy every connection comes
    // from the proxy's address: raise it or set 0 there, and cap clients in the proxy.
    int max_connections_per_client = 256;
};

struct Request {
    std::string method;
    std::string path;   // decoded of nothing: exactly as sent, without the query
    std::string query;  // raw, without '?'
    sdk::Headers headers;
    std::string body;
    std::string remote_addr;

    std::string header(const std::string& name) const {
        auto it = headers.find(name);
        return it == headers.end() ? std::string() : it->second;
    }
};

struct Response {
    int status = 200;
    std::string content_type = "text/plain; charset=utf-8";
    std::string body;
    sdk::Headers headers;

    static Response text(int status, std::string body) { return {status, "text/plain; charset=utf-8", std::move(body), {}}; }
    static Response json(int status, const nlohmann::json& body) {
        return {status, "application/json", sdk::dump(body), {}};
    }
};

// The way to answer one request, from any thread, once: the first call sends the response and
// later calls are ignored. Copies share the request; when the last copy goes away unanswered,
// the client gets a 500 (a handler that forgets to answer cannot hang a connection). Answering
// a request whose client went away (or after the server stopped) does nothing.
class Reply {
public:
    struct State;
    Reply() = default;
    explicit Reply(std::shared_ptr<State> state) : state_(std::move(state)) {}
    void operator()(const Response& response) const;
    explicit operator bool() const { return state_ != nullptr; }

private:
    std::shared_ptr<State> state_;
};

// Runs on a worker thread; answers now or later through `reply`. An exception thrown before
// answering becomes a 500 naming it.
using AsyncHandler = std::function<void(Request&& request, Reply reply)>;
// The synchronous form: runs on a worker thread, its result is the answer.
using Handler = std::function<Response(const Request&)>;

class Server {
public:
    Server(ServerOptions options, AsyncHandler handler);
    Server(ServerOptions options, Handler handler);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Binds and starts accepting; throws std::runtime_error naming the address if it cannot bind.
    void start();
    // Stops accepting, closes idle connections, answers the requests in progress (their
    // handlers finish and reply) and then closes their connections too.
    void stop();
    uint16_t port() const;
    // The connection cap in force (after start: the automatic one when the options set none).
    int max_connections() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace leadhub::http
