#include "api/admin_api.hpp"

#include "api/path_pattern.hpp"

#include <leadhub/sdk/form.hpp>
#include <leadhub/sdk/safe_text.hpp>

namespace leadhub::app {

namespace {

// Takes as long for a near miss as for a far one, so the token cannot be guessed byte by byte.
bool constant_time_equal(const std::string& given, const std::string& expected) {
    if (expected.empty()) return false;
    unsigned char diff = given.size() == expected.size() ? 0 : 1;
    for (std::size_t i = 0; i < given.size(); ++i)
        diff |= static_cast<unsigned char>(given[i] ^ expected[i % expected.size()]);
    return diff == 0;
}

bool authorized(const config::AdminConfig& admin, const http::Request& request) {
    std::string auth = request.header("Authorization");
    const std::string bearer = "Bearer ";
    return auth.compare(0, bearer.size(), bearer) == 0 && constant_time_equal(auth.substr(bearer.size()), admin.token);
}

}  // namespace

http::Response admin_error(int status, const std::string& message) {
    return http::Response::json(status, {{"error", sdk::escape_control(message)}});
}

http::Response AdminApi::handle(const config::Config& config, const http::Request& request, int64_t now_ms) const {
    if (!config.admin.enabled) return admin_error(404, "the admin API is disabled (admin.enabled: false)");
    if (!authorized(config.admin, request)) {
        auto r = admin_error(401, "missing or wrong admin token: send 'Authorization: Bearer <admin.token>'");
        r.headers["WWW-Authenticate"] = "Bearer realm=\"leadhub\"";
        return r;
    }
    std::string allowed;  // the methods of the endpoints whose pattern the path has
    for (const auto& endpoint : endpoints_) {
        auto segments = match_path(endpoint.pattern, request.path);
        if (!segments) continue;
        if (endpoint.method != request.method) {
            allowed += (allowed.empty() ? "" : ", ") + endpoint.method;
            continue;
        }
        std::vector<int64_t> ids;
        for (const auto& segment : *segments) {
            auto id = parse_id(segment);
            if (!id) return admin_error(400, "'" + segment + "' is not an id: ids are whole numbers of 1 to 18 digits");
            ids.push_back(*id);
        }
        return endpoint.handler(AdminCall{request, std::move(ids), sdk::parse_form(request.query), config, now_ms});
    }
    if (!allowed.empty()) {
        auto r = admin_error(405, "use " + allowed);
        r.headers["Allow"] = allowed;
        return r;
    }
    return admin_error(404, "no such API path: " + request.path);
}

}  // namespace leadhub::app
