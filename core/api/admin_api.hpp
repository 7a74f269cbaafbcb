// /api/...: the operator's API, behind `Authorization: Bearer <admin.token>`. Its endpoints are a
// table of {method, pattern, handler} (admin_endpoints.hpp); this is what they share: the token
// check, finding the endpoint of a path, and the 401, 404 and 405 answers.
#pragma once

#include "config/config.hpp"
#include "http/server.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace leadhub::app {

// One admin request, as its endpoint's handler sees it.
struct AdminCall {
    const http::Request& request;
    std::vector<int64_t> ids;                                  // the pattern's {id}s, in order
    std::vector<std::pair<std::string, std::string>> query;   // ?name=value&..., decoded
    const config::Config& config;                             // the running config (staff names)
    int64_t now_ms;
};

using AdminHandler = std::function<http::Response(const AdminCall&)>;

struct AdminEndpoint {
    std::string method;   // "GET" or "POST"
    std::string pattern;  // e.g. "/api/leads/{id}/take": {id} is a whole number of 1 to 18 digits
    AdminHandler handler;
};

// {"error": message}, every control character of the message escaped: many errors quote what the
// client sent (a parameter, a path, a status), and whoever prints the answer must get one
// readable line.
http::Response admin_error(int status, const std::string& message);

class AdminApi {
public:
    explicit AdminApi(std::vector<AdminEndpoint> endpoints) : endpoints_(std::move(endpoints)) {}

    // 404 when admin.enabled is false; 401 without the right token; 404 for a path no endpoint
    // has; 405 (with Allow) for a path whose endpoints take other methods; 400 for an {id} that
    // is not a whole number of 1 to 18 digits; otherwise the endpoint's answer.
    http::Response handle(const config::Config& config, const http::Request& request, int64_t now_ms) const;

private:
    std::vector<AdminEndpoint> endpoints_;
};

}  // namespace leadhub::app
