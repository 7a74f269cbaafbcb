// A fake HTTP server for plugin tests: a queue of recorded responses per method and path, and a
// log of the requests it received, for assertions. It answers in two ways:
//  - over the network, on 127.0.0.1 and an ephemeral port, from its own thread (one more thread
//    per connection, HTTP/1.1 with keep-alive, Content-Length or chunked bodies): for code that
//    makes real connections, e.g. the hub's HTTP client under a test of the real binary;
//  - in-process, as a FakeHost's outbound HTTP (`host.on_http = server.handler()`), for a plugin
//    driven by the test kit, whose outbound calls go through the host.
//
//   FakeHttpServer crm;
//   crm.respond("POST", "/api/leads", {201, {{"Content-Type", "application/json"}}, R"({"id": 7})"});
//   crm.respond("POST", "/api/leads", {503, {}, "busy", std::chrono::milliseconds(200)});
//   ... plugin.create("crm", {{"url", crm.url("/api/leads")}}) ...
//   CHECK(crm.requests().at(0).header("Idempotency-Key") == "lead-1");
//
// Responses of a route are used in order; the last one then answers every further request. A
// request to a route with none gets 404 and is logged all the same.
//
// Written on POSIX sockets rather than Poco: the SDK is header-only and its only dependency is
// nlohmann json, so a plugin author's tests need nothing more than the SDK and Catch2.
#pragma once

#include <leadhub/sdk/types.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace leadhub::sdk::testing {

struct RecordedResponse {
    int status = 200;
    Headers headers;
    std::string body;
    std::chrono::milliseconds delay{0};  // waited before answering, e.g. to make a client time out
};

class FakeHttpServer {
public:
    FakeHttpServer() {
        listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (listener_ < 0) throw std::runtime_error("FakeHttpServer: socket: " + std::string(std::strerror(errno)));
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = 0;  // ephemeral: parallel tests never collide
        socklen_t length = sizeof(address);
        if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 || ::listen(listener_, 64) != 0 ||
            ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
            const std::string why = std::strerror(errno);
            ::close(listener_);
            throw std::runtime_error("FakeHttpServer: cannot listen on 127.0.0.1: " + why);
        }
        port_ = ntohs(address.sin_port);
        acceptor_ = std::thread([this] { accept_loop(); });
    }
    ~FakeHttpServer() { stop(); }
    FakeHttpServer(const FakeHttpServer&) = delete;
    FakeHttpServer& operator=(const FakeHttpServer&) = delete;

    int port() const { return port_; }
    // "http://127.0.0.1:<port>" followed by `path`.
    std::string url(const std::string& path = "") const { return "http://127.0.0.1:" + std::to_string(port_) + path; }

    // Adds a response to the queue of `method` `path` (the path without the query).
    void respond(const std::string& method, const std::string& path, RecordedResponse response) {
        std::lock_guard lock(mutex_);
        routes_[method + " " + path].push_back(std::move(response));
    }

    // The requests received so far, in order: method, target (the path), query, headers, body.
    std::vector<HttpRequest> requests() const {
        std::lock_guard lock(mutex_);
        return requests_;
    }
    std::size_t request_count() const {
        std::lock_guard lock(mutex_);
        return requests_.size();
    }

    // The same answers in-process, for FakeHost::on_http: `target` is the full URL the plugin
    // called; the delay is waited too.
    std::function<HttpResponse(const HttpRequest&)> handler() {
        return [this](const HttpRequest& call) {
            HttpRequest request = call;
            std::string target = call.target;
            if (auto scheme = target.find("://"); scheme != std::string::npos) {
                auto slash = target.find('/', scheme + 3);
                target = slash == std::string::npos ? "/" : target.substr(slash);
            }
            split_target(target, request);
            RecordedResponse answer = serve(request);
            std::this_thread::sleep_for(answer.delay);
            HttpResponse out;
            out.status = answer.status;
            out.headers = answer.headers;
            out.body = answer.body;
            return out;
        };
    }

    // Stops listening, ends every connection and joins the threads. Called by the destructor.
    void stop() {
        if (stopping_.exchange(true)) return;
        if (acceptor_.joinable()) acceptor_.join();
        ::close(listener_);
        std::vector<std::thread> connections;
        {
            std::lock_guard lock(mutex_);
            connections.swap(connections_);
        }
        for (auto& t : connections) t.join();
    }

