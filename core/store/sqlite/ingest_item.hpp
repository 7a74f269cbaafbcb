// One message into the store inside the writer's transaction: the step that Store::ingest() and
// Store::process_inbox() share (contact, conversation or new lead, assignment, jobs, message).
#pragma once

#include "store/sqlite/sqlite_connection.hpp"
#include "store/store.hpp"

namespace leadhub::store {

// Throws StoreError naming the message's tenant and source when a write fails; the caller's
// savepoint undoes whatever the item wrote.
IngestResult ingest_item(Connection& db, const IngestItem& item, int64_t now_ms);

// Inserts one outbox job of the lead, due at spec.not_before_ms (or now), with its final
// idempotency key "lh-<tenant>-<id>"; returns its id.
int64_t insert_job(Connection& db, const std::string& tenant, int64_t lead_id, const JobSpec& spec, int64_t now_ms);

}  // namespace leadhub::store
