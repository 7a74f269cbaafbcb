// Writes on outbox jobs: the outcome of each attempt, and replays of dead letters. Every
// change is also recorded in job_events, so the reason a job died survives a replay.
#include "store/sqlite/sqlite_store.hpp"

namespace leadhub::store {

namespace {

// An outcome may only be recorded for a pending job: a job already done or dead must not come
// back to life by a late or duplicated report.
[[noreturn]] void refuse_outcome(Connection& db, int64_t job_id) {
    Statement status = db.prepare("SELECT status FROM jobs WHERE id = ?1");
    status.bind(1, job_id);
    if (!status.step()) throw StoreError("store " + db.path() + ": no job " + std::to_string(job_id));
    throw StoreError("store " + db.path() + ": job " + std::to_string(job_id) + " is " + status.text(0) +
                     ", not pending: its outcome is already recorded");
}

void record_event(Connection& db, int64_t job_id, int64_t at_ms, const char* event, int attempts,
                  const std::string& detail) {
    Statement insert = db.prepare(
        "INSERT INTO job_events (job_id, at_ms, event, attempts, detail) VALUES (?1, ?2, ?3, ?4, ?5)");
    insert.bind(1, job_id).bind(2, at_ms).bind(3, std::string(event)).bind(4, int64_t{attempts}).bind(5, detail);
    insert.run();
}

}  // namespace

void SqliteStore::job_succeeded(int64_t job_id, int attempts, const std::string& external_id, int64_t now_ms) {
    writer_.run([&](Connection& db) {
        Statement update = db.prepare(
            "UPDATE jobs SET status = 'done', attempts = ?2, external_id = ?3, updated_at_ms = ?4"
            " WHERE id = ?1 AND status = 'pending'");
        update.bind(1, job_id).bind(2, int64_t{attempts}).bind(3, external_id).bind(4, now_ms).run();
        if (db.changes() == 0) refuse_outcome(db, job_id);
        record_event(db, job_id, now_ms, "succeeded", attempts, external_id);
    });
}

void SqliteStore::job_retry(int64_t job_id, int attempts, int64_t next_attempt_at_ms, const std::string& error,
                            int64_t now_ms) {
    writer_.run([&](Connection& db) {
        Statement update = db.prepare(
            "UPDATE jobs SET attempts = ?2, next_attempt_at_ms = ?3, last_error = ?4, updated_at_ms = ?5"
            " WHERE id = ?1 AND status = 'pending'");
        update.bind(1, job_id).bind(2, int64_t{attempts}).bind(3, next_attempt_at_ms).bind(4, error);
        update.bind(5, now_ms).run();
        if (db.changes() == 0) refuse_outcome(db, job_id);
        record_event(db, job_id, now_ms, "retry", attempts, error);
    });
}

void SqliteStore::job_dead(int64_t job_id, int attempts, const std::string& reason, int64_t now_ms) {
    writer_.run([&](Connection& db) {
        Statement update = db.prepare(
            "UPDATE jobs SET status = 'dead', attempts = ?2, last_error = ?3, updated_at_ms = ?4"
            " WHERE id = ?1 AND status = 'pending'");
        update.bind(1, job_id).bind(2, int64_t{attempts}).bind(3, reason).bind(4, now_ms).run();
        if (db.changes() == 0) refuse_outcome(db, job_id);
        record_event(db, job_id, now_ms, "dead", attempts, reason);
    });
}

// A replay starts a fresh round of attempts (so the dispatcher's attempt limit applies anew),
// keeps the idempotency key (so a sink that got it before recognises it), and keeps last_error
// (the reason it died, until a new attempt says otherwise).
bool SqliteStore::replay(int64_t job_id, int64_t now_ms) {
    return writer_.compute<bool>([&](Connection& db) {
        Statement history = db.prepare(
            "INSERT INTO job_events (job_id, at_ms, event, attempts, detail)"
            " SELECT id, ?2, 'replayed', attempts, last_error FROM jobs WHERE id = ?1 AND status = 'dead'");
        history.bind(1, job_id).bind(2, now_ms).run();
        if (db.changes() == 0) return false;
        Statement update = db.prepare(
            "UPDATE jobs SET status = 'pending', attempts = 0, next_attempt_at_ms = ?2, updated_at_ms = ?2"
            " WHERE id = ?1 AND status = 'dead'");
        update.bind(1, job_id).bind(2, now_ms).run();
        return true;
    });
}

std::size_t SqliteStore::replay_all(const std::string& tenant, int64_t now_ms) {
    return writer_.compute<std::size_t>([&](Connection& db) {
        Statement history = db.prepare(
            "INSERT INTO job_events (job_id, at_ms, event, attempts, detail)"
            " SELECT id, ?2, 'replayed', attempts, last_error FROM jobs"
            " WHERE status = 'dead' AND (?1 = '' OR tenant = ?1)");
        history.bind(1, tenant).bind(2, now_ms).run();
        Statement update = db.prepare(
            "UPDATE jobs SET status = 'pending', attempts = 0, next_attempt_at_ms = ?2, updated_at_ms = ?2"
            " WHERE status = 'dead' AND (?1 = '' OR tenant = ?1)");
        update.bind(1, tenant).bind(2, now_ms).run();
        return static_cast<std::size_t>(db.changes());
    });
}

}  // namespace leadhub::store
