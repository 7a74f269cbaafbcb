#include "store/sqlite/rows.hpp"

namespace leadhub::store {

// JSON columns are written by the store itself and checked by the schema; a value that still
// does not parse means the file was edited by hand, and the message says which row.
Json parse_json_column(const std::string& text, const std::string& db_path, const std::string& where) {
    try {
        return Json::parse(text);
    } catch (const Json::parse_error& e) {
        throw StoreError("store " + db_path + ": " + where + " holds invalid JSON: " + e.what());
    }
}

std::vector<std::string> string_array(const Json& array) {
    std::vector<std::string> out;
    if (!array.is_array()) return out;
    for (const auto& item : array)
        if (item.is_string()) out.push_back(item.get<std::string>());
    return out;
}

std::vector<int64_t> id_array(const Json& array) {
    std::vector<int64_t> out;
    if (!array.is_array()) return out;
    for (const auto& item : array)
        if (item.is_number_integer()) out.push_back(item.get<int64_t>());
    return out;
}

const char* job_status_name(JobStatus status) {
    switch (status) {
        case JobStatus::pending: return "pending";
        case JobStatus::done: return "done";
        case JobStatus::dead: return "dead";
        case JobStatus::cancelled: return "cancelled";
    }
    return "unknown";
}

JobStatus job_status_from_name(const std::string& name, const std::string& db_path) {
    if (name == "pending") return JobStatus::pending;
    if (name == "done") return JobStatus::done;
    if (name == "dead") return JobStatus::dead;
    if (name == "cancelled") return JobStatus::cancelled;
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
    lead.contact_id = row.int64(13);
    lead.status = row.text(14);
    lead.last_message_at_ms = row.int64(15);
    lead.message_count = row.int64(16);
    LeadReading& reading = lead.reading;
    if (!row.is_null(17)) reading.intent = row.text(17);
    reading.services = string_array(parse_json_column(row.text(18), db_path, "the services of " + where));
    reading.urgent = row.int64(19) != 0;
    reading.date = row.optional_text(20);
    reading.time = row.optional_text(21);
    reading.daypart = row.optional_text(22);
    reading.score = row.text(23);
    if (!row.is_null(24)) {
        Assignment assignment;
        assignment.status = row.text(24);
        assignment.assignee = row.text(25);
        assignment.offered_to = string_array(parse_json_column(row.text(26), db_path, "the offers of " + where));
        assignment.reason = row.text(27);
        lead.assignment = std::move(assignment);
    }
    lead.reading_source = row.text(28);
    lead.booked_for = row.optional_text(29);
    lead.lost_reason = row.optional_text(30);
    if (!row.is_null(31)) lead.external_ids = parse_json_column(row.text(31), db_path, "the external ids of " + where);
    if (!row.is_null(32)) lead.first_response_at_ms = row.int64(32);
    return lead;
}

StoredMessage read_message(const Statement& row, const std::string& db_path) {
    StoredMessage m;
    m.id = row.int64(0);
    m.lead_id = row.int64(1);
    m.source = row.text(2);
    m.channel = row.text(3);
    m.external_message_id = row.optional_text(4);
    m.name = row.optional_text(5);
    m.phone = row.optional_text(6);
    m.email = row.optional_text(7);
    m.text = row.optional_text(8);
    std::string where = "message " + std::to_string(m.id);
    m.extra = parse_json_column(row.text(9), db_path, "the extra fields of " + where);
    m.reading = parse_json_column(row.text(10), db_path, "the reading of " + where);
    m.received_at_ms = row.int64(11);
    m.kind = row.text(12);
    if (!row.is_null(13)) m.address = parse_json_column(row.text(13), db_path, "the address of " + where);
    m.author = row.optional_text(14);
    if (!row.is_null(15)) m.job_id = row.int64(15);
    return m;
}

}  // namespace leadhub::store
