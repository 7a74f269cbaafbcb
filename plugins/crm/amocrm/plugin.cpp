// Registration only: the manifest, the factory and the C exports of the amoCRM plugin.
#include "amocrm_sink.hpp"
#include "options.hpp"

#include <leadhub/sdk/plugin.hpp>

namespace {

leadhub::sdk::PluginInfo amocrm_info() {
    return {"amocrm", "1.0.0",
            "Puts each lead into amoCRM (contact, lead, note) and brings its stage changes back as lead statuses",
            {"sink", "source"}, leadhub::amocrm::amo_options().specs(),
            // amoCRM allows 7 requests in a second per IP and a lead costs three (contact search,
            // the deal, its note): one lead every 0.53 s, never two at once, puts at most six in any
            // one second (bench/crm_burst measures it); one at a time keeps the key search meaningful.
            {{"rate_per_second", 1.9}, {"burst", 1}, {"concurrency", 1}, {"timeout_ms", 30000}, {"lead_updates", true}}};
}

std::unique_ptr<leadhub::sdk::Instance> make_amocrm(const leadhub::sdk::Context& ctx) {
    return std::make_unique<leadhub::amocrm::AmoCrm>(ctx);
}

}  // namespace

LEADHUB_PLUGIN(amocrm_info, make_amocrm)
