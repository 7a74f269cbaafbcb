// deliver() of a `notice`: the staff side of the bot.
//
// A notice without payload.event is a new lead's card: sendMessage of the card template with its
// buttons, to the assignee's private chat (notify: assignee, their `telegram` contact) or the
// staff chat. An assignee the bot cannot write to (they never pressed Start: 403; 400 chat not
// found) falls back to the staff chat. A group upgraded to a supergroup (400 with
// migrate_to_chat_id) gets the card once more at its new id, and the log says to change
// staff_chat_id. Telegram has no way to look a message up, so a timeout after Telegram sent the
// card can show it twice when the hub retries.
//
// A notice with payload.event "alert" is a text for named members of staff (telegram_alert.cpp).
//
// A notice with payload.event "message_added" is the customer's next message, shown under the
// lead's card (telegram_thread.cpp); so every card sent is remembered in the instance's state.
//
// A notice with payload.event "staff_action_result" is the hub's answer to a press or a reply
// (docs/crm-and-notifiers.md): the press is answered first (clients spin until then; "query is
// too old" is fine, the press was applied all the same), then the card is edited to say who has
// the lead and keeps the buttons still useful ("message is not modified" is fine: two presses
// raced). A reply that reached the customer gets 👍 on it; one that did not gets a message saying
// why.
#include "card_thread.hpp"
#include "staff_api.hpp"
#include "staff_card.hpp"
#include "telegram_channel.hpp"

namespace leadhub::telegram {

using sdk::Json;

namespace {

constexpr uint32_t kCallTimeoutMs = 15000;
constexpr uint32_t kPressAnswerTimeoutMs = 3000;  // inside a webhook answer or a poll

const Json& json_member(const Json& object, const char* key) {
    static const Json none;
    if (!object.is_object()) return none;
    auto it = object.find(key);
    return it == object.end() ? none : *it;
}

// "<chat_id>:<message_id>" of the card answer_to names.
std::string card_ref(const Json& chat_id, const Json& message_id) {
    auto text = [](const Json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); };
    return text(chat_id) + ":" + text(message_id);
}

}  // namespace

void answer_unhandled_press(const sdk::Host& host, const TelegramOptions& options, const std::string& instance,
                            const ParsedUpdate& update) {
    if (update.callback_query_id.empty()) return;
    Json body = answer_press_body(update.callback_query_id, update.callback_text, false);
    ApiAnswer answer = read_answer(host.http(api_request(options, "answerCallbackQuery", body, kPressAnswerTimeoutMs)));
    host.metric("telegram_presses_refused");
    if (!(answer.status == 200 && answer.ok))
        host.debug("telegram " + instance + ": answering a press failed: " + describe(answer));
}

sdk::Outcome TelegramChannel::deliver_notice(const sdk::Delivery& delivery) {
    std::string event = sdk::string_member_or(delivery.payload, "event");
    if (event.empty()) event = sdk::string_member_or(json_member(delivery.payload, "payload"), "event");
    if (event.empty()) return send_card(delivery);
    if (event == "staff_action_result") return deliver_result(delivery);
    if (event == "alert") return deliver_alert(delivery);
    if (event == "message_added") return deliver_message_added(delivery);
    return sdk::Outcome::permanent("telegram does not know notices of event '" + sdk::escape_control(event) + "'");
}

sdk::Outcome TelegramChannel::send_card(const sdk::Delivery& delivery) {
    if (delivery.lead.id <= 0) return sdk::Outcome::permanent("the notice has no lead id: a card needs it for its buttons");
    const std::string html = render_card(options_.card_template, delivery.lead.fields);
    if (html.empty()) return sdk::Outcome::permanent("option card_template renders an empty card for this lead");
    return post_card(delivery, html);
}

sdk::Outcome TelegramChannel::post_card(const sdk::Delivery& delivery, const std::string& html) {
    const Json keyboard = card_keyboard(std::to_string(delivery.lead.id), new_card_actions());
    const std::optional<int64_t> assignee = assignee_chat(delivery);
    if (!assignee && !options_.staff_chat_id)
        return sdk::Outcome::permanent("no staff chat to send the card to: set option staff_chat_id" +
                                       std::string(options_.notify == Notify::assignee
                                                       ? " (the lead's assignee has no telegram contact)" : ""));
    std::optional<sdk::Outcome> outcome;
    if (assignee) {
        outcome = send_card_to(*assignee, html, keyboard, false);
        if (outcome->kind == sdk::Outcome::Kind::permanent && options_.staff_chat_id) {
            host().warn("telegram " + name() + ": the card of lead " + std::to_string(delivery.lead.id) +
                        " could not reach the assignee's private chat (have they pressed Start in the bot?): " +
                        outcome->reason + "; sending it to the staff chat");
            outcome.reset();
        }
    }
    if (!outcome) outcome = send_card_to(*options_.staff_chat_id, html, keyboard, true);
    if (outcome->kind == sdk::Outcome::Kind::ok) remember_card(delivery.lead.id, outcome->external_id);
    return *outcome;
}

std::optional<int64_t> TelegramChannel::assignee_chat(const sdk::Delivery& delivery) const {
    if (options_.notify != Notify::assignee) return std::nullopt;
    return chat_id_of(json_member(json_member(delivery.lead.fields, "assignee_contacts"), "telegram"));
}

