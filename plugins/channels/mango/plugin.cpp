// Registration only: the manifest, the factory and the C exports of the Mango Office call source.
#include "mango_source.hpp"
#include "options.hpp"

#include <leadhub/sdk/plugin.hpp>

namespace {

leadhub::sdk::PluginInfo mango_info() {
    // A call source only: the hub cannot answer a caller on the phone line, so no reply sink.
    return {"mango", "1.0.0",
            "Mango Office VPBX call events: every incoming call, answered or missed, becomes a lead",
            {"source"},
            leadhub::mango::mango_options().specs()};
}

std::unique_ptr<leadhub::sdk::Instance> make_mango(const leadhub::sdk::Context& ctx) {
    return std::make_unique<leadhub::mango::MangoSource>(ctx);
}

}  // namespace

LEADHUB_PLUGIN(mango_info, make_mango)
