/*
 * leadhub plugin ABI: the only contract between the hub and a plugin library.
 *
 * Plain C on purpose: a plugin may be written in C, C++, Rust or anything with a C FFI, and a
 * plugin built against an older SDK keeps loading as long as the ABI version matches. Nothing of
 * C++ crosses this boundary: no std types, no exceptions, and no memory allocated on one side is
 * ever freed on the other. Structured data (Message, Delivery, Outcome, manifest, options)
 * crosses as UTF-8 JSON text.
 *
 * Loading order (the host stops at the first failure and names the library and the reason):
 *   1. leadhub_abi_version()  -> must equal the host's LEADHUB_ABI_VERSION
 *   2. leadhub_manifest()     -> JSON text: name, version, kinds, options schema
 *   3. leadhub_plugin()       -> the function table, whose `size` tells which fields exist
 *
 * Memory rule: every `const char*` handed across is owned by the side that hands it and is valid
 * only for the duration of the call (the manifest: for as long as the library is loaded). Results
 * travel through an lh_write_fn callback: the receiver copies the bytes before returning.
 *
 * Threading: the host may call deliver/process/handle_http on one instance from several threads
 * at once, up to the concurrency configured for the instance; create/start/stop/destroy are never
 * called concurrently with anything else on the same instance. Host services may be called from
 * any thread.
 */
#ifndef LEADHUB_SDK_ABI_H
#define LEADHUB_SDK_ABI_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Bumped on any incompatible change to the structs or function tables below. Adding a field at
 * the end of a size-tagged table is compatible and does not bump it. */
#define LEADHUB_ABI_VERSION 1u

#define LEADHUB_SYMBOL_ABI_VERSION "leadhub_abi_version"
#define LEADHUB_SYMBOL_MANIFEST "leadhub_manifest"
#define LEADHUB_SYMBOL_PLUGIN "leadhub_plugin"

#if defined(_WIN32)
#define LEADHUB_EXPORT __declspec(dllexport)
#else
#define LEADHUB_EXPORT __attribute__((visibility("default")))
#endif

/* Receives bytes that belong to the caller; copy them before returning. */
typedef void (*lh_write_fn)(void* write_ctx, const char* data, size_t size);

/* Status codes of calls that can fail. Details travel through the error writer. */
typedef enum lh_status {
    LH_OK = 0,
    LH_ERROR = 1,     /* failed; the error writer received a human-readable reason */
    LH_DUPLICATE = 2, /* host->submit: the message id was seen before; nothing new stored */
    LH_NOT_FOUND = 3  /* host->state_get: no such key */
} lh_status;

typedef enum lh_log_level { LH_LOG_DEBUG = 0, LH_LOG_INFO = 1, LH_LOG_WARN = 2, LH_LOG_ERROR = 3 } lh_log_level;

/* An HTTP request, inbound (a webhook) or outbound (host->http_request). */
typedef struct lh_http_request {
    uint32_t size;            /* sizeof(lh_http_request) of the side that filled it */
    const char* method;       /* "GET", "POST", ... */
    const char* target;       /* inbound: path below the instance's prefix, e.g. "/" or "/events/summary";
                                 outbound: the full URL */
    const char* query;        /* inbound: raw query string without '?', "" if none; outbound: unused */
    const char* headers_json; /* JSON object, header name -> value (names as received) */
    const char* body;         /* raw body bytes, not NUL-terminated; signatures are checked over these */
    size_t body_size;
    uint32_t timeout_ms;      /* outbound: whole-exchange timeout; inbound: unused */
    const char* remote_addr;  /* inbound: peer address; outbound: unused */
} lh_http_request;

/* An HTTP response, returned by a webhook handler or received from host->http_request. */
typedef struct lh_http_response {
    uint32_t size;
    int status;               /* HTTP status; 0 when the exchange failed before a response (see error) */
    const char* headers_json; /* JSON object; may be NULL */
    const char* body;
    size_t body_size;
    const char* error;        /* outbound: network/timeout error text when status == 0, else NULL */
} lh_http_response;

typedef void (*lh_http_response_fn)(void* ctx, const lh_http_response* response);

/* Services the host offers to a plugin instance. `ctx` is the instance's own host context: pass
 * it back on every call. */
