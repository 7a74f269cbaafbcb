// Timer rows and the end of a lead's SLA clock, as functions on the writer's connection, so the
// changes that arm or cancel timers (a new lead, staff taking it, a status) do it inside their
// own transaction (DESIGN.md: timers move with the change that makes them obsolete).
#pragma once

#include "store/sqlite/sqlite_connection.hpp"
#include "store/store.hpp"

#include <initializer_list>

namespace leadhub::store {

// Arms (or moves) the lead's timer of spec.purpose, as TimerSpec says.
void arm_timer(Connection& db, const std::string& tenant, int64_t lead_id, const TimerSpec& spec, int64_t now_ms);

// Cancels the lead's pending timers whose purpose matches one of the SQL LIKE patterns
// ("sla:%", "reply"); returns how many.
int64_t cancel_timers(Connection& db, int64_t lead_id, std::initializer_list<const char*> purposes, int64_t now_ms);
// Cancels every pending timer of the lead (it closed).
int64_t cancel_all_timers(Connection& db, int64_t lead_id, int64_t now_ms);

// A person acted on the lead (took it, answered the customer, set its status, wrote from the
// business's own account): the first time, the lead's first_response_at is set, recorded in its
// history (kind "first_response", with `how` and the wait), and its SLA steps and automatic
// replies are cancelled. Later calls change nothing.
void record_staff_response(Connection& db, int64_t lead_id, const std::string& actor, const std::string& via,
                           const std::string& how, int64_t now_ms);

}  // namespace leadhub::store
