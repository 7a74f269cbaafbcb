// The inbox: raw messages acknowledged to their platform, waiting for the pipeline. accept() is
// the write every webhook waits for, so it does as little as it can: one index lookup among the
// stored messages, one insert. process_inbox() is the background stage's write: the lead and its
// jobs, and the row's deletion, in one savepoint per message inside one group transaction.
#include "store/sqlite/ingest_item.hpp"
#include "store/sqlite/lead_writes.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace leadhub::store {

namespace {

bool seen_before(Connection& db, const InboxEntry& entry) {
    if (!entry.external_message_id) return false;  // no id: it can never be a repeat
    Statement in_inbox = db.prepare(
        "SELECT 1 FROM inbox WHERE tenant = ?1 AND source = ?2 AND external_message_id = ?3");
    in_inbox.bind(1, entry.tenant).bind(2, entry.source).bind(3, *entry.external_message_id);
    if (in_inbox.step()) return true;
    Statement stored = db.prepare(
        "SELECT 1 FROM messages WHERE tenant = ?1 AND source = ?2 AND external_message_id = ?3");
    stored.bind(1, entry.tenant).bind(2, entry.source).bind(3, *entry.external_message_id);
    if (stored.step()) return true;
    // An event applied to a lead (a CRM's webhook, a staff member's press) left no message.
    return lead_event_seen(db, entry.tenant, entry.source, *entry.external_message_id);
}

int64_t insert_inbox_row(Connection& db, const InboxEntry& entry, int64_t now_ms) {
    Statement insert = db.prepare(
        "INSERT INTO inbox (tenant, source, external_message_id, message, received_at_ms, created_at_ms)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id");
    insert.bind(1, entry.tenant).bind(2, entry.source).bind(3, entry.external_message_id);
    insert.bind(4, entry.message_json).bind(5, entry.received_at_ms).bind(6, now_ms);
    return insert.run_returning_id();
}

bool inbox_row_exists(Connection& db, int64_t inbox_id) {
    Statement find = db.prepare("SELECT 1 FROM inbox WHERE id = ?1");
    find.bind(1, inbox_id);
    return find.step();
}

void record_failure(Connection& db, int64_t inbox_id, const std::string& error) {
    Statement update = db.prepare("UPDATE inbox SET attempts = attempts + 1, last_error = ?2 WHERE id = ?1");
    update.bind(1, inbox_id).bind(2, error).run();
}

std::string error_text(const std::string& path) {
    try {
        throw;
    } catch (const std::exception& e) {
        return e.what();
    } catch (...) {
        return "store " + path + ": unknown error while processing an inbox message";
    }
}

// Ingests one prepared inbox row and deletes the row, or leaves it with its error. Runs inside
// the writer's transaction; the savepoint keeps a failing message from undoing the others.
InboxOutcome process_one(Connection& db, const InboxWork& work, int64_t now_ms) {
    InboxOutcome outcome;
    outcome.inbox_id = work.inbox_id;
    if (!inbox_row_exists(db, work.inbox_id)) {
        outcome.already_processed = true;
        return outcome;
    }
    db.prepare("SAVEPOINT inbox_message").run();
    try {
        if (work.action) {
            if (!work.action->event_id || !lead_event_seen(db, work.action->tenant, work.action->source, *work.action->event_id))
                apply_lead_action(db, *work.action, now_ms);
        } else {
            outcome.result = ingest_item(db, work.item, now_ms);
        }
        Statement remove = db.prepare("DELETE FROM inbox WHERE id = ?1");
        remove.bind(1, work.inbox_id).run();
        db.prepare("RELEASE inbox_message").run();
        outcome.done = true;
    } catch (...) {
        outcome.error = error_text(db.path());
        if (db.autocommit()) throw;  // SQLite rolled back the whole group: every caller must hear it
        db.exec("ROLLBACK TO inbox_message", "undoing a failed inbox message");
        db.exec("RELEASE inbox_message", "undoing a failed inbox message");
        record_failure(db, work.inbox_id, outcome.error);
    }
    return outcome;
}

// The write of accept(): results has one slot per entry.
void accept_entries(Connection& db, const std::vector<InboxEntry>& entries, std::vector<AcceptResult>& results,
                    int64_t now_ms) {
    for (std::size_t i = 0; i < entries.size(); ++i) {
        // A repeat within the same call is caught by the first lookup of the second copy.
        if (seen_before(db, entries[i]))
            results[i] = AcceptResult{true, 0};
        else
            results[i] = AcceptResult{false, insert_inbox_row(db, entries[i], now_ms)};
    }
}

}  // namespace

