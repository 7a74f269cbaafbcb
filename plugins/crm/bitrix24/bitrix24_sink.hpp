// The bitrix24 instance: a sink (leads into the CRM, later messages as timeline comments) and a
// source (the CRM's stage changes back as lead_status messages). Deliveries: bitrix24_sink.cpp;
// events: bitrix24_webhook.cpp.
#pragma once

#include "bitrix24_client.hpp"
#include "options.hpp"

#include <leadhub/sdk/plugin.hpp>

namespace leadhub::bitrix24 {

class Bitrix24 final : public sdk::Sink {
public:
    // Throws std::invalid_argument on options that validate but make no sense (options.hpp).
    explicit Bitrix24(const sdk::Context& ctx);

    void start() override;
    sdk::Outcome deliver(const sdk::Delivery& delivery) override;
    sdk::WebhookResult on_webhook(const sdk::HttpRequest& request) override;
    sdk::Json control(const sdk::Json& request) override;

private:
    sdk::Outcome new_lead(const sdk::Delivery& delivery);
    sdk::Outcome add_message(const sdk::Delivery& delivery);
    sdk::Outcome logged(const sdk::Delivery& delivery, sdk::Outcome outcome) const;
    sdk::WebhookResult refuse(const sdk::HttpRequest& request, int status, std::string reason) const;

    Bitrix24Options options_;
    Client client_;
};

}  // namespace leadhub::bitrix24
