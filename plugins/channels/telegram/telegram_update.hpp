// A Telegram Update -> the hub's Messages, without I/O. The same reader serves the webhook (one
// Update per request) and polling (an array of them from getUpdates).
//
// What becomes a Message (channel "telegram"):
//   message in a private chat from a person            customer_message
//   business_message the customer wrote (Telegram Business: the bot answers for the owner's account)
//                                                      customer_message, address with business_connection_id
//   business_message the business wrote to the customer business_message (the conversation was answered)
//   my_chat_member in a private chat, new status "kicked" (the customer blocked the bot)
//                                                      customer_blocked, external_message_id "blocked:<update_id>"
// The staff side (presses on lead cards, replies to them) is read first (telegram_staff.hpp).
// Everything else (groups, supergroups, channels, edits, other callback queries, reactions, polls,
// payments, bots, service messages, unblocking, unknown future types) is answered 200 and yields
// nothing: `ignored` says why.
//
// Ids follow the hub's conventions: external_user_id = the customer's user id, external_message_id
// = "<chat.id>:<message_id>" (message ids are unique only inside one chat), name = first_name +
// " " + last_name, phone only from a contact the sender shared of themself (E.164), address
// {"chat_id": <chat.id>}.
#pragma once

#include "telegram_staff.hpp"

#include <leadhub/sdk/types.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace leadhub::telegram {

struct ParsedUpdate {
    std::optional<int64_t> update_id;  // nullopt: not an Update at all
    std::vector<sdk::Message> messages;
    std::string ignored;  // why nothing was extracted; "" when messages holds something
    // A button press nobody else will answer: answered by the channel (answerCallbackQuery) with
    // callback_text so the button stops spinning ("" id: none).
    std::string callback_query_id;
    std::string callback_text;
};

// Never throws for the update's sake: fields of unexpected types read as absent.
ParsedUpdate parse_update(const sdk::Json& update, const StaffConfig& staff = {});

// A webhook's body: status 200 with the update, or 400 (not JSON, not an Update) / 413 (larger than
// kMaxUpdateBytes) with a one-line reason.
struct ParsedBody {
    int status = 200;
    std::string error;
    ParsedUpdate update;
};
ParsedBody parse_update_body(std::string_view body, const StaffConfig& staff = {});

// An Update is a few kilobytes; the largest (a long text with entities and a replied message)
// stay far below this.
inline constexpr std::size_t kMaxUpdateBytes = 1 << 20;

}  // namespace leadhub::telegram
