// Writing a plugin in C++: derive from Source, Sink, Notifier or Processor, declare a PluginInfo,
// and export both with one LEADHUB_PLUGIN(info_function, factory_function) line.
//
//   leadhub::sdk::PluginInfo my_info() { return {"my-crm", "1.0.0", "Puts leads into My CRM",
//                                                {"sink"}, my_options()}; }
//   std::unique_ptr<leadhub::sdk::Instance> make(const leadhub::sdk::Context& ctx) {
//       return std::make_unique<MySink>(ctx); }
//   LEADHUB_PLUGIN(my_info, make)
//
// Lifetimes: the host creates an instance after validating its options, calls start() once,
// then calls on_webhook/deliver/process (possibly from several threads at once, up to the
// instance's configured concurrency), then stop() once, then destroys it. The library stays
// loaded while any instance of it exists. Exceptions never cross the boundary: one escaping
// from a call becomes a 500 (webhook), a retryable outcome (deliver) or an error (create/start).
#pragma once

#include <leadhub/sdk/abi.h>
#include <leadhub/sdk/exception_text.hpp>
#include <leadhub/sdk/host.hpp>
#include <leadhub/sdk/options.hpp>
#include <leadhub/sdk/reading.hpp>
#include <leadhub/sdk/types.hpp>

#include <cstring>
#include <exception>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace leadhub::sdk {

// What a plugin tells about itself. `defaults` may hold
//   {"rate_per_second": 2, "burst": 50, "concurrency": 1, "timeout_ms": 30000}
// — the API's documented limits, used when a config does not set its own.
struct PluginInfo {
    std::string name;
    std::string version;
    std::string description;
    std::vector<std::string> kinds;  // "source", "sink", "notifier", "processor"
    std::vector<OptionSpec> options;
    Json defaults = Json::object();
};

inline Json manifest_json(const PluginInfo& info) {
    return {{"name", info.name},
            {"version", info.version},
            {"description", info.description},
            {"kinds", info.kinds},
            {"options", options_schema(info.options)},
            {"defaults", info.defaults},
            {"sdk_abi", LEADHUB_ABI_VERSION}};
}

// Everything an instance is created with.
struct Context {
    Host host;
    std::string instance_name;
    Options options;  // validated, defaults filled in
};

class Instance {
public:
    explicit Instance(const Context& ctx) : host_(ctx.host), name_(ctx.instance_name), options_(ctx.options) {}
    virtual ~Instance() = default;
    Instance(const Instance&) = delete;
    Instance& operator=(const Instance&) = delete;

    // Throw to refuse starting (bad credentials at start-up, an unreachable dependency).
    virtual void start() {}
    virtual void stop() {}

    virtual WebhookResult on_webhook(const HttpRequest&) { return WebhookResult::reject(404, "not a source"); }
    virtual Outcome deliver(const Delivery&) { return Outcome::permanent("not a sink"); }
    virtual Json process(const Json&) { throw std::logic_error("not a processor"); }
    // An operator's action (abi.h, `control`): "status" and "connect" so far. Throw, or return
    // {"error": ...}, for an action the instance does not support.
    virtual Json control(const Json& request) {
        throw std::invalid_argument("action '" + escape_control(string_member_or(request, "action")) +
                                    "' is not supported by this plugin");
    }

protected:
    const Host& host() const { return host_; }
    const std::string& name() const { return name_; }
    const Options& options() const { return options_; }

private:
    Host host_;
    std::string name_;
    Options options_;
};

// Kind-specific bases make the one call each kind must provide pure virtual.
class Source : public Instance {
public:
    using Instance::Instance;
    WebhookResult on_webhook(const HttpRequest& request) override = 0;
};

class Sink : public Instance {
public:
    using Instance::Instance;
    Outcome deliver(const Delivery& delivery) override = 0;
};

// A notifier receives Deliveries of kind "notice" (and may also take leads).
class Notifier : public Sink {
public:
    using Sink::Sink;
};

// A processor reads a customer's message: a typed ReadingRequest in, a ReadingResult out, like a
// sink's Delivery in and Outcome out (reading.hpp has the JSON both stand for). The SDK reads the
// host's JSON and writes the answer back; input that is no reading request never reaches read().
class Processor : public Instance {
public:
    using Instance::Instance;

    // Safe to call from several threads at once. An exception becomes {"error": ...}.
    virtual ReadingResult read(const ReadingRequest& request) = 0;

    // The answer to input that is no ReadingRequest (`reason` says why): a permanent error by
    // default; override to log or count it.
    virtual ReadingResult refuse_input(const std::string& reason) { return ReadingResult::failed("bad input: " + reason, false); }

    Json process(const Json& input) final {
        ReadingRequest request;
        try {
            request = reading_request_from_json(input);
        } catch (const std::invalid_argument& e) {
            return to_json(refuse_input(e.what()));
        }
        return to_json(read(request));
    }
};

using Factory = std::unique_ptr<Instance> (*)(const Context&);