std::vector<AcceptResult> SqliteStore::accept(std::vector<InboxEntry> entries, int64_t now_ms) {
    if (entries.empty()) return {};
    std::vector<AcceptResult> results(entries.size());
    writer_.run([&](Connection& db) { accept_entries(db, entries, results, now_ms); });
    return results;
}

void SqliteStore::accept_async(std::vector<InboxEntry> entries, int64_t now_ms, AcceptDone done) {
    if (entries.empty()) return done({}, nullptr);
    // Shared by the task (fills the results) and the callback (hands them on): both copyable.
    struct Call {
        std::vector<InboxEntry> entries;
        std::vector<AcceptResult> results;
    };
    auto call = std::make_shared<Call>(Call{std::move(entries), {}});
    writer_.submit(
        [call, now_ms](Connection& db) {
            call->results.assign(call->entries.size(), AcceptResult{});
            accept_entries(db, call->entries, call->results, now_ms);
        },
        [call, done = std::move(done)](std::exception_ptr error) {
            done(error ? std::vector<AcceptResult>{} : std::move(call->results), error);
        });
}

std::vector<InboxMessage> SqliteStore::pending_inbox(int64_t after_id, std::size_t limit) {
    auto db = readers_.acquire();
    Statement select = db->prepare(
        "SELECT id, tenant, source, external_message_id, message, received_at_ms, attempts, last_error"
        " FROM inbox WHERE id > ?1 AND attempts < ?2 ORDER BY id LIMIT ?3");
    select.bind(1, after_id).bind(2, int64_t{kInboxMaxAttempts}).bind(3, static_cast<int64_t>(limit));
    std::vector<InboxMessage> rows;
    while (select.step()) {
        InboxMessage row;
        row.id = select.int64(0);
        row.tenant = select.text(1);
        row.source = select.text(2);
        row.external_message_id = select.optional_text(3);
        row.message_json = select.text(4);
        row.received_at_ms = select.int64(5);
        row.attempts = static_cast<int>(select.int64(6));
        row.last_error = select.text(7);
        rows.push_back(std::move(row));
    }
    return rows;
}

std::vector<InboxOutcome> SqliteStore::process_inbox(std::vector<InboxWork> work, int64_t now_ms) {
    if (work.empty()) return {};
    return writer_.compute<std::vector<InboxOutcome>>([&](Connection& db) {
        std::vector<InboxOutcome> outcomes;
        outcomes.reserve(work.size());
        for (const InboxWork& w : work) outcomes.push_back(process_one(db, w, now_ms));
        return outcomes;
    });
}

void SqliteStore::inbox_failed(int64_t inbox_id, const std::string& error) {
    writer_.run([&](Connection& db) { record_failure(db, inbox_id, error); });
}

int64_t SqliteStore::inbox_retry_failed() {
    return writer_.compute<int64_t>([](Connection& db) {
        Statement update = db.prepare("UPDATE inbox SET attempts = 0 WHERE attempts >= ?1");
        update.bind(1, int64_t{kInboxMaxAttempts}).run();
        return db.changes();
    });
}

InboxCounts SqliteStore::inbox_counts() {
    auto db = readers_.acquire();
    Statement count = db->prepare(
        "SELECT count(*) FILTER (WHERE attempts < ?1), count(*) FILTER (WHERE attempts >= ?1) FROM inbox");
    count.bind(1, int64_t{kInboxMaxAttempts});
    count.step();
    return InboxCounts{count.int64(0), count.int64(1)};
}

}  // namespace leadhub::store
