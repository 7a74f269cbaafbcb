// When the automatic replies go, and what a due "reply" timer sends (store.hpp, "Timers").
//
// A customer's message that can be answered on its channel arms the lead's "reply" timer a
// moment later (kReplyGatherMs): the messages of one burst ("Здравствуйте" / "хочу на маникюр" /
// "завтра в 10") join the lead meanwhile and get ONE reply, composed from the whole
// conversation; a pending timer is not moved by them. A platform's retry of a message is dropped
// at the door and arms nothing. Once staff respond, the store cancels the timer and arms no more
// (TimerSpec::until_staff_respond): a person's takeover silences the automatic replies.
//
// A first reply that proposed a visit («Записываем вас … завтра в 10:00?») answered with «да»
// books it (status booked by the customer, the visit's reminders armed) and thanks them; staff
// still owe the lead their response (the SLA clock runs on).
// Otherwise the reply is compose_reply()'s (auto_reply.hpp) over the lead as it is when the timer fires,
// with the replies sent before read from the lead's history (kind "auto_reply"). A complaint is
// also told at once to the staff whose role is senior or owner (an alert). Replies answer what
// the customer just wrote, so quiet hours do not hold them; they say when the business opens.
#pragma once

#include "config/config.hpp"
#include "store/store.hpp"

#include <leadhub/sdk/json.hpp>

#include <optional>
#include <vector>

namespace leadhub::conversation {

// How long the first message of a burst waits for the rest before it is answered.
inline constexpr int64_t kReplyGatherMs = 300;

// The reply timer a customer message arms (for a new lead, or when it joins one); nullopt when
// replies are off on its channel or the channel cannot carry one (no reply address).
std::optional<store::TimerSpec> reply_timer(const config::TenantConfig& tenant, const store::InboundMessage& message,
                                            bool joins_lead);

// What the due "reply" timer of `lead` sends now. `described`: the lead as a delivery describes
// it; `history`: its history (the automatic replies sent so far).
store::TimerFiring plan_reply(const config::TenantConfig& tenant, const store::Lead& lead, const nlohmann::json& described,
                              const std::vector<store::LeadEvent>& history, const std::vector<store::StoredMessage>& messages,
                              int64_t now_ms);

}  // namespace leadhub::conversation
