// The outbound HTTP client against a local Poco HTTPServer on 127.0.0.1.
#include "host/http_client.hpp"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/StreamCopier.h>

#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>

#include <chrono>
#include <memory>
#include <thread>

using leadhub::host::http_perform;
namespace sdk = leadhub::sdk;
using namespace std::chrono_literals;

namespace {

class ScriptedHandler : public Poco::Net::HTTPRequestHandler {
public:
    void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override {
        const std::string path = request.getURI();
        if (path == "/ok") {
            response.set("X-Test", "yes");
            response.setContentType("text/plain; charset=utf-8");
            response.send() << "hello, Привет";
        } else if (path == "/busy") {
            response.setStatus(Poco::Net::HTTPResponse::HTTP_SERVICE_UNAVAILABLE);
            response.set("Retry-After", "120");
            response.send() << "try later";
        } else if (path == "/slow") {
            std::this_thread::sleep_for(1500ms);
            response.send() << "too late";
        } else if (path == "/trickle") {
            // Every single read is fast, but the whole answer takes ~2 s.
            response.setChunkedTransferEncoding(true);
            std::ostream& out = response.send();
            for (int i = 0; i < 20 && out; ++i) {
                out << "." << std::flush;
                std::this_thread::sleep_for(100ms);
            }
        } else if (path == "/redirect") {
            response.set("Location", "/ok");
            response.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_FOUND);
            response.send() << "moved";
        } else if (path.rfind("/echo", 0) == 0) {
            std::string body;
            Poco::StreamCopier::copyToString(request.stream(), body);
            response.set("X-Method", request.getMethod());
            response.set("X-Got-Token", request.get("X-Token", ""));
            response.send() << path << "|" << body;
        } else {
            response.setStatus(Poco::Net::HTTPResponse::HTTP_NOT_FOUND);
            response.send() << "no such path";
        }
    }
};

class ScriptedFactory : public Poco::Net::HTTPRequestHandlerFactory {
public:
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
        return new ScriptedHandler;
    }
};

// A server on an ephemeral port of 127.0.0.1 for the length of one test.
class LocalServer {
public:
    LocalServer() : socket_(Poco::Net::SocketAddress("127.0.0.1", 0)) {
        auto params = new Poco::Net::HTTPServerParams;
        params->setMaxThreads(4);
        server_ = std::make_unique<Poco::Net::HTTPServer>(new ScriptedFactory, socket_, params);
        server_->start();
    }
    ~LocalServer() { server_->stopAll(true); }
    std::string url(const std::string& path) const {
        return "http://127.0.0.1:" + std::to_string(socket_.address().port()) + path;
    }

private:
    Poco::Net::ServerSocket socket_;
    std::unique_ptr<Poco::Net::HTTPServer> server_;
};

sdk::HttpRequest get(const std::string& url, uint32_t timeout_ms = 2000) {
    sdk::HttpRequest request;
    request.method = "GET";
    request.target = url;
    request.timeout_ms = timeout_ms;
    return request;
}

// A port on 127.0.0.1 that nothing listens on (bound, then released).
uint16_t closed_port() {
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
    uint16_t port = socket.address().port();
    socket.close();
    return port;
}

}  // namespace

TEST_CASE("a 200 comes back with its body and headers", "[http]") {
    LocalServer server;
    sdk::HttpResponse response = http_perform(get(server.url("/ok")));
    CHECK(response.error.empty());
    CHECK(response.status == 200);
    CHECK(response.body == "hello, Привет");
    CHECK(response.header("x-test") == "yes");
    CHECK(response.header("Content-Type") == "text/plain; charset=utf-8");
}

TEST_CASE("a 503 passes its Retry-After through", "[http]") {
    LocalServer server;
    sdk::HttpResponse response = http_perform(get(server.url("/busy")));
    CHECK(response.status == 503);
    CHECK(response.header("Retry-After") == "120");
    CHECK(response.body == "try later");
    CHECK(response.error.empty());
}

