// The staff side of a Telegram Update -> a staff_action Message, without I/O. One bot serves the
// customers and the staff (Telegram allows one webhook per bot), so the webhook and the poller
// both ask this reader first and fall back to the customers' reader (telegram_update.hpp).
//
//   callback_query on a card in the staff chat, or in a staff member's private chat with the bot,
//   from a member allowed to act (staff_user_ids; empty: anyone in those chats), data
//   "<action>:<lead ref>" with action take/later/junk/booked
//       -> staff_action {lead_ref, action, staff_external_id = from.id,
//          answer_to {callback_query_id, chat_id, message_id}}, external_message_id "cb:<id>";
//          on a customer's later message under a card (a reply to it), message_id is the card's
//   message in the staff chat or a private chat replying to one of the bot's cards, or to a
//   customer's later message under one (the lead ref read from the inline keyboard the replied
//   message carries), with text or a caption, from a member allowed to act
//       -> staff_action {action "reply", text, answer_to {chat_id, message_id}},
//          external_message_id "<chat.id>:<message_id>"
// Every other callback_query is answered by the channel itself (so the button stops spinning):
// «Только для сотрудников» to a non-member, an empty answer otherwise, and yields nothing. Other
// messages in the staff chat yield nothing. A private message that is not a reply to a card is
// not the staff side's: it is a customer's, even from a member of staff.
#pragma once

#include "options.hpp"

#include <leadhub/sdk/types.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace leadhub::telegram {

struct StaffConfig {
    std::optional<int64_t> chat_id;
    std::vector<std::string> user_ids;  // empty: anyone in the chats above
};

StaffConfig staff_config(const TelegramOptions& options);

struct StaffReading {
    std::optional<sdk::Message> message;  // event staff_action
    std::string ignored;                  // why nothing, when no message
    // A press the hub will not answer: the channel answers it at once with this text.
    std::string callback_query_id;
    std::string callback_text;
};

inline constexpr const char* kOnlyForStaff = "Только для сотрудников";

// nullopt: not the staff side's (a customer's message, or an update of another kind).
std::optional<StaffReading> read_staff_update(const sdk::Json& update, const StaffConfig& staff);

}  // namespace leadhub::telegram
