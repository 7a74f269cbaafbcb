// The plugin author's test kit: a fake Host and a harness that drives a plugin through its C
// exports exactly as the hub does (options validated against the manifest first, then create,
// start, calls, stop, destroy) — so a plugin is unit-tested without the core.
//
//   leadhub::sdk::testing::FakeHost host;
//   host.on_http = [](const HttpRequest& r) { return HttpResponse{200, {}, R"({"result": 7})"}; };
//   auto plugin = leadhub::sdk::testing::Harness::linked(host);   // the plugin linked into the test
//   REQUIRE(plugin.create("crm", {{"url", "http://127.0.0.1:1"}}) == "");
//   auto outcome = plugin.deliver(delivery);
//
// With it come the helpers every plugin's tests need (each also usable alone):
//   TempDir (testing/temp_dir.hpp), eventually (testing/eventually.hpp), FakeHttpServer
//   (testing/fake_http_server.hpp) and the README options-table test as one macro,
//   LEADHUB_README_OPTIONS_TEST (testing/readme_options.hpp).
#pragma once

#include <leadhub/sdk/abi.h>
#include <leadhub/sdk/host.hpp>
#include <leadhub/sdk/options.hpp>
#include <leadhub/sdk/types.hpp>

#include <cstddef>
#include <functional>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

extern "C" {
// Defined by the LEADHUB_PLUGIN macro of the plugin linked into the test executable.
uint32_t leadhub_abi_version(void);
const char* leadhub_manifest(void);
const lh_plugin_api* leadhub_plugin(void);
}

namespace leadhub::sdk::testing {

class FakeHost {
public:
    FakeHost() {
        api_.size = sizeof(api_);
        api_.abi_version = LEADHUB_ABI_VERSION;
        api_.ctx = this;
        api_.log = [](void* c, lh_log_level level, const char* m) {
            auto* self = static_cast<FakeHost*>(c);
            std::lock_guard lock(self->mutex);
            self->logs.emplace_back(level, m ? m : "");
        };
        api_.now_ms = [](void* c) { return static_cast<FakeHost*>(c)->now; };
        api_.http_request = [](void* c, const lh_http_request* r, lh_http_response_fn cb, void* cb_ctx) {
            auto* self = static_cast<FakeHost*>(c);
            HttpRequest req;
            req.method = r->method ? r->method : "";
            req.target = r->target ? r->target : "";
            req.headers = headers_from_json_text(r->headers_json);
            if (r->body) req.body.assign(r->body, r->body_size);
            req.timeout_ms = r->timeout_ms;
            HttpResponse resp;
            {
                std::lock_guard lock(self->mutex);
                self->http_calls.push_back(req);
            }
            if (self->on_http) resp = self->on_http(req);
            else resp.error = "FakeHost: no on_http handler set";
            std::string headers = dump(headers_to_json(resp.headers));
            lh_http_response out{sizeof(lh_http_response), resp.status, headers.c_str(), resp.body.data(),
                                 resp.body.size(), resp.error.empty() ? nullptr : resp.error.c_str()};
            cb(cb_ctx, &out);
            return resp.status == 0 ? LH_ERROR : LH_OK;
        };
        api_.state_get = [](void* c, const char* key, lh_write_fn out, void* out_ctx) {
            auto* self = static_cast<FakeHost*>(c);
            std::lock_guard lock(self->mutex);
            auto it = self->state.find(key);
            if (it == self->state.end()) return LH_NOT_FOUND;
            out(out_ctx, it->second.data(), it->second.size());
            return LH_OK;
        };
        api_.state_put = [](void* c, const char* key, const char* value, size_t size) {
            auto* self = static_cast<FakeHost*>(c);
            std::lock_guard lock(self->mutex);
            self->state[key] = std::string(value, size);
            return LH_OK;
        };
        api_.metric_add = [](void* c, const char* name, double value) {
            auto* self = static_cast<FakeHost*>(c);
            std::lock_guard lock(self->mutex);
            self->metrics[name] += value;
        };
        api_.register_route = [](void* c, const char* method, const char* path) {
            auto* self = static_cast<FakeHost*>(c);
            std::lock_guard lock(self->mutex);
            self->routes.emplace_back(method, path);
            return LH_OK;
        };
        api_.submit = [](void* c, const char* json, size_t size, lh_write_fn error, void* error_ctx) {
            auto* self = static_cast<FakeHost*>(c);
            JsonError problem;
            Json message = parse_json(std::string_view(json, size), &problem);  // as the hub: kMaxJsonDepth
            if (message.is_discarded()) {
                std::string e = "the message is refused: " + problem.message;  // not JSON, or too deep
                error(error_ctx, e.data(), e.size());
                return LH_ERROR;
            }
            std::lock_guard lock(self->mutex);
            auto id = message.find("external_message_id");
            if (id != message.end() && id->is_string()) {
                for (const auto& seen : self->submitted)
                    if (seen.value("external_message_id", Json()) == *id) return LH_DUPLICATE;
            }
            self->submitted.push_back(std::move(message));
            return LH_OK;
        };
    }
    FakeHost(const FakeHost&) = delete;
    FakeHost& operator=(const FakeHost&) = delete;

