// Mapping between table rows and the store's structs. The column lists here are the one place
// that says which columns a SELECT must return, in which order, for read_job() / read_lead().
#pragma once

#include "store/sqlite_connection.hpp"

namespace leadhub::store {

#define LEADHUB_JOB_COLUMNS                                                                      \
    "id, tenant, sink, kind, lead_id, idempotency_key, attempts, created_at_ms, "                \
    "next_attempt_at_ms, status, last_error, external_id, payload, updated_at_ms"

#define LEADHUB_LEAD_COLUMNS                                                                     \
    "id, tenant, source, channel, external_user_id, external_message_id, name, phone, email, "  \
    "text, utm, extra, created_at_ms"

// Read the current row of a statement that selected LEADHUB_JOB_COLUMNS / LEADHUB_LEAD_COLUMNS.
Job read_job(const Statement& row, const std::string& db_path);
Lead read_lead(const Statement& row, const std::string& db_path);

JobStatus job_status_from_name(const std::string& name, const std::string& db_path);

}  // namespace leadhub::store