typedef struct lh_host_api {
    uint32_t size;        /* sizeof(lh_host_api) on the host's side: check before using later fields */
    uint32_t abi_version; /* LEADHUB_ABI_VERSION of the host */
    void* ctx;

    void (*log)(void* ctx, lh_log_level level, const char* message);
    /* Unix time in milliseconds, from the host's clock (a fake in tests). */
    int64_t (*now_ms)(void* ctx);
    /* Synchronous outbound HTTP(S) with the request's timeout; the response is passed to `on_response`
       before the call returns. Returns LH_OK when a response (of any status) arrived, LH_ERROR when
       the exchange failed (on_response still receives status 0 and the error). */
    lh_status (*http_request)(void* ctx, const lh_http_request* request, lh_http_response_fn on_response,
                              void* response_ctx);
    /* Small durable key-value state per instance (tokens, cursors). */
    lh_status (*state_get)(void* ctx, const char* key, lh_write_fn out, void* out_ctx);
    lh_status (*state_put)(void* ctx, const char* key, const char* value, size_t value_size);
    /* Adds `value` to the counter `name` (labelled with the instance by the host). */
    void (*metric_add)(void* ctx, const char* name, double value);
    /* Sources only: webhook routes. `path` is below the instance prefix /hooks/<tenant>/<instance>,
       "*" matches any path. An instance that registers nothing receives every request under its
       prefix. */
    lh_status (*register_route)(void* ctx, const char* method, const char* path);
    /* Sources that are not driven by webhooks (polling, sockets): durably stores one Message (JSON)
       and returns once it is committed. LH_DUPLICATE when its external_message_id was seen before. */
    lh_status (*submit)(void* ctx, const char* message_json, size_t size, lh_write_fn error, void* error_ctx);
} lh_host_api;

/* The plugin's function table. Unused entries of a kind are NULL (a sink has no handle_http). */
typedef struct lh_plugin_api {
    uint32_t size; /* sizeof(lh_plugin_api) on the plugin's side */

    /* Creates an instance with options already validated against the manifest (defaults filled
       in). On failure returns LH_ERROR and writes the reason. The host keeps `host` valid until
       destroy. */
    lh_status (*create)(const lh_host_api* host, const char* instance_name, const char* options_json,
                        void** instance, lh_write_fn error, void* error_ctx);
    void (*destroy)(void* instance);
    lh_status (*start)(void* instance, lh_write_fn error, void* error_ctx);
    /* Must return promptly; in-flight calls on other threads finish on their own. */
    void (*stop)(void* instance);

    /* Sources: handles one webhook request. Writes a WebhookResult JSON:
         {"status": 200, "content_type": "text/plain", "body": "ok", "headers": {...},
          "messages": [Message, ...]}
       The host commits every message before it answers with `status`; if the commit fails the
       platform gets 503 instead, so it retries. */
    void (*handle_http)(void* instance, const lh_http_request* request, lh_write_fn result, void* result_ctx);

    /* Sinks and notifiers: delivers one Delivery JSON and writes an Outcome JSON:
         {"status": "ok", "external_id": "..."}
         {"status": "retry", "reason": "...", "retry_after_ms": 30000}
         {"status": "permanent", "reason": "..."} */
    void (*deliver)(void* instance, const char* delivery_json, size_t size, lh_write_fn outcome, void* outcome_ctx);

    /* Processors: reads a JSON input and writes a JSON output (see the processor contract). */
    void (*process)(void* instance, const char* input_json, size_t size, lh_write_fn output, void* output_ctx);

    /* Any kind, optional (added after the first release: check `size`). An operator's action on a
       running instance, JSON in and out, never on a hot path:
         {"action": "status"}  -> the instance's live state, e.g. a poller's last success and error
         {"action": "connect", "webhook_url": "https://…/hooks/<tenant>/<instance>"}
                               -> registers the webhook with the platform where it has an API, or
                                  says what to paste where: {"performed": bool, "steps": ["…"], …}
       An action the plugin does not know is answered {"error": "…"}. */
    void (*control)(void* instance, const char* request_json, size_t size, lh_write_fn output, void* output_ctx);
} lh_plugin_api;

/* The three exports every plugin defines (the SDK's LEADHUB_PLUGIN macro writes them). */
typedef uint32_t (*lh_abi_version_fn)(void);
typedef const char* (*lh_manifest_fn)(void);
typedef const lh_plugin_api* (*lh_plugin_fn)(void);

#ifdef __cplusplus
}
#endif

#endif /* LEADHUB_SDK_ABI_H */
