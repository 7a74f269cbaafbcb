#include "fake_receiver.hpp"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/StreamCopier.h>
#include <Poco/ThreadPool.h>

#include <atomic>
#include <thread>

namespace leadhub::testing {

struct FakeReceiver::Impl {
    std::function<ScriptedAnswer(int)> script;
    ScriptedBody body;
    std::atomic<int> count{0};
    mutable std::mutex mutex;
    std::vector<ReceivedCall> accepted;
    std::vector<std::string> echoed;  // header names, under `mutex`
    Poco::ThreadPool pool{4, 64};
    std::unique_ptr<Poco::Net::HTTPServer> server;
    int port = 0;
};

namespace {
class Handler : public Poco::Net::HTTPRequestHandler {
public:
    explicit Handler(FakeReceiver::Impl& impl) : impl_(impl) {}
    void handleRequest(Poco::Net::HTTPServerRequest& in, Poco::Net::HTTPServerResponse& out) override {
        std::string body;
        Poco::StreamCopier::copyToString(in.stream(), body);
        int n = ++impl_.count;
        ScriptedAnswer answer = impl_.script(n);
        if (answer.delay_ms) std::this_thread::sleep_for(std::chrono::milliseconds(answer.delay_ms));
        if (answer.status >= 200 && answer.status < 300) {
            std::lock_guard lock(impl_.mutex);
            impl_.accepted.push_back({in.get("Idempotency-Key", ""), nlohmann::json::parse(body, nullptr, false)});
        }
        out.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(answer.status));
        for (const auto& [k, v] : answer.headers) out.set(k, v);
        std::optional<std::string> scripted = impl_.body ? impl_.body(n) : std::nullopt;
        if (answer.status >= 300) {
            std::lock_guard lock(impl_.mutex);
            if (!impl_.echoed.empty()) {
                nlohmann::json echo = nlohmann::json::object();
                for (const auto& name : impl_.echoed) echo[name] = in.get(name, "");
                scripted = nlohmann::json{{"error", "invalid request"}, {"echo", echo}}.dump();
            }
        }
        std::string reply = scripted                ? *scripted
                            : answer.status < 300 ? "{\"id\": \"r" + std::to_string(n) + "\"}"
                                                  : "{\"error\": \"scripted\"}";
        out.setContentType("application/json");
        out.setContentLength(static_cast<std::streamsize>(reply.size()));
        out.send() << reply;
    }

private:
    FakeReceiver::Impl& impl_;
};

class Factory : public Poco::Net::HTTPRequestHandlerFactory {
public:
    explicit Factory(FakeReceiver::Impl& impl) : impl_(impl) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
        return new Handler(impl_);
    }

private:
    FakeReceiver::Impl& impl_;
};
}  // namespace

FakeReceiver::FakeReceiver(std::function<ScriptedAnswer(int)> script, ScriptedBody body)
    : impl_(std::make_unique<Impl>()) {
    impl_->script = std::move(script);
    impl_->body = std::move(body);
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
    impl_->port = socket.address().port();
    auto* params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(64);
    params->setMaxQueued(256);
    impl_->server = std::make_unique<Poco::Net::HTTPServer>(new Factory(*impl_), impl_->pool, socket, params);
    impl_->server->start();
}

FakeReceiver::~FakeReceiver() {
    impl_->server->stopAll(true);
    impl_->pool.joinAll();
}

int FakeReceiver::port() const { return impl_->port; }
int FakeReceiver::requests() const { return impl_->count.load(); }

void FakeReceiver::echo_headers(std::vector<std::string> names) {
    std::lock_guard lock(impl_->mutex);
    impl_->echoed = std::move(names);
}

std::vector<ReceivedCall> FakeReceiver::accepted() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->accepted;
}

}  // namespace leadhub::testing
