#include "store/sqlite/assignment_state.hpp"

namespace leadhub::store {

// '#' cannot appear in an instance name, so this scope never meets a plugin's own state.
std::string SqlAssignmentState::scope() const { return tenant_ + "/#assignment"; }

int64_t SqlAssignmentState::open_leads(const std::string& staff_id) {
    Statement count = db_.prepare(
        "SELECT count(*) FROM leads WHERE tenant = ?1 AND assignee = ?2 AND status IN ('new', 'in_work', 'booked', 'nurture')"
        " AND coalesce(last_message_at_ms, received_at_ms) >= ?3");
    count.bind(1, tenant_).bind(2, staff_id).bind(3, open_since_ms_);
    count.step();
    return count.int64(0);
}

std::optional<std::string> SqlAssignmentState::previous_owner() {
    Statement owner = db_.prepare(
        "SELECT assignee FROM leads WHERE contact_id = ?1 AND assignee IS NOT NULL AND assignee <> ''"
        " ORDER BY id DESC LIMIT 1");
    owner.bind(1, contact_id_);
    if (!owner.step()) return std::nullopt;
    return owner.text(0);
}

std::optional<std::string> SqlAssignmentState::get(const std::string& key) {
    Statement select = db_.prepare("SELECT value FROM plugin_state WHERE scope = ?1 AND key = ?2");
    select.bind(1, scope()).bind(2, key);
    if (!select.step()) return std::nullopt;
    return select.text(0);
}

void SqlAssignmentState::put(const std::string& key, const std::string& value) {
    Statement upsert = db_.prepare(
        "INSERT INTO plugin_state (scope, key, value) VALUES (?1, ?2, ?3)"
        " ON CONFLICT (scope, key) DO UPDATE SET value = excluded.value");
    upsert.bind(1, scope()).bind(2, key).bind(3, value).run();
}

}  // namespace leadhub::store