    const lh_host_api* api() const { return &api_; }
    Host host() const { return Host(&api_); }

    // Scripted outbound HTTP: set to answer the plugin's calls (status 0 + error = network failure).
    std::function<HttpResponse(const HttpRequest&)> on_http;

    int64_t now = 1767225600000;  // 2026-01-01T00:00:00Z
    std::mutex mutex;
    std::vector<std::pair<lh_log_level, std::string>> logs;
    std::vector<HttpRequest> http_calls;
    std::map<std::string, std::string> state;
    std::map<std::string, double> metrics;
    std::vector<std::pair<std::string, std::string>> routes;
    std::vector<Json> submitted;

    bool logged(const std::string& fragment) {
        std::lock_guard lock(mutex);
        for (const auto& [level, text] : logs)
            if (text.find(fragment) != std::string::npos) return true;
        return false;
    }

private:
    lh_host_api api_{};
};

// Drives one plugin instance through the C ABI, the way the hub does.
class Harness {
public:
    Harness(FakeHost& host, lh_abi_version_fn abi, lh_manifest_fn manifest, lh_plugin_fn plugin)
        : host_(host), abi_(abi), manifest_(manifest), plugin_(plugin) {}

    // The plugin linked into this test executable.
    static Harness linked(FakeHost& host) { return Harness(host, &leadhub_abi_version, &leadhub_manifest, &leadhub_plugin); }

    Harness(Harness&& other) noexcept
        : host_(other.host_), abi_(other.abi_), manifest_(other.manifest_), plugin_(other.plugin_),
          instance_(std::exchange(other.instance_, nullptr)), started_(std::exchange(other.started_, false)) {}
    ~Harness() { close(); }

    uint32_t abi_version() const { return abi_(); }
    Json manifest() const { return Json::parse(manifest_()); }

    // Validates like the host does; returns "" on success or every error joined by "; ".
    std::string create(const std::string& name, const Json& options = Json::object()) {
        close();
        Json normalized;
        auto errors = validate_options(manifest().at("options"), options, normalized);
        if (!errors.empty()) {
            std::string all;
            for (const auto& e : errors) all += (all.empty() ? "" : "; ") + e.message;
            return all;
        }
        std::string error, text = dump(normalized);
        if (plugin_()->create(host_.api(), name.c_str(), text.c_str(), &instance_, &append_to_string, &error) != LH_OK) {
            instance_ = nullptr;
            return error.empty() ? "create failed" : error;
        }
        return "";
    }

    std::string start() {
        std::string error;
        if (!instance_) return "no instance";
        if (plugin_()->start(instance_, &append_to_string, &error) != LH_OK) return error.empty() ? "start failed" : error;
        started_ = true;
        return "";
    }