TEST_CASE("method, headers, query and body reach the server", "[http]") {
    LocalServer server;
    sdk::HttpRequest request = get(server.url("/echo?a=1&b=%D0%AF"));
    request.method = "POST";
    request.headers["X-Token"] = "t-123";
    request.body = R"({"lead": "Анна"})";
    sdk::HttpResponse response = http_perform(request);
    CHECK(response.status == 200);
    CHECK(response.header("X-Method") == "POST");
    CHECK(response.header("X-Got-Token") == "t-123");
    CHECK(response.body == R"(/echo?a=1&b=%D0%AF|{"lead": "Анна"})");
}

TEST_CASE("redirects are returned, not followed", "[http]") {
    LocalServer server;
    sdk::HttpResponse response = http_perform(get(server.url("/redirect")));
    CHECK(response.status == 302);
    CHECK(response.header("Location") == "/ok");
    CHECK(response.body == "moved");
}

TEST_CASE("a slow server hits the timeout", "[http]") {
    LocalServer server;
    auto began = std::chrono::steady_clock::now();
    sdk::HttpResponse response = http_perform(get(server.url("/slow"), 300));
    auto took = std::chrono::steady_clock::now() - began;
    CHECK(response.status == 0);
    CHECK(response.error == "timeout after 300 ms");
    CHECK(response.body.empty());
    CHECK(took < 1200ms);
}

TEST_CASE("the timeout bounds the whole exchange, not each read", "[http]") {
    LocalServer server;
    auto began = std::chrono::steady_clock::now();
    sdk::HttpResponse response = http_perform(get(server.url("/trickle"), 500));
    auto took = std::chrono::steady_clock::now() - began;
    CHECK(response.status == 0);
    CHECK(response.error == "timeout after 500 ms");
    CHECK(took < 1500ms);

    // With enough time the same answer arrives whole.
    response = http_perform(get(server.url("/trickle"), 5000));
    CHECK(response.status == 200);
    CHECK(response.body == std::string(20, '.'));
}

TEST_CASE("a refused connection is status 0 with the reason", "[http]") {
    uint16_t port = closed_port();
    sdk::HttpResponse response = http_perform(get("http://127.0.0.1:" + std::to_string(port) + "/"));
    CHECK(response.status == 0);
    CHECK(response.error == "connection refused by 127.0.0.1:" + std::to_string(port));
}

TEST_CASE("invalid URLs are refused without a request", "[http]") {
    auto error_of = [](const std::string& url) {
        sdk::HttpResponse response = http_perform(get(url));
        CHECK(response.status == 0);
        return response.error;
    };
    CHECK(error_of("ftp://example.org/x") == "invalid URL 'ftp://example.org/x': the scheme must be http or https");
    CHECK(error_of("just words") == "invalid URL 'just words': the scheme must be http or https");
    CHECK(error_of("http:///path") == "invalid URL 'http:///path': no host");
    CHECK(error_of("") == "invalid URL '': the scheme must be http or https");
    CHECK_THAT(error_of("http://127.0.0.1:99999/"), Catch::StartsWith("invalid URL 'http://127.0.0.1:99999/': "));
}

TEST_CASE("https to a server that does not speak TLS fails cleanly", "[http]") {
    // A plain TCP peer that answers the TLS hello with HTTP text and hangs up.
    Poco::Net::ServerSocket listener(Poco::Net::SocketAddress("127.0.0.1", 0));
    const uint16_t port = listener.address().port();
    std::thread peer([&listener] {
        try {
            Poco::Net::StreamSocket connection = listener.acceptConnection();
            const std::string answer = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n";
            connection.sendBytes(answer.data(), static_cast<int>(answer.size()));
            connection.shutdown();
        } catch (...) {
        }
    });
    sdk::HttpResponse response = http_perform(get("https://127.0.0.1:" + std::to_string(port) + "/ok", 2000));
    peer.join();
    CHECK(response.status == 0);
    CHECK_THAT(response.error, Catch::StartsWith("TLS error with 127.0.0.1:" + std::to_string(port) + ": "));
    // The TLS half came from the module opened for this request, with OpenSSL behind it.
    std::ifstream maps_file("/proc/self/maps");
    const std::string maps((std::istreambuf_iterator<char>(maps_file)), std::istreambuf_iterator<char>());
    CHECK_THAT(maps, Catch::Contains("leadhub-https.so"));
    CHECK_THAT(maps, Catch::Contains("libssl"));
}
