// Loads fine but answers with results the host must not trust: a webhook result that is not JSON or
// has no status, an outcome that is not JSON, processor output that is not JSON, and each of them
// nested 100,000 levels deep. The request body (or the word "deep" in a delivery or an input)
// picks the misbehaviour.
#include <leadhub/sdk/abi.h>

#include <cstring>
#include <string>

namespace {

int instance_token = 0;

void write(lh_write_fn fn, void* ctx, const char* text) { fn(ctx, text, std::strlen(text)); }

// `before`, 100,000 nested arrays, `after`: valid JSON far deeper than the hub accepts.
void write_deep(lh_write_fn fn, void* ctx, const std::string& before, const std::string& after) {
    const std::string text = before + std::string(100000, '[') + std::string(100000, ']') + after;
    fn(ctx, text.data(), text.size());
}

bool mentions_deep(const char* json, size_t size) { return std::string(json, size).find("deep") != std::string::npos; }

lh_status create(const lh_host_api*, const char*, const char*, void** instance, lh_write_fn, void*) {
    *instance = &instance_token;
    return LH_OK;
}

void destroy(void*) {}

void handle_http(void*, const lh_http_request* request, lh_write_fn result, void* ctx) {
    const std::string body(request->body, request->body_size);
    if (body == "not-json") write(result, ctx, "{\"status\": 200, ");
    else if (body == "no-status") write(result, ctx, R"({"body": "where is my status"})");
    else if (body == "status-text") write(result, ctx, R"({"status": "200"})");
    else if (body == "status-999") write(result, ctx, R"({"status": 999})");
    else if (body == "bad-message") write(result, ctx, R"({"status": 200, "messages": [{"channel": "x", "text": 42}]})");
    else if (body == "deep-message") write_deep(result, ctx, R"({"status": 200, "messages": [{"channel": "x", "extra": )", "}]}");
    else if (body == "nothing") return;
    else write(result, ctx, R"({"status": 202, "body": "fine"})");
}

void deliver(void*, const char* json, size_t size, lh_write_fn outcome, void* ctx) {
    if (mentions_deep(json, size)) write_deep(outcome, ctx, R"({"status": "ok", "external_id": "x", "extra": )", "}");
    else write(outcome, ctx, "ok, delivered!");
}

void process(void*, const char* json, size_t size, lh_write_fn output, void* ctx) {
    if (mentions_deep(json, size)) write_deep(output, ctx, R"({"error": )", "}");
    else write(output, ctx, "[1, 2");
}

}  // namespace

extern "C" LEADHUB_EXPORT uint32_t leadhub_abi_version(void) { return LEADHUB_ABI_VERSION; }

extern "C" LEADHUB_EXPORT const char* leadhub_manifest(void) {
    return R"({"name":"test-bad-results","version":"1.0.0","kinds":["source","sink","processor"],"options":[]})";
}

extern "C" LEADHUB_EXPORT const lh_plugin_api* leadhub_plugin(void) {
    static const lh_plugin_api table = {sizeof(lh_plugin_api), &create, &destroy, nullptr, nullptr,
                                        &handle_http, &deliver, &process, nullptr};
    return &table;
}
