// One VK community event (a Callback API notification, or a Bots Long Poll update: the same
// object without `secret`) read into what the hub records. Pure mapping, no I/O.
//
//   confirmation          -> confirmation (the webhook answers the confirmation string)
//   message_new           -> a customer_message (both shapes: API >= 5.103 object = {message,
//                            client_info}; older: object is the message)
//   message_reply         -> a business_message (the community's own outgoing message)
//   message_deny          -> a customer_blocked (the customer forbade the community's messages)
//   anything else         -> ignored (message_allow, message_edit, message_typing_state,
//                            message_event, wall_*, ...), as are messages in chats
//                            (peer_id >= 2000000000) and from communities
//   another group_id      -> other_community
//   not VK's shape        -> malformed, with the reason
#pragma once

#include <leadhub/sdk/types.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace leadhub::vk {

enum class EventKind { confirmation, messages, ignored, other_community, malformed };

struct ReadEvent {
    EventKind kind = EventKind::ignored;
    std::string type;    // the event's "type", as sent (for logs)
    std::string reason;  // ignored / other_community / malformed: why, safe to quote in one line
    std::vector<sdk::Message> messages;
};

// VK gives chats peer ids from 2e9 up.
inline constexpr int64_t kFirstChatPeerId = 2000000000;

ReadEvent read_event(const sdk::Json& event, int64_t group_id);

// A message object (of message_new or message_reply) as a Message; the caller sets the event.
// Used by read_event; public for the tests of the message mapping.
sdk::Message message_from_vk(const sdk::Json& message, const std::string& event_id);

}  // namespace leadhub::vk
