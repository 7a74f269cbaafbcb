// Timers: keyed rows armed and cancelled inside the changes that cause them, read by the timer
// runner, and fired with everything they cause in one transaction (store.hpp, "Timers").
#include "store/sqlite/assignment_state.hpp"
#include "store/sqlite/ingest_item.hpp"
#include "store/sqlite/lead_writes.hpp"
#include "store/sqlite/rows.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/sqlite/timer_writes.hpp"

#include <leadhub/sdk/iso8601.hpp>

#include <limits>

namespace leadhub::store {

namespace {

#define LEADHUB_TIMER_COLUMNS \
    "id, lead_id, tenant, purpose, due_at_ms, payload, status, created_at_ms, updated_at_ms, fired_at_ms"

Timer read_timer(const Statement& row, const std::string& db_path) {
    Timer t;
    t.id = row.int64(0);
    t.lead_id = row.int64(1);
    t.tenant = row.text(2);
    t.purpose = row.text(3);
    t.due_at_ms = row.int64(4);
    t.payload = parse_json_column(row.text(5), db_path, "the payload of timer " + std::to_string(t.id));
    t.status = row.text(6);
    t.created_at_ms = row.int64(7);
    t.updated_at_ms = row.int64(8);
    if (!row.is_null(9)) t.fired_at_ms = row.int64(9);
    return t;
}

bool staff_responded(Connection& db, int64_t lead_id) {
    Statement select = db.prepare("SELECT first_response_at_ms IS NOT NULL FROM leads WHERE id = ?1");
    select.bind(1, lead_id);
    return select.step() && select.int64(0) != 0;
}

struct LeadOwner {
    std::string tenant;
    int64_t contact_id = 0;
    std::string assignee, status;
    bool responded = false;
};

std::optional<LeadOwner> lead_owner(Connection& db, int64_t lead_id) {
    Statement select = db.prepare(
        "SELECT tenant, coalesce(contact_id, 0), coalesce(assignee, ''), status, first_response_at_ms IS NOT NULL"
        " FROM leads WHERE id = ?1");
    select.bind(1, lead_id);
    if (!select.step()) return std::nullopt;
    return LeadOwner{select.text(0), select.int64(1), select.text(2), select.text(3), select.int64(4) != 0};
}

// An SLA step gives the lead to someone else, if staff still have not responded and the lead is
// open; the change and its reason are recorded, and the new assignee is told.
void reassign(Connection& db, int64_t lead_id, const Reassignment& reassignment, int64_t now_ms) {
    auto owner = lead_owner(db, lead_id);
    if (!owner || owner->responded || !is_open_lead_status(owner->status) || !reassignment.decide) return;
    SqlAssignmentState state(db, owner->tenant, owner->contact_id, std::numeric_limits<int64_t>::min());
    std::optional<Assignment> decided = reassignment.decide(state, owner->assignee);
    if (!decided || decided->assignee.empty() || decided->assignee == owner->assignee) {
        record_lead_event(db, lead_id, "reassign", std::nullopt, std::nullopt, "system", "timer",
                          {{"from", owner->assignee}, {"to", nullptr},
                           {"reason", decided ? decided->reason : std::string("некому передать заявку")}}, now_ms);
        return;
    }
    Statement update = db.prepare(
        "UPDATE leads SET assignment = 'assigned', assignee = ?2, offered_to = '[]', assignment_reason = ?3 WHERE id = ?1");
    update.bind(1, lead_id).bind(2, decided->assignee).bind(3, decided->reason).run();
    record_lead_event(db, lead_id, "reassign", std::nullopt, std::nullopt, "system", "timer",
                      {{"from", owner->assignee}, {"to", decided->assignee}, {"reason", decided->reason}}, now_ms);
    if (reassignment.tell)
        for (const JobSpec& job : reassignment.tell(*decided)) insert_job(db, owner->tenant, lead_id, job, now_ms);
}

bool contact_opted_out(Connection& db, int64_t lead_id) {
    Statement select = db.prepare(
        "SELECT 1 FROM leads JOIN contacts ON contacts.id = leads.contact_id WHERE leads.id = ?1 AND contacts.opted_out_at_ms IS NOT NULL");
    select.bind(1, lead_id);
    return select.step();
}

void opt_out_contact(Connection& db, int64_t lead_id, int64_t now_ms) {
    Statement update = db.prepare(
        "UPDATE contacts SET opted_out_at_ms = ?2 WHERE opted_out_at_ms IS NULL"
        " AND id = (SELECT contact_id FROM leads WHERE id = ?1)");
    update.bind(1, lead_id).bind(2, now_ms).run();
    record_lead_event(db, lead_id, "opt_out", std::nullopt, std::nullopt, "customer", "timer",
                      {{"why", "the customer asked not to be messaged again"}}, now_ms);
    cancel_all_timers(db, lead_id, now_ms);
}

}  // namespace

void arm_timer(Connection& db, const std::string& tenant, int64_t lead_id, const TimerSpec& spec, int64_t now_ms) {
    if (spec.purpose.empty()) throw StoreError("store " + db.path() + ": a timer needs a purpose");
    if (spec.until_staff_respond && staff_responded(db, lead_id)) return;
    // keep_pending: a pending timer of the purpose is left alone; a fired or cancelled one is armed again.
    Statement upsert = db.prepare(
        "INSERT INTO timers (tenant, lead_id, purpose, due_at_ms, payload, status, created_at_ms, updated_at_ms)"
        " VALUES (?1, ?2, ?3, ?4, ?5, 'pending', ?6, ?6)"
        " ON CONFLICT (lead_id, purpose) DO UPDATE SET due_at_ms = excluded.due_at_ms, payload = excluded.payload,"
        " status = 'pending', updated_at_ms = excluded.updated_at_ms, fired_at_ms = NULL"
        " WHERE ?7 = 0 OR timers.status <> 'pending'");
    upsert.bind(1, tenant).bind(2, lead_id).bind(3, spec.purpose).bind(4, spec.due_at_ms);
    upsert.bind(5, sdk::dump(spec.payload.is_object() ? spec.payload : Json::object())).bind(6, now_ms);
    upsert.bind(7, int64_t{spec.keep_pending});
    upsert.run();
}

int64_t cancel_timers(Connection& db, int64_t lead_id, std::initializer_list<const char*> purposes, int64_t now_ms) {
    int64_t cancelled = 0;
    for (const char* pattern : purposes) {
        Statement update = db.prepare(
            "UPDATE timers SET status = 'cancelled', updated_at_ms = ?3"
            " WHERE lead_id = ?1 AND status = 'pending' AND purpose LIKE ?2");
        update.bind(1, lead_id).bind(2, std::string(pattern)).bind(3, now_ms).run();
        cancelled += db.changes();
    }
    return cancelled;
}

int64_t cancel_all_timers(Connection& db, int64_t lead_id, int64_t now_ms) {
    return cancel_timers(db, lead_id, {"%"}, now_ms);
}

void record_staff_response(Connection& db, int64_t lead_id, const std::string& actor, const std::string& via,
                           const std::string& how, int64_t now_ms) {
    Statement update = db.prepare(
        "UPDATE leads SET first_response_at_ms = ?2 WHERE id = ?1 AND first_response_at_ms IS NULL"
        " RETURNING ?2 - received_at_ms");
    update.bind(1, lead_id).bind(2, now_ms);
    if (!update.step()) return;  // responded before (or no such lead)
    const int64_t waited_ms = update.int64(0);
    while (update.step()) {
    }  // to the end: the statement is done before the next ones run
    record_lead_event(db, lead_id, "first_response", std::nullopt, std::nullopt, actor, via,
                      {{"how", how}, {"waited_ms", waited_ms}}, now_ms);
    cancel_timers(db, lead_id, {"sla:%", "reply"}, now_ms);
}

std::vector<Timer> SqliteStore::due_timers(int64_t now_ms, std::size_t limit) {
    auto db = readers_.acquire();
    Statement select = db->prepare("SELECT " LEADHUB_TIMER_COLUMNS " FROM timers"
                                   " WHERE status = 'pending' AND due_at_ms <= ?1 ORDER BY due_at_ms, id LIMIT ?2");
    select.bind(1, now_ms).bind(2, static_cast<int64_t>(limit));
    std::vector<Timer> out;
    while (select.step()) out.push_back(read_timer(select, path_));
    return out;
}

std::optional<int64_t> SqliteStore::next_timer_at() {
    auto db = readers_.acquire();
    Statement select = db->prepare("SELECT min(due_at_ms) FROM timers WHERE status = 'pending'");
    if (!select.step() || select.is_null(0)) return std::nullopt;
    return select.int64(0);
}

namespace {

// One firing inside the batch's transaction (the caller's savepoint undoes it when it throws).
TimerFireResult fire_one(Connection& db, const TimerFiring& firing, int64_t now_ms) {
    Statement mark = db.prepare(
        "UPDATE timers SET status = 'fired', fired_at_ms = ?3, updated_at_ms = ?3"
        " WHERE id = ?1 AND status = 'pending' AND due_at_ms = ?2 RETURNING lead_id, tenant");
    mark.bind(1, firing.timer_id).bind(2, firing.due_at_ms).bind(3, now_ms);
    if (!mark.step()) return TimerFireResult::stale;
    const int64_t lead_id = mark.int64(0);
    const std::string tenant = mark.text(1);
    while (mark.step()) {
    }
    for (const LeadNote& note : firing.notes)
        record_lead_event(db, lead_id, note.kind, std::nullopt, std::nullopt, note.actor, note.via, note.detail, now_ms);
    for (const JobSpec& job : firing.jobs) insert_job(db, tenant, lead_id, job, now_ms);
    if (firing.opt_out) opt_out_contact(db, lead_id, now_ms);
    for (const std::string& pattern : firing.cancel) cancel_timers(db, lead_id, {pattern.c_str()}, now_ms);
    if (firing.reply && contact_opted_out(db, lead_id)) {
        record_lead_event(db, lead_id, "opted_out", std::nullopt, std::nullopt, "system", "timer",
                          {{"why", "the customer asked not to be messaged: the automatic message was not sent"}}, now_ms);
    } else if (firing.reply) {
        ReplyRequest reply = *firing.reply;
        reply.lead_id = lead_id;
        ReplyResult sent = write_reply(db, reply, now_ms);
        if (sent.kind != ReplyResult::Kind::ok)
            record_lead_event(db, lead_id, "unreachable", std::nullopt, std::nullopt, "system", "timer",
                              {{"why", "no channel of the lead can carry a message to the customer"}}, now_ms);
    }
    if (firing.reassign) reassign(db, lead_id, *firing.reassign, now_ms);
    if (firing.status) write_status_change(db, lead_id, *firing.status, now_ms);
    for (const TimerSpec& spec : firing.timers) arm_timer(db, tenant, lead_id, spec, now_ms);
    return TimerFireResult::fired;
}

// A firing whose writes failed: fired with only the error on its lead, so it is not retried forever.
void fire_failed(Connection& db, const TimerFiring& firing, const std::string& error, int64_t now_ms) {
    Statement mark = db.prepare(
        "UPDATE timers SET status = 'fired', fired_at_ms = ?3, updated_at_ms = ?3"
        " WHERE id = ?1 AND status = 'pending' AND due_at_ms = ?2 RETURNING lead_id, purpose");
    mark.bind(1, firing.timer_id).bind(2, firing.due_at_ms).bind(3, now_ms);
    if (!mark.step()) return;
    const int64_t lead_id = mark.int64(0);
    const std::string purpose = mark.text(1);
    while (mark.step()) {
    }
    record_lead_event(db, lead_id, "timer_failed", std::nullopt, std::nullopt, "system", "timer",
                      {{"purpose", purpose}, {"error", error}}, now_ms);
}

}  // namespace

std::vector<TimerFireResult> SqliteStore::fire_timers(const std::vector<TimerFiring>& firings, int64_t now_ms) {
    if (firings.empty()) return {};
    return writer_.compute<std::vector<TimerFireResult>>([&](Connection& db) {
        std::vector<TimerFireResult> results;
        results.reserve(firings.size());
        for (const TimerFiring& firing : firings) {
            db.prepare("SAVEPOINT timer_firing").run();
            try {
                results.push_back(fire_one(db, firing, now_ms));
                db.prepare("RELEASE timer_firing").run();
            } catch (const std::exception& e) {
                if (db.autocommit()) throw;  // SQLite rolled back the whole group: every caller must hear it
                db.exec("ROLLBACK TO timer_firing", "undoing a failed timer");
                db.exec("RELEASE timer_firing", "undoing a failed timer");
                fire_failed(db, firing, e.what(), now_ms);
                results.push_back(TimerFireResult::failed);
            }
        }
        return results;
    });
}

bool SqliteStore::arm_timers(int64_t lead_id, const std::vector<TimerSpec>& timers, int64_t now_ms) {
    return writer_.compute<bool>([&](Connection& db) {
        auto owner = lead_owner(db, lead_id);
        if (!owner) return false;
        for (const TimerSpec& spec : timers) arm_timer(db, owner->tenant, lead_id, spec, now_ms);
        return true;
    });
}

std::vector<Timer> SqliteStore::lead_timers(int64_t lead_id) {
    auto db = readers_.acquire();
    Statement select = db->prepare("SELECT " LEADHUB_TIMER_COLUMNS " FROM timers WHERE lead_id = ?1 ORDER BY due_at_ms, id");
    select.bind(1, lead_id);
    std::vector<Timer> out;
    while (select.step()) out.push_back(read_timer(select, path_));
    return out;
}

int64_t SqliteStore::pending_timer_count() {
    auto db = readers_.acquire();
    Statement select = db->prepare("SELECT count(*) FROM timers WHERE status = 'pending'");
    select.step();
    return select.int64(0);
}

Json Timer::to_json() const {
    Json j = {{"purpose", purpose}, {"due_at", sdk::iso8601_utc(due_at_ms)}, {"status", status}};
    if (!payload.empty()) j["payload"] = payload;
    j["fired_at"] = fired_at_ms ? Json(sdk::iso8601_utc(*fired_at_ms)) : Json(nullptr);
    return j;
}

}  // namespace leadhub::store
