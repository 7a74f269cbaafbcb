// Registration only: the manifest, the factory and the C exports of the Zadarma call source.
#include "options.hpp"
#include "zadarma_source.hpp"

#include <leadhub/sdk/plugin.hpp>

namespace {

leadhub::sdk::PluginInfo zadarma_info() {
    // A call source only: the hub cannot answer a caller on the phone line, so no reply sink.
    return {"zadarma", "1.0.0",
            "Zadarma PBX call notifications: every incoming call, answered or missed, becomes a lead",
            {"source"},
            leadhub::zadarma::zadarma_options().specs()};
}

std::unique_ptr<leadhub::sdk::Instance> make_zadarma(const leadhub::sdk::Context& ctx) {
    return std::make_unique<leadhub::zadarma::ZadarmaSource>(ctx);
}

}  // namespace

LEADHUB_PLUGIN(zadarma_info, make_zadarma)
