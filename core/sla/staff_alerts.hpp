// Alerts to staff: a Russian text for named members of staff, sent as a `notice` with
// payload.event "alert" to every instance that carries alerts (docs/crm-and-notifiers.md):
//   {"event": "alert", "alert": <what>, "text": <rendered>, "to": [{"id", "name", "contacts"}], "card": bool}
// The SLA ladder, complaints and a customer's cancellation use them.
#pragma once

#include "config/config.hpp"
#include "store/store.hpp"

#include <leadhub/sdk/json.hpp>

#include <string>
#include <vector>

namespace leadhub::sla {

using Json = nlohmann::json;

// The instances an alert goes through: sla.alerts_via, else every enabled notifier and every
// enabled source whose plugin also notifies.
std::vector<std::string> alert_instances(const config::TenantConfig& tenant);

// Staff ids and roles (as a ladder step names them) to the people; "assignee" is `assignee`.
// Unknown names are skipped; each person once, in staff order.
std::vector<const config::StaffConfig*> people_named(const config::TenantConfig& tenant, const std::vector<std::string>& names,
                                                     const std::string& assignee);

// The staff who should act on a lead nobody answered: its assignee; else those it was offered
// to; else everyone on shift at `now_ms` (everyone, when nobody is).
std::vector<const config::StaffConfig*> responsible_staff(const config::TenantConfig& tenant, const Json& lead, int64_t now_ms);

// One alert job per alert instance; none when there is no such instance.
std::vector<store::JobSpec> alert_jobs(const config::TenantConfig& tenant, const std::string& alert, const std::string& text,
                                       const std::vector<const config::StaffConfig*>& to, bool card);

// "15 минут", "1 час", "1 час 30 минут", "2 дня": a span as a Russian sentence says it after
// «уже» or «за» (accusative). Under a minute: "меньше минуты".
std::string spoken_duration(int64_t ms);

}  // namespace leadhub::sla
