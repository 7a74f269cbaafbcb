// Registration only: the manifest, the factory and the C exports of the WhatsApp channel.
#include "options.hpp"
#include "whatsapp_source.hpp"

#include <leadhub/sdk/plugin.hpp>

namespace {

leadhub::sdk::PluginInfo whatsapp_info() {
    return {"whatsapp", "1.0.0",
            "WhatsApp Cloud API: customers' messages from Meta's webhook, replies inside the 24-hour window "
            "and as an approved template outside it",
            {"source", "sink"},
            leadhub::whatsapp::whatsapp_options().specs(),
            // Meta: 80 messages/s per business number, but about 1 per 6 s to one customer (131056);
            // the pair limit is answered per reply (131056 -> retry after a minute).
            {{"rate_per_second", 80}, {"burst", 80}, {"concurrency", 4}, {"timeout_ms", 15000}}};
}

std::unique_ptr<leadhub::sdk::Instance> make_whatsapp(const leadhub::sdk::Context& ctx) {
    return std::make_unique<leadhub::whatsapp::WhatsappSource>(ctx);
}

}  // namespace

LEADHUB_PLUGIN(whatsapp_info, make_whatsapp)
