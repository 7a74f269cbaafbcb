#include "http_call.hpp"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <chrono>
#include <thread>

namespace leadhub::testing {

HttpReply http_call(int port, const std::string& method, const std::string& uri, const std::string& body,
                    const std::map<std::string, std::string>& headers, int timeout_ms) {
    HttpReply reply;
    try {
        Poco::Net::HTTPClientSession s("127.0.0.1", static_cast<Poco::UInt16>(port));
        s.setTimeout(Poco::Timespan(timeout_ms * 1000LL));
        Poco::Net::HTTPRequest req(method, uri, Poco::Net::HTTPMessage::HTTP_1_1);
        for (const auto& [k, v] : headers) req.set(k, v);
        req.setContentLength(static_cast<std::streamsize>(body.size()));
        s.sendRequest(req) << body;
        Poco::Net::HTTPResponse resp;
        std::istream& in = s.receiveResponse(resp);
        Poco::StreamCopier::copyToString(in, reply.body);
        reply.status = resp.getStatus();
        for (const auto& [k, v] : resp) reply.headers[k] = v;
    } catch (const std::exception&) {
        reply.status = 0;
    }
    return reply;
}

bool wait_for_status(int port, const std::string& uri, int status, int timeout_ms) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (std::chrono::steady_clock::now() < deadline) {
        if (http_call(port, "GET", uri, {}, {}, 1000).status == status) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    return false;
}

}  // namespace leadhub::testing
