// Nudges to a customer whose enquiry did not become a booking (store.hpp, "Timers": purposes
// "followup:1", "followup:2" ...), armed with the lead, `follow_ups.after` after it arrived,
// moved into working hours and out of quiet hours. A booking cancels them (the store's rule), as
// does a closed lead. When due, one is sent only while the lead is new or in work, the enquiry
// was not a complaint or a cancellation, the customer is not waiting for an answer of ours (the
// last message is ours), and the channel can start a conversation. After the last nudge the lead
// moves to "nurture"; a customer who writes again brings it back to the queue (the store's rule).
#pragma once

#include "config/config.hpp"
#include "store/store.hpp"

#include <leadhub/sdk/json.hpp>

#include <vector>

namespace leadhub::conversation {

// The nudges of a new lead whose first message arrived at `arrived_ms` on `message`'s channel
// (none when the channel cannot carry a reply).
std::vector<store::TimerSpec> follow_up_timers(const config::TenantConfig& tenant, const store::InboundMessage& message);

// What a due "followup:<n>" timer does.
store::TimerFiring plan_follow_up(const config::TenantConfig& tenant, const store::Lead& lead, const nlohmann::json& described,
                                  const std::vector<store::StoredMessage>& messages, const store::Timer& timer, int64_t now_ms);

}  // namespace leadhub::conversation
