// Registration only: the manifest, the factory and the C exports of the {{name}} processor.
#include "options.hpp"
#include "{{identifier}}_processor.hpp"

#include <leadhub/sdk/plugin.hpp>

namespace {

leadhub::sdk::PluginInfo plugin_info() {
    return {"{{name}}", "0.1.0", "Finds phone numbers, e-mails and urgency in a customer's text", {"processor"},
            {{identifier}}_plugin::option_set().specs()};
}

std::unique_ptr<leadhub::sdk::Instance> make_instance(const leadhub::sdk::Context& ctx) {
    return std::make_unique<{{identifier}}_plugin::{{class}}Processor>(ctx);
}

}  // namespace

LEADHUB_PLUGIN(plugin_info, make_instance)
