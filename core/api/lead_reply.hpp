// Answering a customer from the hub: the text goes to the lead's channel through the outbox (a
// `reply` job for the source instance that received the customer's latest message) and is
// recorded on the conversation. Shared by POST /api/leads/{id}/reply and `leadhub leads reply`.
#pragma once

#include "store/store.hpp"

#include <leadhub/sdk/json.hpp>

#include <cstddef>

namespace leadhub::app {

// The hub's own bounds; each channel applies its platform's limits on top (Telegram and
// WhatsApp 4096 characters, Instagram 1000, ...).
inline constexpr std::size_t kMaxReplyCharacters = 4096;
inline constexpr std::size_t kMaxReplyButtons = 10;

struct ReplyAnswer {
    int status = 202;     // 202 queued, 400 bad request, 404 no lead, 409 no channel to answer on
    nlohmann::json body;  // {"lead_id", "message_id", "job_id", "source", "channel"} or {"error"}
};

// `request`: {"text": "...", "buttons": [{"id", "title"}]?, "author": "olga"?}. Throws
// store::StoreError when the store fails.
ReplyAnswer send_reply(store::Store& store, int64_t lead_id, const nlohmann::json& request, int64_t now_ms);

}  // namespace leadhub::app
