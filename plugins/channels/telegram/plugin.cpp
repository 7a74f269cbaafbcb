// Registration only: the manifest, the factory and the C exports of the Telegram channel.
#include "options.hpp"
#include "telegram_channel.hpp"

#include <leadhub/sdk/plugin.hpp>

namespace {

leadhub::sdk::PluginInfo telegram_info() {
    return {"telegram", "1.0.0",
            "Telegram bot: customers' private messages in (webhook or polling), the hub's replies out; "
            "lead cards to the staff chat, the staff's presses and replies back",
            {"source", "sink", "notifier"},
            leadhub::telegram::telegram_options().specs(),
            // Telegram's FAQ: about 30 messages per second per bot, about 1 per second in one chat
            // (the per-chat limit is the hub's to keep; a 429 says how long to wait).
            {{"rate_per_second", 30}, {"burst", 30}, {"concurrency", 4}, {"timeout_ms", 20000}}};
}

std::unique_ptr<leadhub::sdk::Instance> make_telegram(const leadhub::sdk::Context& ctx) {
    return std::make_unique<leadhub::telegram::TelegramChannel>(ctx);
}

}  // namespace

LEADHUB_PLUGIN(telegram_info, make_telegram)
