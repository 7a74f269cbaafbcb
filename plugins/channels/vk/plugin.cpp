// Registration only: the manifest, the factory and the C exports of the VK channel.
#include "options.hpp"
#include "vk_source.hpp"

#include <leadhub/sdk/plugin.hpp>

namespace {

leadhub::sdk::PluginInfo vk_info() {
    return {"vk", "1.0.0",
            "VK community messages: customers' messages in (Callback API or Bots Long Poll), replies out "
            "(messages.send)",
            {"source", "sink"},
            leadhub::vk::vk_options().specs(),
            // The commonly cited limit of a community token is 20 API calls a second (over it: error 6).
            {{"rate_per_second", 20}, {"burst", 20}, {"concurrency", 4}, {"timeout_ms", 15000}}};
}

std::unique_ptr<leadhub::sdk::Instance> make_vk(const leadhub::sdk::Context& ctx) {
    return std::make_unique<leadhub::vk::VkChannel>(ctx);
}

}  // namespace

LEADHUB_PLUGIN(vk_info, make_vk)
