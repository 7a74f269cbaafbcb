// Registration only: the manifest, the factory and the C exports of the Instagram channel.
#include "instagram_source.hpp"
#include "options.hpp"

#include <leadhub/sdk/plugin.hpp>

namespace {

leadhub::sdk::PluginInfo instagram_info() {
    return {"instagram", "1.0.0",
            "Instagram Direct: customers' DMs from Meta's webhook, replies through the Send API within the "
            "messaging window",
            {"source", "sink"},
            leadhub::instagram::instagram_options().specs(),
            // Meta publishes no number for Instagram sends (outbound-contracts: "not confirmed");
            // the Messenger platform's guidance is a few hundred calls per second per Page at most,
            // and a salon answers one customer at a time: a modest default a config can raise.
            {{"rate_per_second", 10}, {"burst", 20}, {"concurrency", 2}, {"timeout_ms", 15000}}};
}

std::unique_ptr<leadhub::sdk::Instance> make_instagram(const leadhub::sdk::Context& ctx) {
    return std::make_unique<leadhub::instagram::InstagramSource>(ctx);
}

}  // namespace

LEADHUB_PLUGIN(instagram_info, make_instagram)
