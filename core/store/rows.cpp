#include "store/rows.hpp"

namespace leadhub::store {

namespace {

// JSON columns are written by the store itself and checked by the schema; a value that still
// does not parse means the file was edited by hand, and the message says which row.
Json parse_json_column(const std::string& text, const std::string& db_path, const std::string& where) {
    try {
        return Json::parse(text);
    } catch (const Json::parse_error& e) {
        throw StoreError("store " + db_path + ": " + where + " holds invalid JSON: " + e.what());
    }
}

}  // namespace

const char* job_status_name(JobStatus status) {
    switch (status) {
        case JobStatus::pending: return "pending";
        case JobStatus::done: return "done";
        case JobStatus::dead: return "dead";
    }
    return "unknown";
}

JobStatus job_status_from_name(const std::string& name, const std::string& db_path) {
    if (name == "pending") return JobStatus::pending;
    if (name == "done") return JobStatus::done;
    if (name == "dead") return JobStatus::dead;
    throw StoreError("store " + db_path + ": unknown job status '" + name + "'");
}

Job read_job(const Statement& row, const std::string& db_path) {
    Job job;
    job.id = row.int64(0);
    job.tenant = row.text(1);
    job.sink = row.text(2);
    job.kind = row.text(3);
    job.lead_id = row.int64(4);
    job.idempotency_key = row.text(5);
    job.attempts = static_cast<int>(row.int64(6));
    job.created_at_ms = row.int64(7);
    job.next_attempt_at_ms = row.int64(8);
    job.status = job_status_from_name(row.text(9), db_path);
    job.last_error = row.text(10);
    job.external_id = row.text(11);
    job.payload = parse_json_column(row.text(12), db_path, "the payload of job " + std::to_string(job.id));
    job.updated_at_ms = row.int64(13);
    return job;
}

Lead read_lead(const Statement& row, const std::string& db_path) {
    Lead lead;
    lead.id = row.int64(0);
    lead.tenant = row.text(1);
    lead.source = row.text(2);
    lead.channel = row.text(3);
    lead.external_user_id = row.optional_text(4);
    lead.external_message_id = row.optional_text(5);
    lead.name = row.optional_text(6);
    lead.phone = row.optional_text(7);
    lead.email = row.optional_text(8);
    lead.text = row.optional_text(9);
    std::string where = "lead " + std::to_string(lead.id);
    lead.utm = row.is_null(10) ? Json(nullptr) : parse_json_column(row.text(10), db_path, "the utm of " + where);
    lead.extra = parse_json_column(row.text(11), db_path, "the extra fields of " + where);
    lead.created_at_ms = row.int64(12);
    return lead;
}

}  // namespace leadhub::store