    WebhookResult webhook(const HttpRequest& request) {
        require_instance();
        std::string headers = dump(headers_to_json(request.headers));
        lh_http_request r{sizeof(lh_http_request), request.method.c_str(), request.target.c_str(), request.query.c_str(),
                          headers.c_str(), request.body.data(), request.body.size(), 0, "127.0.0.1"};
        std::string out;
        plugin_()->handle_http(instance_, &r, &append_to_string, &out);
        return webhook_result_from_json(parse_output(out));
    }

    Outcome deliver(const Delivery& delivery) {
        require_instance();
        std::string in = dump(to_json(delivery)), out;
        plugin_()->deliver(instance_, in.data(), in.size(), &append_to_string, &out);
        return outcome_from_json(parse_json(out, nullptr, {kMaxWrappedJsonDepth}));
    }

    Json process(const Json& input) {
        require_instance();
        std::string in = dump(input), out;
        plugin_()->process(instance_, in.data(), in.size(), &append_to_string, &out);
        return parse_output(out);
    }

    // An operator's action (abi.h, `control`); {"error": ...} from a plugin without one.
    Json control(const Json& request) {
        require_instance();
        if (plugin_()->size < offsetof(lh_plugin_api, control) + sizeof(void*) || !plugin_()->control)
            return {{"error", "the plugin has no control entry"}};
        std::string in = dump(request), out;
        plugin_()->control(instance_, in.data(), in.size(), &append_to_string, &out);
        return parse_output(out);
    }

    void close() {
        if (!instance_) return;
        if (started_) plugin_()->stop(instance_);
        plugin_()->destroy(instance_);
        instance_ = nullptr;
        started_ = false;
    }

private:
    // A plugin's answer, read with the depth bound the hub's readers apply; a test fails on one
    // the hub would refuse.
    static Json parse_output(const std::string& text) {
        JsonError error;
        Json value = parse_json(text, &error, {kMaxWrappedJsonDepth});
        if (error) throw std::runtime_error("Harness: the plugin answered " + error.message);
        return value;
    }

    void require_instance() const {
        if (!instance_) throw std::logic_error("Harness: create() the instance first");
    }

    FakeHost& host_;
    lh_abi_version_fn abi_;
    lh_manifest_fn manifest_;
    lh_plugin_fn plugin_;
    void* instance_ = nullptr;
    bool started_ = false;
};

// A Delivery of a lead with the given fields, for sink tests.
inline Delivery make_delivery(const Json& lead_fields, int64_t job_id = 1, int attempt = 1) {
    Json payload = {{"job_id", job_id}, {"idempotency_key", "lead-" + std::to_string(job_id)},
                    {"attempt", attempt}, {"kind", "lead"}, {"tenant", lead_fields.value("tenant", std::string("t1"))},
                    {"sink", "test"}, {"lead", lead_fields}};
    return delivery_from_json(payload);
}

// A `reply` Delivery of `text` to the customer at `address`, for channel tests.
inline Delivery make_reply_delivery(const std::string& text, const Json& address, int64_t job_id = 1,
                                    int64_t customer_last_message_at_ms = 0, int attempt = 1) {
    Reply reply;
    reply.text = text;
    reply.address = address;
    reply.customer_last_message_at_ms = customer_last_message_at_ms;
    Json payload = {{"job_id", job_id}, {"idempotency_key", "reply-" + std::to_string(job_id)},
                    {"attempt", attempt}, {"kind", "reply"}, {"tenant", "t1"}, {"sink", "test"},
                    {"lead", {{"id", 1}, {"tenant", "t1"}}}, {"reply", to_json(reply)}};
    return delivery_from_json(payload);
}

}  // namespace leadhub::sdk::testing

#include <leadhub/sdk/testing/eventually.hpp>
#include <leadhub/sdk/testing/fake_http_server.hpp>
#include <leadhub/sdk/testing/readme_options.hpp>
#include <leadhub/sdk/testing/temp_dir.hpp>
