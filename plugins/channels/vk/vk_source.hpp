// The VK channel: a community's dialogs as the hub's conversations. Both a source (customers'
// messages in, by Callback API webhook or Bots Long Poll) and a sink for `reply` deliveries
// (messages.send).
//
// A Callback API request, in this order, so a stranger learns nothing without the secret:
// POST only (405) -> a JSON object (400) -> `secret` equals the option, in constant time (403;
// only VK's confirmation request may come without one) -> this community (403) -> the event
// (400 when it is not VK's shape) -> 200 with the confirmation string, or "ok".
#pragma once

#include "options.hpp"
#include "vk_longpoll.hpp"
#include "vk_status.hpp"

#include <leadhub/sdk/plugin.hpp>

#include <memory>
#include <string_view>
#include <leadhub/sdk/secret_compare.hpp>

namespace leadhub::vk {

using sdk::constant_time_equals;  // secret_compare.hpp: shared by every source

class VkChannel final : public sdk::Source {
public:
    // Throws std::invalid_argument naming the option on options that cannot work (options.hpp).
    explicit VkChannel(const sdk::Context& ctx);
    ~VkChannel() override;

    void start() override;
    void stop() override;

    sdk::WebhookResult on_webhook(const sdk::HttpRequest& request) override;
    sdk::Outcome deliver(const sdk::Delivery& delivery) override;
    // "status": the live state; "connect": the registration steps (long poll: switched on through
    // groups.setLongPollSettings when the token may).
    sdk::Json control(const sdk::Json& request) override;

private:
    sdk::WebhookResult refuse(const sdk::HttpRequest& request, int status, std::string reason) const;
    sdk::Json connect(const sdk::Json& request);

    VkOptions options_;
    LiveStatus status_;
    std::unique_ptr<LongPoller> poller_;
};

}  // namespace leadhub::vk
