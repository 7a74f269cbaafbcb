// deliver() of a `message_added` notice: the customer wrote again on a lead this bot sent a card
// of (docs/crm-and-notifiers.md), and the staff see it where they saw the lead.
//
// The line («💬 Анна: …», option message_template) goes to each chat that has the lead's card
// (the refs remembered when the cards were sent, card_thread.hpp), in reply to the card and with
// the card's buttons, so a staff member who replies to the line answers the customer as from the
// card. Which cards were written to is kept per notice (sdk::DeliveredLedger, key
// "telegram-thread-sent/<idempotency key>") before a retry is answered, so a retry writes only to
// the cards still waiting. As with cards, a timeout after Telegram sent the line can show it twice.
//
// Nothing is lost for want of a card: with no card known (one sent before cards were remembered,
// a state lost), or when every card's chat refuses the line for good (the bot removed, a member
// who blocked it, a group upgraded to a supergroup), a fresh card with the line under it goes
// where a new card would, unless that is a chat that just refused. Only when that fails too is
// the notice `permanent`, naming each chat and Telegram's words.
#include "card_thread.hpp"
#include "staff_api.hpp"
#include "staff_card.hpp"
#include "telegram_channel.hpp"

#include <leadhub/sdk/alert.hpp>

#include <algorithm>

namespace leadhub::telegram {

using sdk::Json;
using sdk::Outcome;

namespace {

constexpr uint32_t kThreadCallTimeoutMs = 15000;

const Json& thread_member(const Json& object, const char* key) {
    static const Json none;
    if (!object.is_object()) return none;
    auto it = object.find(key);
    return it == object.end() ? none : *it;
}

// payload.message, or nested in "payload" as deliver_notice also accepts a notice's members.
const Json& added_message(const Json& payload) {
    const Json& top = thread_member(payload, "message");
    return top.is_object() ? top : thread_member(thread_member(payload, "payload"), "message");
}

std::string joined_reasons(const std::vector<sdk::RecipientOutcome>& results, Outcome::Kind kind) {
    std::string out;
    for (const auto& r : results)
        if (r.outcome.kind == kind) out += (out.empty() ? "" : "; ") + r.who + ": " + r.outcome.reason;
    return out;
}

}  // namespace

Outcome TelegramChannel::deliver_message_added(const sdk::Delivery& delivery) {
    const std::string job = "telegram " + name() + ": job " + std::to_string(delivery.job_id) + " attempt " +
                            std::to_string(delivery.attempt) + ": ";
    if (delivery.lead.id <= 0)
        return Outcome::permanent("the message_added notice has no lead id: there is no card to show the message under");
    const Json& message = added_message(delivery.payload);
    if (!message.is_object()) {
        host().error(job + "the message_added notice has no payload.message object");
        return Outcome::permanent("telegram: the message_added notice has no payload.message object");
    }
    const std::string line = render_thread_line(options_.message_template, delivery.lead.fields, message);
    if (line.empty()) return Outcome::permanent("option message_template renders an empty line for this message");

    sdk::DeliveredLedger ledger(host(), kThreadSentPrefix, delivery.idempotency_key);
    const std::vector<CardRef> cards = read_card_refs(host().state_get(card_refs_key(delivery.lead.id)));
    const Json keyboard = card_keyboard(std::to_string(delivery.lead.id), new_card_actions());

    std::vector<sdk::RecipientOutcome> results;
    std::vector<int64_t> refused_chats;  // refused for good: a fresh card does not go there
    for (const CardRef& card : cards) {
        if (ledger.contains(card.text())) continue;  // an earlier attempt showed it under this card
        sdk::HttpResponse response =
            host().http(api_request(options_, "sendMessage", thread_message_body(card, line, keyboard), kThreadCallTimeoutMs));
        const ApiAnswer answer = read_answer(response);
        Outcome o = classify_send(answer, response);
        if (o.kind == Outcome::Kind::ok) o.external_id = sent_message_ref(answer, Json(card.chat_id));
        // A group upgraded to a supergroup (its reason says the new id) is not a refusal: the
        // card is gone from there, and a fresh card finds the new chat.
        if (o.kind == Outcome::Kind::permanent && !answer.migrate_to_chat_id) refused_chats.push_back(card.chat_id);
        results.push_back({card.text(), "chat " + std::to_string(card.chat_id), std::move(o)});
    }
    const bool waiting = std::any_of(results.begin(), results.end(),
                                     [](const auto& r) { return r.outcome.kind == Outcome::Kind::retry; });
    for (const auto& r : results)
        if (r.outcome.kind == Outcome::Kind::ok) ledger.record(r.key, r.outcome.external_id);
    const std::string refused = joined_reasons(results, Outcome::Kind::permanent);

    if (waiting) {
        std::optional<int64_t> retry_after;
        for (const auto& r : results)
            if (r.outcome.retry_after_ms) retry_after = std::max(retry_after.value_or(0), *r.outcome.retry_after_ms);
        if (!ledger.empty() && !ledger.save())
            host().error(job + "could not remember which cards got the message: a retry may show it twice");
        const std::string reason = joined_reasons(results, Outcome::Kind::retry) +
                                   (refused.empty() ? "" : "; refused for good: " + refused);
        host().warn(job + "the customer's message will be retried: " + reason);
        return Outcome::retry(reason, retry_after);
    }
    if (!ledger.empty()) {
        if (!refused.empty()) host().warn(job + "the customer's message is under some of the lead's cards; refused: " + refused);
        return Outcome::ok(ledger.ids());
    }

    // Under no card: a fresh one, unless it would go to a chat that has just refused.
    const std::optional<int64_t> first = card_chat(delivery);
    if (!cards.empty() && (!first || std::find(refused_chats.begin(), refused_chats.end(), *first) != refused_chats.end()))
        return Outcome::permanent("the customer's message could not be shown under the card of lead " +
                                  std::to_string(delivery.lead.id) + ": " + refused);
    if (!cards.empty()) host().warn(job + "no card of lead " + std::to_string(delivery.lead.id) + " took the message (" + refused + "); posting a new card");
    const std::string card = render_card(options_.card_template, delivery.lead.fields);
    Outcome fresh = post_card(delivery, card.empty() ? line : card + "\n\n" + line);
    if (fresh.kind == Outcome::Kind::permanent)
        fresh.reason = (refused.empty() ? std::string() : "the customer's message could not be shown under the card: " + refused + "; ") +
                       "nor in a new card: " + fresh.reason;
    return fresh;
}

}  // namespace leadhub::telegram
