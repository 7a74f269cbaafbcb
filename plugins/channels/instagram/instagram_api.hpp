// The mapping between leadhub's data and Instagram Messaging's payloads, without I/O.
//
// Inbound (Meta's webhook, after the signature check): {"object": "instagram", "entry": [{"id",
// "time", "messaging": [events]}]}; each event has sender.id, recipient.id, timestamp and one of
//   message           the customer's DM: text, attachments, reply_to -> one Message
//   message.is_echo   the business's own message (sent from the app or by the hub): a
//                     business_message for the customer (recipient.id)
//   message.is_deleted / is_unsupported, read, reaction, referral, optins, edits: ignored
//   postback          a tapped button: its title as the text
// entry[].changes (comments, mentions) and entry[].standby are ignored.
// Ids: external_user_id = sender.id (the customer's Instagram-scoped id), external_message_id =
// message.mid; Instagram gives no name or phone. Address {"recipient_id": sender.id}.
//
// Outbound: POST {api_url}/{api_version}/{account_id}/messages {"recipient": {"id"}, "message":
// {"text", "quick_replies"?}}; answer {"recipient_id", "message_id"}.
#pragma once

#include "graph_api.hpp"

#include <leadhub/sdk/types.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace leadhub::instagram {

inline constexpr std::size_t kMaxTextBytes = 1000;  // Send API: text up to 1000 bytes of UTF-8
inline constexpr std::size_t kMaxQuickReplies = 13;
inline constexpr std::size_t kMaxQuickReplyTitleChars = 20;
inline constexpr std::size_t kMaxQuickReplyPayloadBytes = 1000;

struct ParsedWebhook {
    bool instagram = true;  // false: another object than "instagram" (ignored)
    std::vector<sdk::Message> messages;
    int ignored = 0;  // reads, reactions, echoes of deletions, comments, elements not of Meta's shape
};

// The body read as Meta's webhook; nullopt with `error` set (safe to quote) when the body is
// not JSON or not an object with an entry array. Never throws.
std::optional<ParsedWebhook> parse_webhook(std::string_view body, std::string* error);

// One messaging[] event as a Message, or nullopt when it is not one to record.
std::optional<sdk::Message> message_from_event(const sdk::Json& event);

// The Send API bodies one reply becomes: the text cut into pieces Instagram accepts, the
// buttons as quick replies under the last piece.
std::vector<sdk::Json> send_payloads(const std::string& recipient_id, const sdk::Reply& reply);

// "message_id" of a send's answer; "" when absent.
std::string message_id_from(std::string_view body);

// Code 10 with subcode 2534022 (Instagram) or 2018278 (Messenger): outside the messaging window.
bool is_outside_window(const meta::GraphError& error);

}  // namespace leadhub::instagram
