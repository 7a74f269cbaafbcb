// What the customer's latest words say to the hub's automatic messages (store.hpp, "Timers":
// purpose "answer", armed by each customer message of a lead a moment later, like a reply):
//   - "стоп", "не пишите мне" ... : never message this customer automatically again (on the
//     contact), whatever the lead;
//   - to a reminder not yet answered: «да», «подтверждаю», «буду» confirm it (recorded, thanked);
//     a cancellation («не смогу», «отмените») cancels the visit, thanks them and tells the staff
//     at once; a request to move («перенесите на пятницу») tells the staff at once and stops the
//     reminders of the old time; anything else is passed to the staff as it is, never guessed.
// The latest words are the customer's messages since the hub's or the staff's last message; the
// reading of each (its intent) comes from the understanding, which knows cancel and reschedule.
#pragma once

#include "config/config.hpp"
#include "store/store.hpp"

#include <leadhub/sdk/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace leadhub::conversation {

enum class CustomerAnswer { confirm, cancel, move, stop, unclear };
const char* to_string(CustomerAnswer answer);

// One message's text and the intent the understanding read in it.
CustomerAnswer classify_answer(const std::string& text, const std::string& intent);
// Whether the text asks never to be messaged again.
bool asks_to_stop(const std::string& text);

// The "answer" timer a customer's message arms (nullopt for other kinds of message).
std::optional<store::TimerSpec> answer_timer(const store::InboundMessage& message);

// What a due "answer" timer does.
store::TimerFiring plan_answer(const config::TenantConfig& tenant, const store::Lead& lead, const nlohmann::json& described,
                               const std::vector<store::StoredMessage>& messages, const std::vector<store::LeadEvent>& history,
                               int64_t now_ms);

}  // namespace leadhub::conversation