std::optional<int64_t> TelegramChannel::card_chat(const sdk::Delivery& delivery) const {
    if (auto assignee = assignee_chat(delivery)) return assignee;
    return options_.staff_chat_id;
}

void TelegramChannel::remember_card(int64_t lead_id, const std::string& ref) {
    // The card is sent whatever happens here; without the record the lead's next message comes
    // as a fresh card instead of under this one.
    auto card = parse_card_ref(ref);
    const std::string key = card_refs_key(lead_id);
    if (!card || !host().state_put(key, with_card_ref(host().state_get(key), *card)))
        host().warn("telegram " + name() + ": could not remember the card " + sdk::escape_control(ref) + " of lead " +
                    std::to_string(lead_id) + ": the customer's next message will come as a new card");
}

sdk::Outcome TelegramChannel::send_card_to(int64_t chat_id, const std::string& html, const Json& keyboard,
                                           bool may_migrate) {
    const Json body = card_message_body(chat_id, html, keyboard);
    sdk::HttpResponse response = host().http(api_request(options_, "sendMessage", body, kCallTimeoutMs));
    ApiAnswer answer = read_answer(response);
    sdk::Outcome outcome = classify_send(answer, response);
    if (outcome.kind == sdk::Outcome::Kind::ok) return sdk::Outcome::ok(sent_message_ref(answer, chat_id));
    if (answer.status == 400 && answer.migrate_to_chat_id && may_migrate) {
        host().warn("telegram " + name() + ": the staff chat " + std::to_string(chat_id) +
                    " became a supergroup with id " + std::to_string(*answer.migrate_to_chat_id) +
                    ": sending the card there; set option staff_chat_id to " +
                    std::to_string(*answer.migrate_to_chat_id));
        return send_card_to(*answer.migrate_to_chat_id, html, keyboard, false);
    }
    if (outcome.kind == sdk::Outcome::Kind::permanent) outcome.reason = "chat " + std::to_string(chat_id) + ": " + outcome.reason;
    return outcome;
}

sdk::Outcome TelegramChannel::deliver_result(const sdk::Delivery& delivery) {
    const Json& payload = delivery.payload;
    const Json& lead = delivery.lead.fields;
    const Json& answer_to = json_member(payload, "answer_to");
    const ResultView view = result_view(payload, lead);
    const std::string press = sdk::string_member_or(answer_to, "callback_query_id");
    const Json& chat_id = json_member(answer_to, "chat_id");
    const Json& message_id = json_member(answer_to, "message_id");

    if (!press.empty()) {
        sdk::HttpResponse response = host().http(api_request(options_, "answerCallbackQuery",
                                                             answer_press_body(press, view.answer, view.alert), kCallTimeoutMs));
        ApiAnswer answer = read_answer(response);
        if (is_query_too_old(answer))
            host().info("telegram " + name() + ": the press was answered too late (" + describe(answer) + "); the card is still updated");
        else if (sdk::Outcome o = classify_send(answer, response); o.kind != sdk::Outcome::Kind::ok)
            return o;
    }
    if (chat_id.is_null() || message_id.is_null()) return sdk::Outcome::ok();
    if (press.empty()) return answer_reply_result(sdk::string_member_or(payload, "result"), answer_to, view.reply_problem);
    if (!view.edit || delivery.lead.id <= 0) return sdk::Outcome::ok();

    const std::string html = render_card(options_.card_template, lead) + "\n\n" + view.status;
    const Json body = edit_card_body(chat_id, message_id, html, card_keyboard(std::to_string(delivery.lead.id), view.actions));
    sdk::HttpResponse response = host().http(api_request(options_, "editMessageText", body, kCallTimeoutMs));
    ApiAnswer answer = read_answer(response);
    if (is_not_modified(answer)) return sdk::Outcome::ok(card_ref(chat_id, message_id));
    sdk::Outcome outcome = classify_send(answer, response);
    if (outcome.kind == sdk::Outcome::Kind::ok) return sdk::Outcome::ok(card_ref(chat_id, message_id));
    outcome.reason = "editing the card: " + outcome.reason;
    return outcome;
}

sdk::Outcome TelegramChannel::answer_reply_result(const std::string& result, const Json& answer_to,
                                                  const std::string& problem) {
    const Json& chat_id = json_member(answer_to, "chat_id");
    const Json& message_id = json_member(answer_to, "message_id");
    if (result == "replied") {
        // A quiet sign, no notification: a failure (an old client, reactions off) changes nothing.
        ApiAnswer answer = read_answer(host().http(api_request(options_, "setMessageReaction",
                                                               reply_sent_reaction_body(chat_id, message_id), kCallTimeoutMs)));
        if (!(answer.status == 200 && answer.ok)) host().debug("telegram " + name() + ": no 👍 on the reply: " + describe(answer));
        return sdk::Outcome::ok();
    }
    if (problem.empty()) return sdk::Outcome::ok();
    sdk::HttpResponse response = host().http(api_request(options_, "sendMessage", reply_failed_body(chat_id, message_id, problem),
                                                         kCallTimeoutMs));
    ApiAnswer answer = read_answer(response);
    sdk::Outcome outcome = classify_send(answer, response);
    if (outcome.kind == sdk::Outcome::Kind::ok) return sdk::Outcome::ok(sent_message_ref(answer, chat_id));
    return outcome;
}

}  // namespace leadhub::telegram
