#include "pipeline/lead_actions.hpp"

#include <charconv>
#include <stdexcept>

namespace leadhub::pipeline {

namespace {

// The member of staff whose contact of the channel's kind is the platform's id of who acted.
const config::StaffConfig* staff_by_contact(const config::TenantConfig& tenant, const std::string& channel,
                                            const std::string& external_id) {
    if (external_id.empty()) return nullptr;
    for (const auto& person : tenant.staff)
        for (const auto& [kind, value] : person.contacts)
            if (kind == channel && value == external_id) return &person;
    return nullptr;
}

store::LeadAction staff_action(const config::TenantConfig& tenant, const sdk::Message& message, store::LeadAction action) {
    const sdk::StaffAction& staff = *message.staff_action;
    const config::StaffConfig* person = staff_by_contact(tenant, message.channel, staff.staff_external_id);
    if (!person) return action;  // not one of ours: no lead, nothing happens
    action.lead_id = lead_id_from_ref(staff.lead_ref);
    action.staff_id = person->id;
    action.staff_chat = true;
    for (const auto& p : tenant.staff) action.staff_names[p.id] = p.name;
    action.result_notice = store::Json{{"action", staff.action},
                                       {"answer_to", staff.answer_to},
                                       {"staff", {{"id", person->id}, {"name", person->name}}}};
    action.change.actor = person->id;
    action.change.via = action.source;
    if (staff.action == "take") {
        action.kind = store::LeadAction::Kind::take;
    } else if (staff.action == "reply") {
        if (staff.text.empty()) throw std::invalid_argument("a staff reply without a text");
        action.kind = store::LeadAction::Kind::reply;
        action.text = staff.text;
    } else if (staff.action == "booked") {
        action.change.status = "booked";
    } else if (staff.action == "junk") {
        action.change.status = "lost";
        action.change.reason = "не целевой";
    } else if (staff.action == "later") {
        action.change.status = "in_work";
        action.change.detail = {{"note", "перезвонит позже"}};
    } else {
        throw std::invalid_argument("unknown staff action '" + sdk::escape_control(staff.action) + "'");
    }
    return action;
}

store::LeadAction status_action(const sdk::Message& message, store::LeadAction action) {
    const sdk::LeadStatusUpdate& update = *message.lead_status;
    if (store::lead_status_from_name(update.status).empty())
        throw std::invalid_argument("unknown lead status '" + sdk::escape_control(update.status) + "'");
    action.lead_id = update.lead_id;
    if (!update.lead_id) action.external_id = update.external_id;
    action.change.status = update.status;
    action.change.reason = update.reason;
    action.change.booked_for = update.booked_for;
    action.change.actor = update.changed_by;
    action.change.via = action.source;
    if (!update.crm_status.empty()) action.change.detail = {{"crm_status", update.crm_status}};
    return action;
}

}  // namespace

bool is_lead_event(const sdk::Message& message) {
    return message.event == sdk::MessageEvent::staff_action || message.event == sdk::MessageEvent::lead_status;
}

std::optional<int64_t> lead_id_from_ref(const std::string& ref) {
    std::string_view digits = ref;
    if (digits.starts_with("lead-")) digits.remove_prefix(5);
    int64_t id = 0;
    auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
    if (error != std::errc() || end != digits.data() + digits.size() || id <= 0) return std::nullopt;
    return id;
}

store::LeadAction prepare_action(const config::TenantConfig& tenant, const std::string& source,
                                 const sdk::Message& message) {
    store::LeadAction action;
    action.tenant = tenant.id;
    action.source = source;
    action.event_id = message.external_message_id;
    if (message.event == sdk::MessageEvent::staff_action && message.staff_action)
        return staff_action(tenant, message, std::move(action));
    if (message.event == sdk::MessageEvent::lead_status && message.lead_status)
        return status_action(message, std::move(action));
    throw std::invalid_argument("not an event on a lead");
}

}  // namespace leadhub::pipeline
