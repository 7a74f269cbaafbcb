#include "http/server.hpp"

#include "http/io_loop.hpp"
#include "http/open_files_limit.hpp"
#include "http/worker_pool.hpp"

#include <Poco/Net/ServerSocket.h>

#include <algorithm>
#include <stdexcept>

namespace leadhub::http {

namespace {

constexpr int kListenBacklog = 512;

void run_handler(const AsyncHandler& handler, Request&& request, const Reply& reply) {
    try {
        handler(std::move(request), reply);
    } catch (const std::exception& e) {
        reply(Response::text(500, std::string("internal error: ") + e.what()));  // ignored if it answered
    } catch (...) {
        reply(Response::text(500, "internal error"));
    }
}

}  // namespace

struct Server::Impl {
    ServerOptions options;
    AsyncHandler handler;
    Poco::Net::ServerSocket listener;
    std::unique_ptr<detail::WorkerPool> workers;
    std::vector<std::unique_ptr<detail::IoLoop>> loops;
    std::unique_ptr<detail::ConnectionBudget> budget;
    uint16_t port = 0;
    bool running = false;
};

Server::Server(ServerOptions options, AsyncHandler handler) : impl_(std::make_unique<Impl>()) {
    impl_->options = std::move(options);
    impl_->handler = std::move(handler);
}

Server::Server(ServerOptions options, Handler handler)
    : Server(std::move(options), AsyncHandler([handler = std::move(handler)](Request&& request, Reply reply) {
                 reply(handler(request));
             })) {}

Server::~Server() { stop(); }

void Server::start() {
    auto& o = impl_->options;
    long open_files = detail::raise_open_files_limit();
    if (o.max_connections < 1) o.max_connections = detail::automatic_max_connections(open_files);
    impl_->budget = std::make_unique<detail::ConnectionBudget>(o.max_connections, std::max(0, o.max_connections_per_client));
    try {
        // SO_REUSEADDR for quick restarts, but never SO_REUSEPORT: a second leadhub on the same port
        // must fail loudly instead of silently sharing the traffic.
        impl_->listener.bind(Poco::Net::SocketAddress(o.host, o.port), true, false);
        impl_->listener.listen(kListenBacklog);
        impl_->listener.setBlocking(false);
    } catch (const Poco::Exception& e) {
        throw std::runtime_error("cannot listen on " + o.host + ":" + std::to_string(o.port) + ": " + e.displayText());
    }
    impl_->port = impl_->listener.address().port();
    impl_->workers = std::make_unique<detail::WorkerPool>(o.threads, "lh-http-work");
    Impl* impl = impl_.get();
    auto dispatch = [impl, jobs = std::vector<detail::WorkerPool::Job>()](detail::IoLoop::Ready& ready) mutable {
        for (auto& [request, reply] : ready)
            jobs.emplace_back([impl, request = std::move(request), reply = std::move(reply)]() mutable {
                run_handler(impl->handler, std::move(request), reply);
            });
        impl->workers->post_all(jobs);
    };
    int loops = o.io_threads > 0 ? o.io_threads : 1;
    std::vector<detail::IoLoop*> peers;
    for (int i = 0; i < loops; ++i) {
        impl_->loops.push_back(std::make_unique<detail::IoLoop>(impl_->options, dispatch, *impl_->budget, i));
        peers.push_back(impl_->loops.back().get());
    }
    for (int i = 0; i < loops; ++i) impl_->loops[i]->start(i == 0 ? impl_->listener.impl()->sockfd() : -1, peers);
    impl_->running = true;
}

void Server::stop() {
    if (!impl_ || !impl_->running) return;
    impl_->running = false;
    // The loops wait for the answers of the requests in progress, which the workers (and, for
    // webhooks, the store's writer) still give; then the workers finish whatever is queued.
    for (auto& loop : impl_->loops) loop->request_stop();
    for (auto& loop : impl_->loops) loop->join();
    impl_->workers->stop();
    impl_->loops.clear();
    impl_->workers.reset();
    impl_->listener.close();
}

uint16_t Server::port() const { return impl_->port; }

int Server::max_connections() const { return impl_->options.max_connections; }

}  // namespace leadhub::http
