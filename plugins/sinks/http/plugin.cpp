// Registration only: the manifest, the factory and the C exports of the http sink.
#include "http_sink.hpp"
#include "options.hpp"

#include <leadhub/sdk/plugin.hpp>

// The reload test builds these sources a second time with another version, to see which build serves.
#ifndef LEADHUB_HTTP_SINK_VERSION
#define LEADHUB_HTTP_SINK_VERSION "1.0.0"
#endif

namespace {

leadhub::sdk::PluginInfo http_info() {
    return {"http", LEADHUB_HTTP_SINK_VERSION, "Posts each lead as JSON to a URL, so an integrator connects any system",
            {"sink"}, leadhub::http_sink::http_sink_options().specs(),
            // A generic endpoint has no documented limit: modest defaults a config can raise.
            {{"rate_per_second", 10}, {"burst", 20}, {"concurrency", 4}, {"timeout_ms", 15000}}};
}

std::unique_ptr<leadhub::sdk::Instance> make_http(const leadhub::sdk::Context& ctx) {
    return std::make_unique<leadhub::http_sink::HttpSink>(ctx);
}

}  // namespace

LEADHUB_PLUGIN(http_info, make_http)
