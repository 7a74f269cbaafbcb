// The Bot API calls of the staff side, without I/O: the bodies of sendMessage (a card),
// editMessageText, answerCallbackQuery, setMessageReaction, and how their answers read.
//
//   card sent                  ok, external id "<chat_id>:<message_id>"
//   429                        retry after parameters.retry_after (classify_send, telegram_api.hpp)
//   403 blocked / kicked, 400 chat not found and other 4xx: permanent with Telegram's words
//   400 "message is not modified" (editMessageText: the card already says it)   ok
//   400 "query is too old … or query ID is invalid" (answerCallbackQuery: answered late, or
//       twice; the press itself was applied)                                    ok
#pragma once

#include "telegram_api.hpp"

#include <leadhub/sdk/types.hpp>

#include <cstdint>
#include <string>

namespace leadhub::telegram {

// sendMessage in HTML parse mode with the card's keyboard (none when it is null: an alert without
// its card), without a link preview (a tel: link has none, a customer's URL would push the
// buttons down).
sdk::Json card_message_body(const sdk::Json& chat_id, const std::string& html, const sdk::Json& keyboard);

// editMessageText of the card at chat_id/message_id: the new HTML text and keyboard.
sdk::Json edit_card_body(const sdk::Json& chat_id, const sdk::Json& message_id, const std::string& html,
                         const sdk::Json& keyboard);

// answerCallbackQuery; an empty text only stops the button's spinner.
sdk::Json answer_press_body(const std::string& callback_query_id, const std::string& text, bool alert);

// setMessageReaction 👍 on a staff member's reply that reached the customer.
sdk::Json reply_sent_reaction_body(const sdk::Json& chat_id, const sdk::Json& message_id);

// sendMessage in answer to a staff member's reply that did not reach the customer.
sdk::Json reply_failed_body(const sdk::Json& chat_id, const sdk::Json& message_id, const std::string& problem);

bool is_not_modified(const ApiAnswer& answer);
bool is_query_too_old(const ApiAnswer& answer);

// "<chat_id>:<message_id>" of a sent message: the chat Telegram reports, else the one asked for.
std::string sent_message_ref(const ApiAnswer& answer, const sdk::Json& chat_id);

// A chat id from the config or a contact: an integer, or a string of one ("-100…", "784512396").
std::optional<int64_t> chat_id_of(const sdk::Json& value);

}  // namespace leadhub::telegram
