// The WhatsApp channel: one instance per Meta app (one or more business numbers), both a source
// (Meta's webhook under /hooks/<tenant>/<instance>) and the sink of replies to its customers.
//
// Webhook: handshake and signature first (meta_common), then the body (whatsapp_api.hpp): 400
// for a signed body that is not JSON, 200 for everything else, with the messages it carried.
// Replies: text (or reply buttons) inside the 24-hour customer-service window, the configured
// template outside it; a 131047 failure of a free-form reply, at send time or later in a failed
// status, switches that reply to the template, once.
#pragma once

#include "channel_stats.hpp"
#include "meta_webhook.hpp"
#include "options.hpp"
#include "whatsapp_api.hpp"

#include <leadhub/sdk/plugin.hpp>

namespace leadhub::whatsapp {

class WhatsappSource final : public sdk::Source {
public:
    // Throws std::invalid_argument naming the option on an empty secret or a bad api_url.
    explicit WhatsappSource(const sdk::Context& ctx);

    void start() override { host().register_route("*", "/"); }

    sdk::WebhookResult on_webhook(const sdk::HttpRequest& request) override;
    sdk::Outcome deliver(const sdk::Delivery& delivery) override;
    sdk::Json control(const sdk::Json& request) override;

private:
    // One POST to /{phone_number_id}/messages; ok carries the new wamid.
    struct Sent {
        sdk::Outcome outcome;
        meta::GraphError error;
    };
    Sent post_message(const std::string& phone_number_id, const sdk::Json& payload) const;

    sdk::Outcome send_free_form(const Recipient& to, const sdk::Reply& reply);
    sdk::Outcome send_template(const Recipient& to, const std::string& text, const std::string& why);
    void remember_sent(const std::string& wamid, const Recipient& to, const std::string& text) const;
    // A failed status of a message this instance sent: 131047 -> the template, once.
    void handle_failure(const FailedStatus& failure);
    sdk::Outcome counted(sdk::Outcome outcome);

    WhatsappOptions options_;
    meta::MetaSecrets secrets_;
    meta::ChannelStats stats_;
};

}  // namespace leadhub::whatsapp
