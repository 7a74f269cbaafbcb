#include "bitrix24_event.hpp"

#include "bitrix24_api.hpp"

#include <leadhub/sdk/form.hpp>

#include <cctype>

namespace leadhub::bitrix24 {

using sdk::Json;

Event read_event(std::string_view body) {
    Event e;
    for (const auto& [key, value] : sdk::parse_form(body)) {
        if (key == "event") {
            e.event = value;
            for (auto& c : e.event) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        } else if (key == "data[FIELDS][ID]") {
            e.id = value;
        } else if (key == "ts") {
            e.ts = value;
        } else if (key == "auth[domain]") {
            e.domain = value;
        } else if (key == "auth[member_id]") {
            e.member_id = value;
        } else if (key == "auth[application_token]") {
            e.application_token = value;
        }
    }
    return e;
}

std::optional<Entity> entity_of(const std::string& event) {
    if (event == "ONCRMLEADUPDATE") return Entity::lead;
    if (event == "ONCRMDEALUPDATE") return Entity::deal;
    return std::nullopt;
}

const char* get_method(Entity entity) { return entity == Entity::lead ? "crm.lead.get" : "crm.deal.get"; }

namespace {

std::string field(const Json& record, const char* key) {
    auto it = record.find(key);
    if (it == record.end() || it->is_null()) return {};
    return it->is_string() ? it->get<std::string>() : it->is_number() ? it->dump() : std::string();
}

// "<tenant>:<id>" written by this plugin into ORIGIN_ID: the hub's lead id.
std::optional<int64_t> hub_lead_id(const Json& record) {
    if (field(record, "ORIGINATOR_ID") != kOriginatorId) return std::nullopt;
    const std::string origin = field(record, "ORIGIN_ID");
    auto colon = origin.rfind(':');
    if (colon == std::string::npos || colon == 0) return std::nullopt;
    return id_value(Json(origin.substr(colon + 1)));
}

// "2024-05-03T18:30:42+03:00" -> "2024-05-03T18:30" (the visit's local time as the portal wrote it).
std::string local_minute(const std::string& value) {
    if (value.size() < 16 || value[4] != '-' || value[7] != '-' || value[10] != 'T' || value[13] != ':') return {};
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15})
        if (!std::isdigit(static_cast<unsigned char>(value[i]))) return {};
    return value.substr(0, 16);
}

std::optional<std::string> mapped_status(const Bitrix24Options& options, const std::string& stage) {
    if (auto it = options.crm_status_map.find(stage); it != options.crm_status_map.end()) return it->second;
    // A deal's stage in another pipeline is "C<n>:WON": the map's "WON" covers every pipeline.
    if (auto colon = stage.find(':'); colon != std::string::npos && stage[0] == 'C')
        if (auto it = options.crm_status_map.find(stage.substr(colon + 1)); it != options.crm_status_map.end()) return it->second;
    return std::nullopt;
}

}  // namespace

std::optional<sdk::LeadStatusUpdate> status_update(Entity entity, const Json& record, const Bitrix24Options& options,
                                                   std::string* stage_out) {
    if (!record.is_object()) return std::nullopt;
    const std::string stage = field(record, entity == Entity::lead ? "STATUS_ID" : "STAGE_ID");
    if (stage_out) *stage_out = stage;
    auto status = mapped_status(options, stage);
    if (stage.empty() || !status) return std::nullopt;
    sdk::LeadStatusUpdate u;
    u.lead_id = hub_lead_id(record);
    const std::string id = field(record, "ID");
    if (entity == Entity::lead) {
        u.external_id = id;
    } else {
        // A deal converted from a lead this plugin made names it: that id is what the hub knows.
        const std::string lead = field(record, "LEAD_ID");
        u.external_id = id_value(Json(lead)) ? lead : "deal:" + id;
    }
    u.status = *status;
    u.crm_status = stage;
    if (u.status == "lost") {
        u.reason = field(record, "STATUS_DESCRIPTION");
        if (u.reason.empty()) u.reason = "Bitrix24: стадия " + stage;
    }
    if (!options.booked_for_field.empty()) u.booked_for = local_minute(field(record, options.booked_for_field.c_str()));
    u.changed_by = field(record, "MOVED_BY_ID");
    if (u.changed_by.empty()) u.changed_by = field(record, "MODIFY_BY_ID");
    return u;
}

sdk::Message status_message(const Event& event, Entity entity, sdk::LeadStatusUpdate update) {
    sdk::Message m;
    m.channel = "crm";
    m.event = sdk::MessageEvent::lead_status;
    m.external_message_id = "bitrix24:" + event.event + ":" + event.id + ":" + event.ts;
    m.extra = {{"provider", "bitrix24"}, {"entity", entity == Entity::lead ? "lead" : "deal"}, {"crm_id", event.id},
               {"event", event.event}};
    m.lead_status = std::move(update);
    return m;
}

}  // namespace leadhub::bitrix24
