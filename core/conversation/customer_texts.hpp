// The texts of reminders, answers to them and follow-ups (customers') and of the alerts they
// cause (staff's): the tenant's `reminders.texts` / `follow_ups.texts`, else the Russian
// defaults, rendered over the context below (config/reminders_section.cpp checks the names).
#pragma once

#include "config/config.hpp"
#include "conversation/spoken_time.hpp"
#include "store/store.hpp"

#include <leadhub/sdk/json.hpp>

#include <string>

namespace leadhub::conversation {

// {lead_id, name, services («маникюр и педикюр», accusative for «на …»), when (the visit, said
// relative to now: «завтра в 18:00»), business, channel_title, answer (the customer's words)}.
nlohmann::json customer_text_context(const config::TenantConfig& tenant, const store::Lead& lead, const nlohmann::json& described,
                                     const std::string& booked_for, LocalMinutes now);

// reminder, confirmed, cancelled, moved, rebook, and the staff's cancelled_alert, moved_alert,
// unclear_alert, unreachable_alert.
std::string reminder_text(const config::TenantConfig& tenant, const std::string& name, const nlohmann::json& context);

// The n-th follow-up (0-based).
std::string follow_up_text(const config::TenantConfig& tenant, std::size_t n, const nlohmann::json& context);

// "2026-12-08T18:00" on the local clock; nullopt when malformed.
std::optional<LocalMinutes> parse_visit(const std::string& booked_for);

// The tenant's clock now, to the minute.
LocalMinutes local_now(const config::TenantConfig& tenant, int64_t now_ms);

}  // namespace leadhub::conversation
