#include "host/host_api_bridge.hpp"

#include <leadhub/sdk/exception_text.hpp>
#include <leadhub/sdk/json.hpp>

#include <chrono>
#include <cstddef>
#include <exception>
#include <iostream>

namespace leadhub::host {
namespace {

HostApiBridge& self(void* ctx) { return *static_cast<HostApiBridge*>(ctx); }

void write(lh_write_fn fn, void* ctx, const std::string& text) {
    if (!fn) return;
    try {
        fn(ctx, text.data(), text.size());
    } catch (...) {
        // The plugin's own writer threw: nothing sensible is left to tell it.
    }
}

// The request fields a plugin built against this ABI always fills in, up to and including the body.
constexpr std::size_t kRequestMinimum = offsetof(lh_http_request, body_size) + sizeof(size_t);
constexpr std::size_t kRequestWithTimeout = offsetof(lh_http_request, timeout_ms) + sizeof(uint32_t);

sdk::HttpRequest request_from_plugin(const lh_http_request& r) {
    sdk::HttpRequest out;
    out.method = r.method ? r.method : "GET";
    out.target = r.target ? r.target : "";
    out.headers = sdk::headers_from_json_text(r.headers_json);
    if (r.body) out.body.assign(r.body, r.body_size);
    if (r.size >= kRequestWithTimeout) out.timeout_ms = r.timeout_ms;
    return out;
}

}  // namespace

HostApiBridge::HostApiBridge(std::shared_ptr<InstanceServices> services, std::string label)
    : services_(std::move(services)), label_(std::move(label)) {
    api_.size = sizeof(lh_host_api);
    api_.abi_version = LEADHUB_ABI_VERSION;
    api_.ctx = this;
    api_.log = &HostApiBridge::log;
    api_.now_ms = &HostApiBridge::now_ms;
    api_.http_request = &HostApiBridge::http_request;
    api_.state_get = &HostApiBridge::state_get;
    api_.state_put = &HostApiBridge::state_put;
    api_.metric_add = &HostApiBridge::metric_add;
    api_.register_route = &HostApiBridge::register_route;
    api_.submit = &HostApiBridge::submit;
}

void HostApiBridge::report(const std::string& what) const {
    try {
        std::cerr << "leadhub host: " << label_ << ": " << what << '\n';
    } catch (...) {
    }
}

void HostApiBridge::log(void* ctx, lh_log_level level, const char* message) {
    try {
        self(ctx).services_->log(level, message ? message : "");
    } catch (...) {
        self(ctx).report("log failed: " + sdk::exception_text(std::current_exception()));
    }
}

int64_t HostApiBridge::now_ms(void* ctx) {
    try {
        return self(ctx).services_->now_ms();
    } catch (...) {
        self(ctx).report("clock failed, using the system clock: " + sdk::exception_text(std::current_exception()));
        using namespace std::chrono;
        return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
    }
}

lh_status HostApiBridge::http_request(void* ctx, const lh_http_request* request, lh_http_response_fn on_response,
                                      void* response_ctx) {
    sdk::HttpResponse response;
    try {
        if (!request || request->size < kRequestMinimum) response.error = "malformed request from the plugin";
        else response = self(ctx).services_->http(request_from_plugin(*request));
    } catch (...) {
        response = sdk::HttpResponse{};
        response.error = "host HTTP client failed: " + sdk::exception_text(std::current_exception());
    }
    if (response.status == 0 && response.error.empty()) response.error = "no response";
    try {
        const std::string headers = sdk::dump(sdk::headers_to_json(response.headers));
        lh_http_response out{};
        out.size = sizeof(lh_http_response);
        out.status = response.status;
        out.headers_json = headers.c_str();
        out.body = response.body.data();
        out.body_size = response.body.size();
        out.error = response.status == 0 ? response.error.c_str() : nullptr;
        if (on_response) on_response(response_ctx, &out);
    } catch (...) {
        self(ctx).report("passing an HTTP response to the plugin failed: " + sdk::exception_text(std::current_exception()));
        return LH_ERROR;
    }
    return response.status == 0 ? LH_ERROR : LH_OK;
}

lh_status HostApiBridge::state_get(void* ctx, const char* key, lh_write_fn out, void* out_ctx) {
    if (!key) return LH_ERROR;
    try {
        auto value = self(ctx).services_->state_get(key);
        if (!value) return LH_NOT_FOUND;
        write(out, out_ctx, *value);
        return LH_OK;
    } catch (...) {
        self(ctx).report("state_get failed: " + sdk::exception_text(std::current_exception()));
        return LH_ERROR;
    }
}

lh_status HostApiBridge::state_put(void* ctx, const char* key, const char* value, size_t value_size) {
    if (!key || (!value && value_size)) return LH_ERROR;
    try {
        return self(ctx).services_->state_put(key, std::string(value ? value : "", value_size)) ? LH_OK : LH_ERROR;
    } catch (...) {
        self(ctx).report("state_put failed: " + sdk::exception_text(std::current_exception()));
        return LH_ERROR;
    }
}

void HostApiBridge::metric_add(void* ctx, const char* name, double value) {
    if (!name) return;
    try {
        self(ctx).services_->metric_add(name, value);
    } catch (...) {
        self(ctx).report("metric_add failed: " + sdk::exception_text(std::current_exception()));
    }
}

lh_status HostApiBridge::register_route(void* ctx, const char* method, const char* path) {
    if (!method || !path) return LH_ERROR;
    try {
        return self(ctx).services_->register_route(method, path) ? LH_OK : LH_ERROR;
    } catch (...) {
        self(ctx).report("register_route failed: " + sdk::exception_text(std::current_exception()));
        return LH_ERROR;
    }
}

lh_status HostApiBridge::submit(void* ctx, const char* message_json, size_t size, lh_write_fn error,
                                void* error_ctx) {
    try {
        if (!message_json) {
            write(error, error_ctx, "no message given");
            return LH_ERROR;
        }
        // A message nests at most sdk::kMaxJsonDepth levels, as in a webhook answer: the store
        // and the pipeline copy and write it, recursing once per level.
        sdk::JsonError problem;
        nlohmann::json message = sdk::parse_json(std::string_view(message_json, size), &problem);
        if (problem.kind == sdk::JsonError::Kind::too_deep) {
            write(error, error_ctx, "the message is " + problem.message);
            return LH_ERROR;
        }
        if (message.is_discarded()) {
            write(error, error_ctx, "the message is not valid JSON");
            return LH_ERROR;
        }
        SubmitResult result = self(ctx).services_->submit(message);
        if (result.status == LH_ERROR) write(error, error_ctx, result.error);
        return result.status;
    } catch (...) {
        write(error, error_ctx, "the hub could not store the message: " + sdk::exception_text(std::current_exception()));
        return LH_ERROR;
    }
}

}  // namespace leadhub::host
