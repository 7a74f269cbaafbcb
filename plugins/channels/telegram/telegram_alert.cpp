// deliver() of an `alert` notice (leadhub/sdk/alert.hpp): the hub's text for named members of
// staff, to each one's private chat with the bot (their `telegram` contact), escaped for HTML;
// with "card": true the lead's card and its buttons follow in the same message, so the member can
// take the lead from the alert.
//
// Who has no telegram contact, or whose private chat refuses the bot for good (they never pressed
// Start, they blocked it), is named in one message to the staff chat instead («Марина, …»); an
// alert that names nobody goes to the staff chat as it is. Without a staff chat such a recipient
// is not reached, which is logged and does not fail the others.
//
// Who was reached is remembered per recipient (sdk::DeliveredLedger, key
// "telegram-alert-sent/<idempotency key>") before a retry is answered, so the retry writes only to
// those still waiting. As with cards, a timeout after Telegram sent the message can show it twice.
#include "staff_api.hpp"
#include "staff_card.hpp"
#include "telegram_channel.hpp"

#include <leadhub/sdk/alert.hpp>
#include <leadhub/sdk/text_template.hpp>

namespace leadhub::telegram {

using sdk::Json;
using sdk::Outcome;

namespace {

constexpr const char* kLedgerPrefix = "telegram-alert-sent";
constexpr const char* kStaffChatKey = "staff_chat";  // the ledger's key of an alert that names nobody
// The hub's alerts are a line or two; cut long ones so the card after them (its words are cut to
// kMaxCardWords) keeps the message within Telegram's 4096.
constexpr std::size_t kMaxAlertChars = 2000;

std::string escaped(const std::string& text) { return sdk::render_template("{{v}}", Json{{"v", text}}, sdk::Escape::html); }

}  // namespace

Outcome TelegramChannel::deliver_alert(const sdk::Delivery& delivery) {
    const std::string job = "telegram " + name() + ": job " + std::to_string(delivery.job_id) + " attempt " +
                            std::to_string(delivery.attempt) + ": ";
    // The payload's members are the delivery's own; deliver_notice also accepts them nested in
    // "payload", and so does this.
    const Json& nested = delivery.payload.is_object() ? delivery.payload.value("payload", Json()) : Json();
    const bool top = sdk::is_alert(delivery.payload) || !sdk::is_alert(nested);
    const sdk::AlertRead read = sdk::read_alert(top ? delivery.payload : nested);
    if (!read.alert) {
        host().error(job + read.problem);
        return Outcome::permanent("telegram: " + read.problem);
    }
    const sdk::Alert& alert = *read.alert;

    std::string card;
    Json keyboard;  // null: no buttons
    if (alert.card) {
        if (delivery.lead.id > 0) card = render_card(options_.card_template, delivery.lead.fields);
        if (!card.empty()) keyboard = card_keyboard(std::to_string(delivery.lead.id), new_card_actions());
        else host().warn(job + "the alert goes without its card: " +
                         (delivery.lead.id > 0 ? "option card_template renders an empty card for this lead" : "the notice has no lead id"));
    }
    auto message = [&](const std::string& text) {
        const std::string html = escaped(cut_text(text, kMaxAlertChars));
        return card.empty() ? html : html + "\n\n" + card;
    };

    sdk::DeliveredLedger ledger(host(), kLedgerPrefix, delivery.idempotency_key);
    std::vector<sdk::RecipientOutcome> results;
    std::vector<const sdk::AlertRecipient*> in_chat;  // named in the staff chat instead
    std::vector<std::string> in_chat_keys;
    for (std::size_t i = 0; i < alert.to.size(); ++i) {
        const sdk::AlertRecipient& r = alert.to[i];
        const std::string key = r.key(i);
        if (ledger.contains(key)) continue;  // an earlier attempt reached them
        const std::string contact = r.contact("telegram");
        const std::optional<int64_t> chat = chat_id_of(Json(contact));
        if (chat) {
            Outcome o = send_card_to(*chat, message(alert.text), keyboard, false);
            if (o.kind != Outcome::Kind::permanent || !options_.staff_chat_id) {
                results.push_back({key, r.who() + " (" + contact + ")", o});
                continue;
            }
            host().warn(job + "the alert could not reach " + r.who() + "'s private chat (have they pressed Start in the bot?): " +
                        o.reason + "; naming them in the staff chat");
        }
        in_chat.push_back(&r);
        in_chat_keys.push_back(key);
    }
    if (alert.to.empty() && !ledger.contains(kStaffChatKey)) in_chat_keys.push_back(kStaffChatKey);

    if (!in_chat_keys.empty() && !options_.staff_chat_id) {
        for (const auto* r : in_chat)
            results.push_back({"", r->who(), Outcome::permanent("no telegram contact, and no staff chat to name them in (option staff_chat_id)")});
        if (alert.to.empty())
            results.push_back({"", "the staff chat", Outcome::permanent("the alert names nobody, and option staff_chat_id is not set")});
    } else if (!in_chat_keys.empty()) {
        const std::string text = in_chat.empty() ? alert.text : sdk::alert_names(in_chat) + ", " + alert.text;
        const Outcome o = send_card_to(*options_.staff_chat_id, message(text), keyboard, true);
        for (std::size_t i = 0; i < in_chat_keys.size(); ++i)
            results.push_back({in_chat_keys[i], (i < in_chat.size() ? in_chat[i]->who() + " in " : std::string()) + "the staff chat", o});
    }
    return sdk::alert_outcome(host(), job, "Telegram", ledger, results);
}

}  // namespace leadhub::telegram
