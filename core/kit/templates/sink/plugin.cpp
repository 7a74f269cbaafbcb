// Registration only: the manifest, the factory and the C exports of the {{name}} sink.
#include "options.hpp"
#include "{{identifier}}_sink.hpp"

#include <leadhub/sdk/plugin.hpp>

namespace {

leadhub::sdk::PluginInfo plugin_info() {
    return {"{{name}}", "0.1.0", "Posts each lead as JSON to an HTTP endpoint", {"sink"},
            {{identifier}}_plugin::option_set().specs(),
            // Limits the hub applies unless a config sets its own: put the API's documented ones here.
            {{"rate_per_second", 5}, {"burst", 10}, {"concurrency", 2}, {"timeout_ms", 15000}}};
}

std::unique_ptr<leadhub::sdk::Instance> make_instance(const leadhub::sdk::Context& ctx) {
    return std::make_unique<{{identifier}}_plugin::{{class}}Sink>(ctx);
}

}  // namespace

LEADHUB_PLUGIN(plugin_info, make_instance)
