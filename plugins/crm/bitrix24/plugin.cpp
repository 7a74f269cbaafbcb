// Registration only: the manifest, the factory and the C exports of the bitrix24 plugin.
#include "bitrix24_sink.hpp"
#include "options.hpp"

#include <leadhub/sdk/plugin.hpp>

namespace {

leadhub::sdk::PluginInfo bitrix24_info() {
    return {"bitrix24", "1.0.0",
            "Puts leads into Bitrix24 CRM (a new lead, or a comment on the customer it knows) and reads its stage changes back",
            {"source", "sink"}, leadhub::bitrix24::bitrix24_options().specs(),
            // Bitrix24's leaky bucket outside the Enterprise plan: 2 requests a second, 50 at once.
            // A delivery costs two (the duplicate search, the add): one a second, 20 at once, keeps
            // ten requests of headroom (bench/crm_burst: a burst of 25 still met the limit twice).
            // One at a time keeps the search-then-add in order.
            {{"rate_per_second", 1}, {"burst", 20}, {"concurrency", 1}, {"timeout_ms", 60000}, {"lead_updates", true}}};
}

std::unique_ptr<leadhub::sdk::Instance> make_bitrix24(const leadhub::sdk::Context& ctx) {
    return std::make_unique<leadhub::bitrix24::Bitrix24>(ctx);
}

}  // namespace

LEADHUB_PLUGIN(bitrix24_info, make_bitrix24)
