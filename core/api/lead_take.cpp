#include "api/lead_take.hpp"

#include <leadhub/sdk/safe_text.hpp>

namespace leadhub::app {

std::string take_reason(const std::string& staff_name, const std::string& staff_id,
                        const std::vector<std::string>& offered_to) {
    std::string list;
    for (const auto& id : offered_to) list += (list.empty() ? "" : ", ") + id;
    std::string who = staff_name == staff_id ? staff_id : staff_name + " (" + staff_id + ")";
    return "заявку взял(а) " + who + " из предложенных: " + list;
}

TakeReply take_lead(store::Store& store, const config::Config* config, int64_t lead_id, const std::string& staff_id,
                    int64_t now_ms) {
    auto lead = store.lead(lead_id);
    if (!lead) return {404, {{"error", "no lead with id " + std::to_string(lead_id)}}};
    std::string name = staff_id;
    if (const auto* tenant = config ? config->find_tenant(lead->tenant) : nullptr)
        if (const auto* person = tenant->find_staff(staff_id)) name = person->name;
    std::vector<std::string> offered = lead->assignment ? lead->assignment->offered_to : std::vector<std::string>{};

    store::TakeResult r = store.take_lead(lead_id, staff_id, take_reason(name, staff_id, offered), now_ms);
    switch (r.kind) {
        case store::TakeResult::Kind::no_such_lead:
            return {404, {{"error", "no lead with id " + std::to_string(lead_id)}}};
        case store::TakeResult::Kind::not_offered:
            // staff_id is the caller's (the API's body, the command line): quoted escaped.
            return {403, {{"error", "lead " + std::to_string(lead_id) + " was not offered to '" +
                                        sdk::escape_control(staff_id) + "'"}}};
        case store::TakeResult::Kind::taken_by_other:
            return {409,
                    {{"error", "lead " + std::to_string(lead_id) + " was already taken by '" + r.assignee + "'"},
                     {"assignee", r.assignee}}};
        case store::TakeResult::Kind::taken:
        case store::TakeResult::Kind::already_yours: break;
    }
    auto now = store.lead(lead_id);
    return {200,
            {{"id", lead_id},
             {"assignee", r.assignee},
             {"assignment", now && now->assignment ? nlohmann::json(now->assignment->status) : nlohmann::json("assigned")},
             {"assignment_reason", now && now->assignment ? nlohmann::json(now->assignment->reason) : nlohmann::json(nullptr)}}};
}

}  // namespace leadhub::app
