/* A plugin in plain C (no C++ anywhere): proof that the boundary is a C ABI. It is a sink whose
 * deliver answers {"status":"ok","external_id":"c-<job_id>"} and a source whose webhook handler
 * turns the request body into one message. JSON is read and written by hand, minimally. */
#include <leadhub/sdk/abi.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct c_instance {
    const lh_host_api* host;
} c_instance;

static void write_text(lh_write_fn fn, void* ctx, const char* text) {
    if (fn) fn(ctx, text, strlen(text));
}

static lh_status c_create(const lh_host_api* host, const char* instance_name, const char* options_json,
                          void** instance, lh_write_fn error, void* error_ctx) {
    c_instance* self;
    (void)instance_name;
    (void)options_json;
    self = (c_instance*)malloc(sizeof(c_instance));
    if (!self) {
        write_text(error, error_ctx, "out of memory");
        return LH_ERROR;
    }
    self->host = host;
    *instance = self;
    return LH_OK;
}

static void c_destroy(void* instance) { free(instance); }

/* Finds "job_id": <digits> in the delivery; good enough for the hub's own compact JSON. */
static int find_job_id(const char* json, size_t size, long long* job_id) {
    static const char key[] = "\"job_id\"";
    size_t key_len = sizeof(key) - 1, i;
    for (i = 0; i + key_len <= size; ++i) {
        if (memcmp(json + i, key, key_len) == 0) {
            size_t j = i + key_len;
            long long value = 0;
            int digits = 0;
            while (j < size && (json[j] == ' ' || json[j] == ':')) ++j;
            while (j < size && isdigit((unsigned char)json[j])) {
                value = value * 10 + (json[j] - '0');
                ++j;
                ++digits;
            }
            if (!digits) return 0;
            *job_id = value;
            return 1;
        }
    }
    return 0;
}

static void c_deliver(void* instance, const char* delivery_json, size_t size, lh_write_fn outcome,
                      void* outcome_ctx) {
    char answer[128];
    long long job_id = 0;
    (void)instance;
    if (!find_job_id(delivery_json, size, &job_id)) {
        write_text(outcome, outcome_ctx, "{\"status\":\"permanent\",\"reason\":\"delivery has no job_id\"}");
        return;
    }
    snprintf(answer, sizeof answer, "{\"status\":\"ok\",\"external_id\":\"c-%lld\"}", job_id);
    write_text(outcome, outcome_ctx, answer);
}

/* Writes `text` as a JSON string body (without quotes) into `out`, which must hold 6 bytes per input
 * byte. Returns the end of what was written. */
static char* escape_json(const char* text, size_t size, char* out) {
    size_t i;
    for (i = 0; i < size; ++i) {
        unsigned char c = (unsigned char)text[i];
        if (c == '"' || c == '\\') {
            *out++ = '\\';
            *out++ = (char)c;
        } else if (c < 0x20) {
            out += sprintf(out, "\\u%04x", c);
        } else {
            *out++ = (char)c;
        }
    }
    return out;
}

static void c_handle_http(void* instance, const lh_http_request* request, lh_write_fn result, void* result_ctx) {
    static const char head[] = "{\"status\":200,\"body\":\"ok\",\"messages\":[{\"channel\":\"c-test\",\"text\":\"";
    static const char tail[] = "\"}]}";
    char* buffer;
    char* end;
    c_instance* self = (c_instance*)instance;
    if (!request->body || request->body_size == 0) {
        write_text(result, result_ctx, "{\"status\":400,\"body\":\"empty body\",\"messages\":[]}");
        return;
    }
    buffer = (char*)malloc(sizeof head + request->body_size * 6 + sizeof tail);
    if (!buffer) {
        write_text(result, result_ctx, "{\"status\":503,\"body\":\"out of memory\",\"messages\":[]}");
        return;
    }
    memcpy(buffer, head, sizeof head - 1);
    end = escape_json(request->body, request->body_size, buffer + sizeof head - 1);
    memcpy(end, tail, sizeof tail - 1);
    end += sizeof tail - 1;
    if (self->host && self->host->log) self->host->log(self->host->ctx, LH_LOG_INFO, "plain_c: webhook handled");
    if (result) result(result_ctx, buffer, (size_t)(end - buffer));
    free(buffer);
}

LEADHUB_EXPORT uint32_t leadhub_abi_version(void) { return LEADHUB_ABI_VERSION; }

LEADHUB_EXPORT const char* leadhub_manifest(void) {
    return "{\"name\":\"test-plain-c\",\"version\":\"0.1.0\",\"description\":\"written in C\","
           "\"kinds\":[\"source\",\"sink\"],\"options\":[]}";
}

LEADHUB_EXPORT const lh_plugin_api* leadhub_plugin(void) {
    static const lh_plugin_api table = {sizeof(lh_plugin_api), c_create, c_destroy, NULL, NULL,
                                        c_handle_http, c_deliver, NULL, NULL};
    return &table;
}
