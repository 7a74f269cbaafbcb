// The writes that change a lead after it opened, as functions on the writer's connection, so that
// the Store's own calls (the admin API's) and a source's events (applied with the removal of
// their inbox row, store_inbox.cpp) run the same code inside whichever transaction they are in.
#pragma once

#include "store/sqlite/sqlite_connection.hpp"
#include "store/store.hpp"

namespace leadhub::store {

// Sets the status (normalised by lead_status_from_name; unknown: StoreError) and records it in
// the lead's history with `source`/`event_id` when an event caused it.
LeadStatusChange write_status_change(Connection& db, int64_t lead_id, const StatusChange& change, int64_t now_ms,
                                     const std::optional<std::string>& source = std::nullopt,
                                     const std::optional<std::string>& event_id = std::nullopt);

// Store::take_lead's rules; `staff_chat`: a lead nobody holds or was offered is anyone's (a card
// in a shared staff chat), and whoever holds it is named to everyone.
TakeResult write_take(Connection& db, int64_t lead_id, const std::string& staff_id, const std::string& reason,
                      int64_t now_ms, const std::string& via, bool staff_chat);

// Store::add_reply's write (the caller checked the text and buttons).
ReplyResult write_reply(Connection& db, const ReplyRequest& request, int64_t now_ms);

// One history entry.
void record_lead_event(Connection& db, int64_t lead_id, const std::string& kind, const std::optional<std::string>& from,
                       const std::optional<std::string>& to, const std::string& actor, const std::string& via,
                       const Json& detail, int64_t now_ms, const std::optional<std::string>& source = std::nullopt,
                       const std::optional<std::string>& event_id = std::nullopt);

// Applies a source's event to its lead (LeadAction); returns what the history says happened.
void apply_lead_action(Connection& db, const LeadAction& action, int64_t now_ms);

// Whether (tenant, source, event_id) was applied already.
bool lead_event_seen(Connection& db, const std::string& tenant, const std::string& source, const std::string& event_id);

}  // namespace leadhub::store