namespace detail {

struct Holder {
    std::unique_ptr<Instance> instance;
};

inline void write(lh_write_fn fn, void* ctx, const std::string& text) {
    if (fn) fn(ctx, text.data(), text.size());
}

// What the hub hands a plugin (options, a delivery, a processor's input) is read with the depth
// bound of wrapped data (json.hpp): a value too deep to copy or write safely is refused here, as
// an exception the calling export turns into its error, and never reaches the instance.
inline Json parse_from_host(const char* text, std::size_t size) {
    JsonError error;
    Json value = parse_json(std::string_view(text ? text : "", text ? size : 0), &error, {kMaxWrappedJsonDepth});
    if (error) throw std::invalid_argument("the hub sent " + error.message);
    return value;
}

inline HttpRequest request_from_c(const lh_http_request* r) {
    HttpRequest out;
    out.method = r->method ? r->method : "";
    out.target = r->target ? r->target : "";
    out.query = r->query ? r->query : "";
    out.headers = headers_from_json_text(r->headers_json);
    if (r->body) out.body.assign(r->body, r->body_size);
    out.timeout_ms = r->timeout_ms;
    out.remote_addr = r->remote_addr ? r->remote_addr : "";
    return out;
}

template <Factory factory>
struct Table {
    static lh_status create(const lh_host_api* host, const char* name, const char* options_json, void** out,
                            lh_write_fn error, void* error_ctx) {
        try {
            Json options = options_json && *options_json ? parse_from_host(options_json, std::strlen(options_json))
                                                         : Json::object();
            Context ctx{Host(host), name ? name : "", Options(std::move(options))};
            auto holder = std::make_unique<Holder>();
            holder->instance = factory(ctx);
            if (!holder->instance) throw std::runtime_error("factory returned no instance");
            *out = holder.release();
            return LH_OK;
        } catch (...) {
            write(error, error_ctx, exception_text(std::current_exception()));
            return LH_ERROR;
        }
    }
    static void destroy(void* instance) {
        try {
            delete static_cast<Holder*>(instance);
        } catch (...) {
        }
    }
    static lh_status start(void* instance, lh_write_fn error, void* error_ctx) {
        try {
            static_cast<Holder*>(instance)->instance->start();
            return LH_OK;
        } catch (...) {
            write(error, error_ctx, exception_text(std::current_exception()));
            return LH_ERROR;
        }
    }
    static void stop(void* instance) {
        try {
            static_cast<Holder*>(instance)->instance->stop();
        } catch (...) {
        }
    }
    static void handle_http(void* instance, const lh_http_request* request, lh_write_fn result, void* ctx) {
        WebhookResult r;
        try {
            r = static_cast<Holder*>(instance)->instance->on_webhook(request_from_c(request));
        } catch (...) {
            r = WebhookResult::reject(500, "plugin error: " + exception_text(std::current_exception()));
        }
        write(result, ctx, dump(to_json(std::move(r))));
    }
    static void deliver(void* instance, const char* json, size_t size, lh_write_fn outcome, void* ctx) {
        Outcome o;
        try {
            o = static_cast<Holder*>(instance)->instance->deliver(delivery_from_json(parse_from_host(json, size)));
        } catch (...) {
            o = Outcome::retry("plugin threw: " + exception_text(std::current_exception()));
        }
        write(outcome, ctx, dump(to_json(o)));
    }
    static void process(void* instance, const char* json, size_t size, lh_write_fn output, void* ctx) {
        Json out;
        try {
            out = static_cast<Holder*>(instance)->instance->process(parse_from_host(json, size));
        } catch (...) {
            out = {{"error", exception_text(std::current_exception())}};
        }
        write(output, ctx, dump(out));
    }
    static void control(void* instance, const char* json, size_t size, lh_write_fn output, void* ctx) {
        Json out;
        try {
            out = static_cast<Holder*>(instance)->instance->control(parse_from_host(json, size));
            if (!out.is_object()) out = {{"result", std::move(out)}};
        } catch (...) {
            out = {{"error", exception_text(std::current_exception())}};
        }
        write(output, ctx, dump(out));
    }

    static const lh_plugin_api* get() {
        static const lh_plugin_api table = {sizeof(lh_plugin_api), &create, &destroy, &start, &stop,
                                            &handle_http, &deliver, &process, &control};
        return &table;
    }
};

// A template per info function, not one inline function with a static inside: g++ merges an inline
// function's static across shared libraries (STB_GNU_UNIQUE) even under RTLD_LOCAL, so two plugins
// built without hidden visibility would otherwise report the first one's manifest.
template <PluginInfo (*info)()>
const char* manifest_text() {
    static const std::string text = [] {
        try {
            return dump(manifest_json(info()));
        } catch (...) {
            return dump(Json{{"error", exception_text(std::current_exception())}});
        }
    }();
    return text.c_str();
}

}  // namespace detail
}  // namespace leadhub::sdk

// Exports the three C symbols the host reads. Use once per plugin library, at namespace scope.
#define LEADHUB_PLUGIN(info_function, factory_function)                                              \
    extern "C" LEADHUB_EXPORT uint32_t leadhub_abi_version(void) { return LEADHUB_ABI_VERSION; }      \
    extern "C" LEADHUB_EXPORT const char* leadhub_manifest(void) {                                    \
        return ::leadhub::sdk::detail::manifest_text<&info_function>();                                 \
    }                                                                                                 \
    extern "C" LEADHUB_EXPORT const lh_plugin_api* leadhub_plugin(void) {                             \
        return ::leadhub::sdk::detail::Table<&factory_function>::get();                               \
    }
