// The one HTTP server of leadhub (Poco::Net). It reads each request in full, within the body size
// limit and the read timeout, and hands it to a single Handler; routing lives with the caller.
//
// Guarantees to the handler: the body is complete and at most max_body_bytes (larger bodies are
// answered 413 before the handler runs; a client that stalls past read_timeout is cut off).
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
    int64_t read_timeout_ms = 10000;
    int threads = 16;
    int max_queued = 1000;
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

using Handler = std::function<Response(const Request&)>;

class Server {
public:
    Server(ServerOptions options, Handler handler);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Binds and starts accepting; throws std::runtime_error naming the address if it cannot bind.
    void start();
    // Stops accepting and waits for requests in progress to finish.
    void stop();
    uint16_t port() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace leadhub::http