private:
    static void split_target(const std::string& target, HttpRequest& request) {
        auto question = target.find('?');
        request.target = target.substr(0, question);
        request.query = question == std::string::npos ? "" : target.substr(question + 1);
    }

    // Logs the request and takes its route's next response.
    RecordedResponse serve(const HttpRequest& request) {
        std::lock_guard lock(mutex_);
        requests_.push_back(request);
        auto route = routes_.find(request.method + " " + request.target);
        if (route == routes_.end() || route->second.empty())
            return {404, {{"Content-Type", "text/plain"}}, "FakeHttpServer: no response recorded for " + request.method + " " + request.target, {}};
        RecordedResponse answer = route->second.front();
        if (route->second.size() > 1) route->second.pop_front();
        return answer;
    }

    void accept_loop() {
        while (!stopping_) {
            pollfd ready{listener_, POLLIN, 0};
            if (::poll(&ready, 1, 50) <= 0) continue;
            int client = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
            if (client < 0) continue;
            timeval tick{0, 50 * 1000};  // reads wake up to notice stop()
            ::setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &tick, sizeof(tick));
            std::lock_guard lock(mutex_);
            connections_.emplace_back([this, client] {
                try {
                    serve_connection(client);
                } catch (const std::exception&) {
                    // a request the fake cannot read (a bad chunk size): the connection ends, as it would on a real server
                }
                ::close(client);
            });
        }
    }

    // Reads until `buffer` holds `wanted` bytes past `from`; false when the peer closed or on stop.
    bool fill(int fd, std::string& buffer, std::size_t wanted) {
        char chunk[8192];
        while (buffer.size() < wanted) {
            ssize_t n = ::recv(fd, chunk, sizeof(chunk), 0);
            if (n > 0) buffer.append(chunk, static_cast<std::size_t>(n));
            else if (n == 0) return false;
            else if ((errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) && !stopping_) continue;
            else return false;
        }
        return true;
    }

    // Reads until `buffer` contains `marker`; returns its position or npos.
    std::size_t fill_until(int fd, std::string& buffer, const std::string& marker, std::size_t from = 0) {
        for (;;) {
            auto at = buffer.find(marker, from);
            if (at != std::string::npos) return at;
            if (buffer.size() > (1u << 20)) return std::string::npos;  // a test never sends a megabyte of headers
            if (!fill(fd, buffer, buffer.size() + 1)) return std::string::npos;
        }
    }

    static std::string lower(std::string s) {
        for (auto& c : s) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
        return s;
    }

    // Reads one request from the front of `buffer` (and the socket); false at the end of the connection.
    bool read_request(int fd, std::string& buffer, HttpRequest& request) {
        auto head_end = fill_until(fd, buffer, "\r\n\r\n");
        if (head_end == std::string::npos) return false;
        const std::string head = buffer.substr(0, head_end);
        buffer.erase(0, head_end + 4);
        auto line_end = head.find("\r\n");
        const std::string line = head.substr(0, line_end);
        auto first = line.find(' '), second = line.rfind(' ');
        if (first == std::string::npos || second == first) return false;
        request.method = line.substr(0, first);
        split_target(line.substr(first + 1, second - first - 1), request);
        for (std::size_t at = line_end; at != std::string::npos && at < head.size();) {
            auto next = head.find("\r\n", at + 2);
            const std::string field = head.substr(at + 2, next == std::string::npos ? std::string::npos : next - at - 2);
            at = next;
            auto colon = field.find(':');
            if (colon == std::string::npos) continue;
            auto value = field.substr(colon + 1);
            while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.erase(0, 1);
            request.headers[field.substr(0, colon)] = value;
        }
        if (lower(request.header("Transfer-Encoding")).find("chunked") != std::string::npos) {
            for (;;) {
                auto size_end = fill_until(fd, buffer, "\r\n");
                if (size_end == std::string::npos) return false;
                const std::size_t size = std::stoul(buffer.substr(0, size_end), nullptr, 16);
                buffer.erase(0, size_end + 2);
                if (size == 0) {  // the last chunk, then trailers up to an empty line
                    auto end = fill_until(fd, buffer, "\r\n");
                    while (end != 0 && end != std::string::npos) {
                        buffer.erase(0, end + 2);
                        end = fill_until(fd, buffer, "\r\n");
                    }
                    if (end == std::string::npos) return false;
                    buffer.erase(0, 2);
                    return true;
                }
                if (!fill(fd, buffer, size + 2)) return false;
                request.body += buffer.substr(0, size);
                buffer.erase(0, size + 2);
            }
        }
        const std::string length = request.header("Content-Length");
        const std::size_t size = length.empty() ? 0 : std::stoul(length);
        if (!fill(fd, buffer, size)) return false;
        request.body = buffer.substr(0, size);
        buffer.erase(0, size);
        return true;
    }

    void serve_connection(int fd) {
        std::string buffer;
        while (!stopping_) {
            HttpRequest request;
            request.remote_addr = "127.0.0.1";
            if (!read_request(fd, buffer, request)) return;
            RecordedResponse answer = serve(request);
            for (auto waited = std::chrono::milliseconds(0); waited < answer.delay && !stopping_; waited += std::chrono::milliseconds(10))
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
            const bool close = lower(request.header("Connection")) == "close";
            std::string out = "HTTP/1.1 " + std::to_string(answer.status) + " Fake\r\n";
            for (const auto& [name, value] : answer.headers)
                if (lower(name) != "content-length" && lower(name) != "connection") out += name + ": " + value + "\r\n";
            out += "Content-Length: " + std::to_string(answer.body.size()) + "\r\n";
            out += close ? "Connection: close\r\n\r\n" : "Connection: keep-alive\r\n\r\n";
            out += answer.body;
            for (std::size_t sent = 0; sent < out.size();) {
                ssize_t n = ::send(fd, out.data() + sent, out.size() - sent, MSG_NOSIGNAL);
                if (n <= 0) return;
                sent += static_cast<std::size_t>(n);
            }
            if (close) return;
        }
    }

    int listener_ = -1;
    int port_ = 0;
    std::atomic<bool> stopping_{false};
    std::thread acceptor_;
    mutable std::mutex mutex_;
    std::map<std::string, std::deque<RecordedResponse>> routes_;
    std::vector<HttpRequest> requests_;
    std::vector<std::thread> connections_;
};

}  // namespace leadhub::sdk::testing
