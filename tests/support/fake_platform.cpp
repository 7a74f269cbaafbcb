#include "fake_platform.hpp"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/StreamCopier.h>
#include <Poco/ThreadPool.h>

#include <mutex>

namespace leadhub::testing {

struct FakePlatform::Impl {
    Handler handler;
    mutable std::mutex mutex;
    std::vector<PlatformCall> calls;  // under `mutex`
    Poco::ThreadPool pool{2, 32};
    std::unique_ptr<Poco::Net::HTTPServer> server;
    int port = 0;
};

std::string form_decode(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '+') {
            out += ' ';
        } else if (text[i] == '%' && i + 2 < text.size()) {
            out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

nlohmann::json PlatformCall::json() const { return nlohmann::json::parse(body, nullptr, false); }

std::map<std::string, std::string> PlatformCall::form() const {
    std::map<std::string, std::string> out;
    std::size_t start = 0;
    while (start <= body.size()) {
        std::size_t end = body.find('&', start);
        if (end == std::string::npos) end = body.size();
        std::string pair = body.substr(start, end - start);
        if (!pair.empty()) {
            std::size_t eq = pair.find('=');
            out[form_decode(pair.substr(0, eq))] = eq == std::string::npos ? "" : form_decode(pair.substr(eq + 1));
        }
        start = end + 1;
    }
    return out;
}

namespace {
class CallHandler : public Poco::Net::HTTPRequestHandler {
public:
    explicit CallHandler(FakePlatform::Impl& impl) : impl_(impl) {}
    void handleRequest(Poco::Net::HTTPServerRequest& in, Poco::Net::HTTPServerResponse& out) override {
        PlatformCall call;
        call.method = in.getMethod();
        const std::string& uri = in.getURI();
        std::size_t q = uri.find('?');
        call.path = uri.substr(0, q);
        call.query = q == std::string::npos ? "" : uri.substr(q + 1);
        call.content_type = in.getContentType();
        call.authorization = in.get("Authorization", "");
        Poco::StreamCopier::copyToString(in.stream(), call.body);
        {
            std::lock_guard lock(impl_.mutex);
            impl_.calls.push_back(call);
        }
        // Outside the lock: a handler may wait (a long poll with nothing new).
        PlatformAnswer answer = impl_.handler(call);
        out.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(answer.status));
        out.setContentType(answer.content_type);
        for (const auto& [name, value] : answer.headers) out.set(name, value);
        if (answer.drop) {
            out.setKeepAlive(false);
            out.setContentLength(static_cast<std::streamsize>(answer.body.size() + 64));
            out.send().flush();  // the headers only: the client reads a body that never comes
            return;
        }
        out.setContentLength(static_cast<std::streamsize>(answer.body.size()));
        out.send() << answer.body;
    }

private:
    FakePlatform::Impl& impl_;
};

class PlatformHandlerFactory : public Poco::Net::HTTPRequestHandlerFactory {
public:
    explicit PlatformHandlerFactory(FakePlatform::Impl& impl) : impl_(impl) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
        return new CallHandler(impl_);
    }

private:
    FakePlatform::Impl& impl_;
};
}  // namespace

FakePlatform::FakePlatform(Handler handler) : impl_(std::make_unique<Impl>()) {
    impl_->handler = std::move(handler);
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
    impl_->port = socket.address().port();
    auto params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(16);
    impl_->server = std::make_unique<Poco::Net::HTTPServer>(new PlatformHandlerFactory(*impl_), impl_->pool, socket, params);
    impl_->server->start();
}

FakePlatform::~FakePlatform() { impl_->server->stopAll(true); }

int FakePlatform::port() const { return impl_->port; }
std::string FakePlatform::url() const { return "http://127.0.0.1:" + std::to_string(impl_->port); }

std::vector<PlatformCall> FakePlatform::calls() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->calls;
}

std::vector<PlatformCall> FakePlatform::calls_to(const std::string& suffix) const {
    std::vector<PlatformCall> out;
    for (auto& call : calls())
        if (call.path.size() >= suffix.size() && call.path.compare(call.path.size() - suffix.size(), suffix.size(), suffix) == 0)
            out.push_back(call);
    return out;
}

}  // namespace leadhub::testing
