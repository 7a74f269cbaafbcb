// The yardstick for bench/ingest: the cheapest HTTP server Poco::Net gives, answering 200 "ok" to
// every request after reading its body. Its thread pool, queue, keep-alive and listen backlog
// are those leadhub's own server had while it was a Poco HTTPServer (until its event-driven
// front, see docs/operations.md "HTTP front"): the yardstick stays the same across rounds.
//
// Usage: leadhub_bench_bare_server PORT [THREADS]   (binds 127.0.0.1; stops on SIGINT or SIGTERM)
// THREADS is leadhub's http.threads (default 16). Poco serves a keep-alive connection on one
// thread until it closes, so a load with more connections than threads leaves the extra ones
// waiting: the benchmark passes its connection count here and in leadhub's config.
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/ThreadPool.h>

#include <cerrno>
#include <csignal>
#include <pthread.h>
#include <cstdlib>
#include <iostream>
#include <istream>
#include <string>

namespace {

// The same values leadhub uses by default (http.threads, read_timeout, the pool's minimum).
constexpr int kDefaultThreads = 16;
constexpr int kMinThreads = 2;
constexpr int kMaxQueued = 1000;
constexpr int kListenBacklog = 256;
constexpr long kTimeoutUs = 10'000'000;

class OkHandler : public Poco::Net::HTTPRequestHandler {
public:
    void handleRequest(Poco::Net::HTTPServerRequest& in, Poco::Net::HTTPServerResponse& out) override {
        // Read the body as leadhub does, so both servers move the same bytes.
        std::istream& body = in.stream();
        char buffer[16384];
        while (body.read(buffer, sizeof buffer)) {
        }
        out.setStatus(Poco::Net::HTTPResponse::HTTP_OK);
        out.setContentType("text/plain; charset=utf-8");
        out.setContentLength(2);
        out.send() << "ok";
    }
};

class OkFactory : public Poco::Net::HTTPRequestHandlerFactory {
public:
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
        return new OkHandler;
    }
};

// Parses a whole number in [min, max]; anything else is refused rather than wrapped or cut.
bool parse_number(const char* text, long min, long max, long& value) {
    char* end = nullptr;
    errno = 0;
    value = std::strtol(text, &end, 10);
    return end != text && *end == '\0' && errno == 0 && value >= min && value <= max;
}

}  // namespace

int main(int argc, char** argv) {
    long port_number = 0;
    long threads = kDefaultThreads;
    // The same range as leadhub's http.threads.
    if (argc < 2 || argc > 3 || !parse_number(argv[1], 1, 65535, port_number) ||
        (argc == 3 && !parse_number(argv[2], 1, 1024, threads))) {
        std::cerr << "usage: leadhub_bench_bare_server PORT [THREADS]   (PORT: 1..65535, binds 127.0.0.1;"
                     " THREADS: 1..1024, default "
                  << kDefaultThreads << ")\n";
        return 2;
    }
    const auto port = static_cast<Poco::UInt16>(port_number);
    // Block the stop signals in every thread (the pool's threads inherit the mask), then wait
    // for one here: a clean stop without a signal handler touching the server.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    // As leadhub run does: a client that hangs up mid-answer must not kill the server.
    std::signal(SIGPIPE, SIG_IGN);

    try {
        Poco::Net::ServerSocket socket;
        socket.bind(Poco::Net::SocketAddress("127.0.0.1", port), true, false);
        socket.listen(kListenBacklog);
        auto* params = new Poco::Net::HTTPServerParams;
        params->setTimeout(Poco::Timespan(kTimeoutUs));
        params->setMaxThreads(static_cast<int>(threads));
        params->setMaxQueued(kMaxQueued);
        params->setKeepAlive(true);
        params->setKeepAliveTimeout(Poco::Timespan(kTimeoutUs));
        Poco::ThreadPool pool(kMinThreads, static_cast<int>(threads));
        Poco::Net::HTTPServer server(new OkFactory, pool, socket, params);
        server.start();
        std::cout << "bare server listening on 127.0.0.1:" << port << " with " << threads << " threads" << std::endl;
        int received = 0;
        sigwait(&stop_signals, &received);
        server.stopAll(false);
        pool.joinAll();
    } catch (const Poco::Exception& e) {
        std::cerr << "bare server: cannot serve on 127.0.0.1:" << port << ": " << e.displayText() << "\n";
        return 1;
    }
    return 0;
}
