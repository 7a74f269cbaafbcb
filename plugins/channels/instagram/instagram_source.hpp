// The Instagram channel: one instance per Instagram professional account (through its Meta
// app), both a source (Meta's webhook under /hooks/<tenant>/<instance>) and the sink of replies
// to its customers' DMs.
//
// Webhook: handshake and signature first (meta_common), then the body (instagram_api.hpp): 400
// for a signed body that is not JSON, 200 for everything else, with the messages it carried.
// Replies: the Send API; outside the messaging window Meta refuses, and the reply fails
// permanently with what the staff should do instead.
#pragma once

#include "channel_stats.hpp"
#include "instagram_api.hpp"
#include "meta_webhook.hpp"
#include "options.hpp"

#include <leadhub/sdk/plugin.hpp>

namespace leadhub::instagram {

class InstagramSource final : public sdk::Source {
public:
    // Throws std::invalid_argument naming the option on an empty secret or a bad api_url.
    explicit InstagramSource(const sdk::Context& ctx);

    void start() override { host().register_route("*", "/"); }

    sdk::WebhookResult on_webhook(const sdk::HttpRequest& request) override;
    sdk::Outcome deliver(const sdk::Delivery& delivery) override;
    sdk::Json control(const sdk::Json& request) override;

private:
    sdk::Outcome send(const sdk::Json& payload) const;
    sdk::Outcome counted(sdk::Outcome outcome);

    InstagramOptions options_;
    meta::MetaSecrets secrets_;
    meta::ChannelStats stats_;
};

}  // namespace leadhub::instagram
