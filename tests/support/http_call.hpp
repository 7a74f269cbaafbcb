// A blocking HTTP call for tests (Poco::Net), never throwing: status 0 when nothing answered.
#pragma once

#include <map>
#include <string>

namespace leadhub::testing {

struct HttpReply {
    int status = 0;
    std::string body;
    std::map<std::string, std::string> headers;
};

HttpReply http_call(int port, const std::string& method, const std::string& uri, const std::string& body = {},
                    const std::map<std::string, std::string>& headers = {}, int timeout_ms = 5000);

// Polls GET `uri` until it answers `status` or `timeout_ms` passes.
bool wait_for_status(int port, const std::string& uri, int status, int timeout_ms);

}  // namespace leadhub::testing
