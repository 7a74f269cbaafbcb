// The hub's services, as a plugin instance sees them (a thin C++ face over lh_host_api).
#pragma once

#include <leadhub/sdk/abi.h>
#include <leadhub/sdk/string_writer.hpp>
#include <leadhub/sdk/types.hpp>

#include <cstring>
#include <optional>
#include <string>

namespace leadhub::sdk {

class Host {
public:
    Host() = default;
    explicit Host(const lh_host_api* api) : api_(api) {}

    void log(lh_log_level level, const std::string& message) const {
        if (api_ && api_->log) api_->log(api_->ctx, level, message.c_str());
    }
    void debug(const std::string& m) const { log(LH_LOG_DEBUG, m); }
    void info(const std::string& m) const { log(LH_LOG_INFO, m); }
    void warn(const std::string& m) const { log(LH_LOG_WARN, m); }
    void error(const std::string& m) const { log(LH_LOG_ERROR, m); }

    int64_t now_ms() const { return api_ && api_->now_ms ? api_->now_ms(api_->ctx) : 0; }

    // Outbound HTTP(S), synchronous, bounded by request.timeout_ms. A network failure or timeout
    // comes back as status 0 with `error` set: classify it as retryable.
    HttpResponse http(const HttpRequest& request) const {
        HttpResponse out;
        if (!api_ || !api_->http_request) {
            out.error = "host offers no HTTP client";
            return out;
        }
        std::string headers = dump(headers_to_json(request.headers));
        lh_http_request r{};
        r.size = sizeof(r);
        r.method = request.method.c_str();
        r.target = request.target.c_str();
        r.query = "";
        r.headers_json = headers.c_str();
        r.body = request.body.data();
        r.body_size = request.body.size();
        r.timeout_ms = request.timeout_ms;
        r.remote_addr = "";
        api_->http_request(api_->ctx, &r, &Host::copy_response, &out);
        return out;
    }

    std::optional<std::string> state_get(const std::string& key) const {
        if (!api_ || !api_->state_get) return std::nullopt;
        std::string value;
        if (api_->state_get(api_->ctx, key.c_str(), &append_to_string, &value) != LH_OK) return std::nullopt;
        return value;
    }
    bool state_put(const std::string& key, const std::string& value) const {
        return api_ && api_->state_put && api_->state_put(api_->ctx, key.c_str(), value.data(), value.size()) == LH_OK;
    }

    void metric(const std::string& name, double value = 1) const {
        if (api_ && api_->metric_add) api_->metric_add(api_->ctx, name.c_str(), value);
    }

    bool register_route(const std::string& method, const std::string& path) const {
        return api_ && api_->register_route && api_->register_route(api_->ctx, method.c_str(), path.c_str()) == LH_OK;
    }

    enum class Submitted { stored, duplicate, failed };
    // For sources not driven by webhooks: returns once the message is durably stored.
    Submitted submit(const Message& message, std::string* error = nullptr) const {
        if (!api_ || !api_->submit) {
            if (error) *error = "host offers no submit";
            return Submitted::failed;
        }
        std::string body = dump(to_json(message)), err;
        lh_status s = api_->submit(api_->ctx, body.data(), body.size(), &append_to_string, &err);
        if (error) *error = err;
        return s == LH_OK ? Submitted::stored : s == LH_DUPLICATE ? Submitted::duplicate : Submitted::failed;
    }

    const lh_host_api* raw() const { return api_; }

private:
    static void copy_response(void* ctx, const lh_http_response* r) {
        auto* out = static_cast<HttpResponse*>(ctx);
        out->status = r->status;
        out->headers = headers_from_json_text(r->headers_json);
        if (r->body) out->body.assign(r->body, r->body_size);
        if (r->error) out->error = r->error;
    }

    const lh_host_api* api_ = nullptr;
};

}  // namespace leadhub::sdk
