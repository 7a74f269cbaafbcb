#include "api/http_router.hpp"

#include "api/admin_api.hpp"
#include "api/admin_endpoints.hpp"
#include "runtime/runtime.hpp"
#include "api/webhook_endpoint.hpp"

#include <leadhub/sdk/safe_text.hpp>

namespace leadhub::app {

namespace {

http::Response readiness(Runtime& runtime) {
    auto d = runtime.deployment();
    nlohmann::json failures = nlohmann::json::array();
    if (d)
        for (const auto& f : d->failures()) failures.push_back(f);
    bool ready = d && failures.empty();
    return http::Response::json(ready ? 200 : 503, {{"ready", ready}, {"store", runtime.store().path()}, {"failed", failures}});
}

// Everything but webhooks: quick, synchronous, on a worker thread.
http::Response answer(Runtime& runtime, const AdminApi& admin, const http::Request& r) {
    if (r.path.starts_with("/api/")) {
        auto deployment = runtime.deployment();  // holds the config for the call
        return admin.handle(deployment->config(), r, now_ms());
    }
    if (r.path == "/healthz") return http::Response::text(200, "ok");
    if (r.path == "/readyz") return readiness(runtime);
    if (r.path == "/metrics") {
        http::Response m = http::Response::text(200, runtime.metrics().render_prometheus());
        m.content_type = "text/plain; version=0.0.4; charset=utf-8";
        return m;
    }
    // The path is the client's: quoted without control characters (a terminal or log viewer that
    // shows the answer must not be steered by it).
    return http::Response::text(404, "not found: " + sdk::escape_control(r.path));
}
}  // namespace

http::AsyncHandler make_http_router(Runtime& runtime) {
    auto webhooks = std::make_shared<WebhookEndpoint>(runtime);
    auto admin = std::make_shared<const AdminApi>(admin_endpoints(
        runtime.store(), [&runtime] { return runtime.status(); }, [&runtime] { runtime.dispatcher().notify(); },
        [&runtime](const std::string& tenant, const std::string& instance, const nlohmann::json& request) {
            return runtime.control(tenant, instance, request);
        }));
    return [&runtime, webhooks, admin](http::Request&& r, http::Reply reply) {
        if (r.path.starts_with("/hooks/")) return webhooks->handle(std::move(r), std::move(reply));
        reply(answer(runtime, *admin, r));
    };
}

}  // namespace leadhub::app
