// Bitrix24's outbound events (ONCRMLEADUPDATE, ONCRMDEALUPDATE) without I/O: the form Bitrix24
// posts (application/x-www-form-urlencoded with PHP-style keys: data[FIELDS][ID], auth[...]),
// and the hub's lead_status message made from the lead or deal read back with crm.*.get.
#pragma once

#include "options.hpp"

#include <leadhub/sdk/types.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace leadhub::bitrix24 {

struct Event {
    std::string event;  // upper case, as Bitrix24 names it: ONCRMLEADUPDATE
    std::string id;     // data[FIELDS][ID]
    std::string ts;
    std::string domain, member_id, application_token;  // auth[...]
};

// Reads whatever of the form is there; missing fields stay empty.
Event read_event(std::string_view body);

enum class Entity { lead, deal };
// The entity an event is about, or nullopt for an event this plugin does not read.
std::optional<Entity> entity_of(const std::string& event);
const char* get_method(Entity entity);  // crm.lead.get, crm.deal.get

// The hub's status update from the record crm.lead.get / crm.deal.get returned; nullopt when
// its stage is not in crm_status_map (no change). `stage` gets the stage either way.
std::optional<sdk::LeadStatusUpdate> status_update(Entity entity, const sdk::Json& record, const Bitrix24Options& options,
                                                   std::string* stage = nullptr);

// The message the webhook answers with; external_message_id is event + id + ts (Bitrix24 sends
// no event id), so a repeat of the same event is dropped by the hub.
sdk::Message status_message(const Event& event, Entity entity, sdk::LeadStatusUpdate update);

}  // namespace leadhub::bitrix24
