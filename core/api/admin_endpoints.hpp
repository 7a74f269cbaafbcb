// The admin API's endpoints: one {method, pattern, handler} each, every handler built from what it
// reads or changes and nothing more.
//   GET  /api/status                        what runs (the runtime's status)
//   GET  /api/leads?limit=N&tenant=T        {"leads": [...]}, newest first (limit 1..1000, default 50)
//   GET  /api/leads/{id}/messages           {"lead_id", "messages": [...]}
//   POST /api/leads/{id}/status             {"status": "booked", "booked_for"?, "reason"?, "staff"?} -> {"id", "status"}
//   GET  /api/leads/{id}/history            {"lead_id", "history": [{"at", "kind", "from", "to", "actor", "via", "detail"}]}
//   POST /api/leads/{id}/take               {"staff": "olga"} -> 200 {"id", "assignee", ...}; 409 taken by
//                                           another ({"assignee"}), 403 not offered to them, 404, 400
//   GET  /api/deadletters?limit=N&tenant=T  {"deadletters": [...]}, newest first
//   POST /api/deadletters/{id}/replay       {"replayed": [id]}
//   POST /api/deadletters/replay?tenant=T   {"replayed": count}
// A new endpoint is a handler here and a row in admin_endpoints(), with its unit test in
// tests/admin_endpoints_test.cpp.
#pragma once

#include "api/admin_api.hpp"
#include "store/store.hpp"

#include <functional>
#include <vector>

namespace leadhub::app {

AdminHandler runtime_status(std::function<nlohmann::json()> status);
AdminHandler list_leads(store::Store& store);
AdminHandler list_lead_messages(store::Store& store);
AdminHandler set_lead_status(store::Store& store);
AdminHandler lead_history(store::Store& store);
AdminHandler take_offered_lead(store::Store& store);
AdminHandler reply_to_lead(store::Store& store, std::function<void()> wake_dispatcher);
AdminHandler list_dead_letters(store::Store& store);
// The replays wake the dispatcher, so the replayed jobs go out now rather than at its next poll.
AdminHandler replay_dead_letter(store::Store& store, std::function<void()> wake_dispatcher);
AdminHandler replay_dead_letters(store::Store& store, std::function<void()> wake_dispatcher);

// An operator's action on a running instance: (tenant, instance, request) -> the plugin's answer.
using InstanceControl =
    std::function<nlohmann::json(const std::string& tenant, const std::string& instance, const nlohmann::json& request)>;
// POST /api/channels/connect {"instance": "tenant/name", "webhook_url": "https://..."}: the
// channel registers its webhook with the platform, or says what to paste where.
// POST /api/crm/connect {"instance": "tenant/name", "code": "..."}: the same for a CRM, whose
// OAuth authorization code the instance exchanges for its tokens once.
AdminHandler connect_channel(InstanceControl control);

// The table, in the order paths are tried.
std::vector<AdminEndpoint> admin_endpoints(store::Store& store, std::function<nlohmann::json()> status,
                                           std::function<void()> wake_dispatcher, InstanceControl control = {});

// A dead letter as the API and `leadhub deadletters` show it.
nlohmann::json dead_letter_json(const store::Job& job);

}  // namespace leadhub::app
