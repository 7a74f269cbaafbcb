#include "http/server.hpp"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/ThreadPool.h>

#include <istream>
#include <stdexcept>

namespace leadhub::http {

namespace {

void send(Poco::Net::HTTPServerResponse& out, const Response& r) {
    out.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(r.status));
    out.setContentType(r.content_type);
    for (const auto& [k, v] : r.headers) out.set(k, v);
    out.setContentLength(static_cast<std::streamsize>(r.body.size()));
    out.send().write(r.body.data(), static_cast<std::streamsize>(r.body.size()));
}

void discard(std::istream& in) {
    char buffer[16384];
    while (in) in.read(buffer, sizeof buffer);
}

enum class BodyRead { ok, too_large, incomplete };

// Reads at most limit+1 bytes so an oversize chunked body is detected without buffering it all.
// Poco's streams turn a receive timeout or a reset into a bad stream rather than an exception, so
// a short body is detected by its length (or the stream state for chunked bodies).
BodyRead read_body(Poco::Net::HTTPServerRequest& request, std::size_t limit, std::string& body) {
    std::istream& in = request.stream();
    char buffer[16384];
    while (in) {
        in.read(buffer, sizeof buffer);
        body.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (body.size() > limit) return BodyRead::too_large;
    }
    if (in.bad()) return BodyRead::incomplete;
    if (request.hasContentLength() && static_cast<int64_t>(body.size()) != request.getContentLength64())
        return BodyRead::incomplete;
    return BodyRead::ok;
}

class RequestHandler : public Poco::Net::HTTPRequestHandler {
public:
    RequestHandler(const Handler& handler, const ServerOptions& options) : handler_(handler), options_(options) {}

    void handleRequest(Poco::Net::HTTPServerRequest& in, Poco::Net::HTTPServerResponse& out) override {
        try {
            if (in.hasContentLength() && in.getContentLength64() > static_cast<int64_t>(options_.max_body_bytes)) {
                // Read (and drop) a moderately oversized body first: answering while the client is
                // still sending makes the kernel reset the connection, and the client would see a
                // network error instead of the 413 that tells it what is wrong.
                if (in.getContentLength64() <= 8 * static_cast<int64_t>(options_.max_body_bytes)) discard(in.stream());
                out.setKeepAlive(false);
                send(out, Response::text(413, too_large()));
                return;
            }
            Request r;
            r.method = in.getMethod();
            const std::string& uri = in.getURI();
            auto q = uri.find('?');
            r.path = uri.substr(0, q);
            r.query = q == std::string::npos ? std::string() : uri.substr(q + 1);
            for (const auto& [k, v] : in) r.headers[k] = v;
            r.remote_addr = in.clientAddress().toString();
            switch (read_body(in, options_.max_body_bytes, r.body)) {
                case BodyRead::too_large:
                    out.setKeepAlive(false);
                    send(out, Response::text(413, too_large()));
                    return;
                case BodyRead::incomplete:
                    out.setKeepAlive(false);
                    send(out, Response::text(408, "request body not received in full"));
                    return;
                case BodyRead::ok: break;
            }
            send(out, handler_(r));
        } catch (const Poco::TimeoutException&) {
            out.setKeepAlive(false);
            if (!out.sent()) send(out, Response::text(408, "request body not received in time"));
        } catch (const Poco::Net::NetException&) {
            // The client went away mid-request: nothing was stored, nothing to answer.
        } catch (const std::exception& e) {
            if (!out.sent()) send(out, Response::text(500, std::string("internal error: ") + e.what()));
        }
    }

private:
    std::string too_large() const {
        return "request body is larger than " + std::to_string(options_.max_body_bytes) + " bytes";
    }
    const Handler& handler_;
    const ServerOptions& options_;
};

class Factory : public Poco::Net::HTTPRequestHandlerFactory {
public:
    Factory(const Handler& handler, const ServerOptions& options) : handler_(handler), options_(options) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
        return new RequestHandler(handler_, options_);
    }

private:
    const Handler& handler_;
    const ServerOptions& options_;
};

}  // namespace

struct Server::Impl {
    ServerOptions options;
    Handler handler;
    std::unique_ptr<Poco::ThreadPool> pool;
    std::unique_ptr<Poco::Net::HTTPServer> server;
    uint16_t port = 0;
};

Server::Server(ServerOptions options, Handler handler) : impl_(std::make_unique<Impl>()) {
    impl_->options = std::move(options);
    impl_->handler = std::move(handler);
}

Server::~Server() { stop(); }

void Server::start() {
    auto& o = impl_->options;
    Poco::Net::ServerSocket socket;
    try {
        // SO_REUSEADDR for quick restarts, but never SO_REUSEPORT: a second leadhub on the same port
        // must fail loudly instead of silently sharing the traffic.
        socket.bind(Poco::Net::SocketAddress(o.host, o.port), true, false);
        socket.listen(256);
    } catch (const Poco::Exception& e) {
        throw std::runtime_error("cannot listen on " + o.host + ":" + std::to_string(o.port) + ": " + e.displayText());
    }
    impl_->port = socket.address().port();
    auto* params = new Poco::Net::HTTPServerParams;
    params->setTimeout(Poco::Timespan(o.read_timeout_ms * 1000));
    params->setMaxThreads(o.threads);
    params->setMaxQueued(o.max_queued);
    params->setKeepAlive(true);
    params->setKeepAliveTimeout(Poco::Timespan(o.read_timeout_ms * 1000));
    impl_->pool = std::make_unique<Poco::ThreadPool>(2, o.threads);
    impl_->server = std::make_unique<Poco::Net::HTTPServer>(new Factory(impl_->handler, impl_->options), *impl_->pool,
                                                            socket, params);
    impl_->server->start();
}

void Server::stop() {
    if (!impl_ || !impl_->server) return;
    impl_->server->stopAll(false);
    impl_->server.reset();
    impl_->pool->joinAll();
    impl_->pool.reset();
}

uint16_t Server::port() const { return impl_->port; }

}  // namespace leadhub::http
