// Registration only: the manifest, the factory and the C exports of the {{name}} source.
#include "options.hpp"
#include "{{identifier}}_source.hpp"

#include <leadhub/sdk/plugin.hpp>

namespace {

leadhub::sdk::PluginInfo plugin_info() {
    return {"{{name}}", "0.1.0", "Takes enquiries POSTed as JSON to its webhook, each one a lead", {"source"},
            {{identifier}}_plugin::option_set().specs()};
}

std::unique_ptr<leadhub::sdk::Instance> make_instance(const leadhub::sdk::Context& ctx) {
    return std::make_unique<{{identifier}}_plugin::{{class}}Source>(ctx);
}

}  // namespace

LEADHUB_PLUGIN(plugin_info, make_instance)
