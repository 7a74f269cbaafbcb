// From a source's event message (sdk::MessageEvent staff_action or lead_status) to the action
// the store applies to the lead, with the removal of its inbox row (docs/crm-and-notifiers.md,
// "Events that come back"). The config decides here: who a platform's user is among the staff,
// and what each staff action means.
#pragma once

#include "config/config.hpp"
#include "store/store.hpp"

#include <leadhub/sdk/types.hpp>

namespace leadhub::pipeline {

bool is_lead_event(const sdk::Message& message);

// The action for an event message of `source`. An action that finds no lead does nothing, so a
// press by someone who is not staff, or on a card of a lead that is gone, becomes one that names
// none. Throws std::invalid_argument when the message is not an event or says nothing usable.
store::LeadAction prepare_action(const config::TenantConfig& tenant, const std::string& source,
                                 const sdk::Message& message);

// "42" or "lead-42" (as a card names its lead): the id, or nothing.
std::optional<int64_t> lead_id_from_ref(const std::string& ref);

}  // namespace leadhub::pipeline
