// Mapping between table rows and the store's structs. The column lists here are the one place
// that says which columns a SELECT must return, in which order, for read_job() / read_lead().
#pragma once

#include "store/sqlite/sqlite_connection.hpp"

namespace leadhub::store {

#define LEADHUB_JOB_COLUMNS                                                                      \
    "id, tenant, sink, kind, lead_id, idempotency_key, attempts, created_at_ms, "                \
    "next_attempt_at_ms, status, last_error, external_id, payload, updated_at_ms"

#define LEADHUB_LEAD_COLUMNS                                                                     \
    "id, tenant, source, channel, external_user_id, external_message_id, name, phone, email, "  \
    "text, utm, extra, created_at_ms, coalesce(contact_id, 0), status, "                         \
    "coalesce(last_message_at_ms, received_at_ms), "                                              \
    "(SELECT count(*) FROM messages WHERE messages.lead_id = leads.id AND messages.kind = 'customer'), intent, services, urgent, " \
    "visit_date, visit_time, daypart, score, assignment, assignee, offered_to, assignment_reason, "  \
    "reading_source, booked_for, lost_reason, "                                                   \
    "(SELECT json_group_object(sink, external_id) FROM jobs WHERE jobs.lead_id = leads.id AND jobs.kind = 'lead'" \
    " AND jobs.status = 'done' AND jobs.external_id <> '' AND json_extract(jobs.payload, '$.event') IS NULL), " \
    "first_response_at_ms"

#define LEADHUB_MESSAGE_COLUMNS                                                                   \
    "id, lead_id, source, channel, external_message_id, name, phone, email, text, extra, reading, " \
    "received_at_ms, kind, address, author, job_id"

// Read the current row of a statement that selected LEADHUB_JOB_COLUMNS / LEADHUB_LEAD_COLUMNS.
Job read_job(const Statement& row, const std::string& db_path);
Lead read_lead(const Statement& row, const std::string& db_path);
StoredMessage read_message(const Statement& row, const std::string& db_path);

// A JSON column of the store's own writing; a value that does not parse names the row.
Json parse_json_column(const std::string& text, const std::string& db_path, const std::string& where);
// A JSON array of strings / of ids, as the lead and merge columns hold them.
std::vector<std::string> string_array(const Json& array);
std::vector<int64_t> id_array(const Json& array);

JobStatus job_status_from_name(const std::string& name, const std::string& db_path);

}  // namespace leadhub::store
