// The Telegram channel: a source of customers' messages (webhook or polling) and the sink of the
// hub's replies to them (sendMessage), plus the operator's status and connect actions. It is also
// the staff's notifier: lead cards to the staff chat (notices), the staff's presses and replies in
// through the same webhook or polling (telegram_staff.hpp), and the hub's results of them back
// (the press answered, the card edited: telegram_notice.cpp).
//
// Webhook order of checks, so a stranger learns nothing without the secret: secret token (403)
// -> method (405) -> body (413, 400) -> 200 with the messages, or 200 and nothing for what is not
// a customer's message (telegram_update.hpp).
#pragma once

#include "options.hpp"
#include "telegram_api.hpp"
#include "telegram_poller.hpp"
#include "telegram_staff.hpp"
#include "telegram_update.hpp"

#include <leadhub/sdk/plugin.hpp>

#include <memory>
#include <string_view>
#include <leadhub/sdk/secret_compare.hpp>

namespace leadhub::telegram {

using sdk::constant_time_equals;  // secret_compare.hpp: shared by every source

class TelegramChannel final : public sdk::Source {
public:
    // Throws std::invalid_argument on options that validate but make no sense (see options.hpp).
    explicit TelegramChannel(const sdk::Context& ctx);

    void start() override;
    void stop() override;

    sdk::WebhookResult on_webhook(const sdk::HttpRequest& request) override;
    sdk::Outcome deliver(const sdk::Delivery& delivery) override;

    // {"action": "status"}: polling: the poller's state; webhook: getWebhookInfo, fetched live.
    // {"action": "connect", "webhook_url": "https://…"}: webhook: setWebhook then getWebhookInfo;
    // polling: deleteWebhook. {"performed", "steps"} or {"error"}.
    sdk::Json control(const sdk::Json& request) override;

private:
    sdk::WebhookResult refuse(const sdk::HttpRequest& request, int status, std::string reason) const;
    sdk::Outcome send_reply(const sdk::Delivery& delivery);
    sdk::Outcome deliver_notice(const sdk::Delivery& delivery);
    sdk::Outcome send_card(const sdk::Delivery& delivery);
    // The card (`html` with the lead's buttons) where notify says, remembered for the lead.
    sdk::Outcome post_card(const sdk::Delivery& delivery, const std::string& html);
    void remember_card(int64_t lead_id, const std::string& ref);
    // The assignee's private chat when notify says so and they have a telegram contact.
    std::optional<int64_t> assignee_chat(const sdk::Delivery& delivery) const;
    // Where post_card tries first: the assignee's chat, else the staff chat; nullopt: nowhere.
    std::optional<int64_t> card_chat(const sdk::Delivery& delivery) const;
    sdk::Outcome deliver_message_added(const sdk::Delivery& delivery);  // telegram_thread.cpp
    sdk::Outcome send_card_to(int64_t chat_id, const std::string& html, const sdk::Json& keyboard, bool may_migrate);
    sdk::Outcome deliver_result(const sdk::Delivery& delivery);
    sdk::Outcome deliver_alert(const sdk::Delivery& delivery);  // telegram_alert.cpp
    sdk::Outcome answer_reply_result(const std::string& result, const sdk::Json& answer_to, const std::string& problem);
    sdk::Json webhook_status() const;
    sdk::Json connect(const sdk::Json& request) const;
    // One Bot API call, its answer read (control actions; deliver classifies its own).
    ApiAnswer call(const std::string& method, const sdk::Json& body, uint32_t timeout_ms) const;

    TelegramOptions options_;
    StaffConfig staff_;
    std::unique_ptr<Poller> poller_;  // polling mode only
};

// Answers at once a button press the hub will not answer (ParsedUpdate::callback_query_id), so it
// stops spinning: one short call, whose failure is only logged. The webhook and the poller both
// call it.
void answer_unhandled_press(const sdk::Host& host, const TelegramOptions& options, const std::string& instance,
                            const ParsedUpdate& update);

}  // namespace leadhub::telegram
