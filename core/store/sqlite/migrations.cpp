#include "store/sqlite/migrations.hpp"

#include <string>

namespace leadhub::store {

namespace {

// Version 1: leads, the outbox of jobs with their event history, and plugin state.
// AUTOINCREMENT so that an id is never reused after a deletion (erasure of a person's data):
// idempotency keys and CRM references are built from these ids.
constexpr const char* kInitialSchema = R"sql(
CREATE TABLE leads (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant              TEXT NOT NULL CHECK (tenant <> ''),
    source              TEXT NOT NULL CHECK (source <> ''),
    channel             TEXT NOT NULL,
    external_user_id    TEXT,
    external_message_id TEXT,
    name                TEXT,
    phone               TEXT,
    email               TEXT,
    text                TEXT,
    utm                 TEXT CHECK (utm IS NULL OR json_type(utm) = 'object'),
    extra               TEXT NOT NULL DEFAULT '{}' CHECK (json_type(extra) = 'object'),
    received_at_ms      INTEGER NOT NULL,
    created_at_ms       INTEGER NOT NULL
);
-- A platform's retry of the same message is recognised by its own id (invariant 2).
CREATE UNIQUE INDEX leads_by_message_id ON leads (tenant, source, external_message_id)
    WHERE external_message_id IS NOT NULL;
CREATE INDEX leads_by_tenant ON leads (tenant, id);

CREATE TABLE jobs (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant             TEXT NOT NULL CHECK (tenant <> ''),
    sink               TEXT NOT NULL CHECK (sink <> ''),
    kind               TEXT NOT NULL CHECK (kind IN ('lead', 'notice')),
    lead_id            INTEGER NOT NULL REFERENCES leads (id),
    idempotency_key    TEXT NOT NULL UNIQUE,
    payload            TEXT NOT NULL DEFAULT '{}' CHECK (json_type(payload) = 'object'),
    status             TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'dead')),
    attempts           INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at_ms INTEGER NOT NULL,
    last_error         TEXT NOT NULL DEFAULT '',
    external_id        TEXT NOT NULL DEFAULT '',
    created_at_ms      INTEGER NOT NULL,
    updated_at_ms      INTEGER NOT NULL
);
CREATE INDEX jobs_due ON jobs (status, next_attempt_at_ms);
CREATE INDEX jobs_by_status_updated ON jobs (status, updated_at_ms);
CREATE INDEX jobs_by_lead ON jobs (lead_id);

-- Every outcome of every attempt and every replay: why a job died stays visible after it is
-- replayed and fails again for another reason.
CREATE TABLE job_events (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    job_id   INTEGER NOT NULL REFERENCES jobs (id),
    at_ms    INTEGER NOT NULL,
    event    TEXT NOT NULL CHECK (event IN ('succeeded', 'retry', 'dead', 'replayed')),
    attempts INTEGER NOT NULL,
    detail   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX job_events_by_job ON job_events (job_id, id);

CREATE TABLE plugin_state (
    scope TEXT NOT NULL,
    key   TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (scope, key)
) WITHOUT ROWID;
)sql";

// Version 2: one customer, one contact; conversations; understanding and assignment on leads;
// cancelled jobs (erasure of a person's data cancels what was still to be delivered).
//
// - contacts / contact_identities: a contact is found by any of its identities (kind, value),
//   unique per tenant. contact_merges records which identities and leads a merge moved, so it
//   can be undone.
// - messages: every message of a conversation; the platform's message id moves here as the key
//   that recognises repeats. Existing leads become the first message of their own conversation.
// - jobs and job_events are rebuilt (SQLite cannot change a CHECK constraint in place) to allow
//   the status and event 'cancelled'. The new job_events references jobs_v2, which the rename
//   turns into jobs; foreign keys are deferred to the commit while the tables are swapped.
constexpr const char* kContactsSchema = R"sql(
PRAGMA defer_foreign_keys = ON;

CREATE TABLE contacts (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant        TEXT NOT NULL CHECK (tenant <> ''),
    name          TEXT,
    merged_into   INTEGER REFERENCES contacts (id),
    erased_at_ms  INTEGER,
    created_at_ms INTEGER NOT NULL
);
CREATE INDEX contacts_by_tenant ON contacts (tenant, id);

CREATE TABLE contact_identities (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant        TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind <> ''),
    value         TEXT NOT NULL CHECK (value <> ''),
    contact_id    INTEGER NOT NULL REFERENCES contacts (id),
    created_at_ms INTEGER NOT NULL
);
CREATE UNIQUE INDEX identities_by_value ON contact_identities (tenant, kind, value);
CREATE INDEX identities_by_contact ON contact_identities (contact_id);

CREATE TABLE contact_merges (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant            TEXT NOT NULL,
    kept_contact_id   INTEGER NOT NULL REFERENCES contacts (id),
    merged_contact_id INTEGER NOT NULL REFERENCES contacts (id),
    moved_identities  TEXT NOT NULL CHECK (json_type(moved_identities) = 'array'),
    moved_leads       TEXT NOT NULL CHECK (json_type(moved_leads) = 'array'),
    at_ms             INTEGER NOT NULL,
    undone_at_ms      INTEGER
);
CREATE INDEX merges_by_contact ON contact_merges (kept_contact_id);

ALTER TABLE leads ADD COLUMN contact_id INTEGER REFERENCES contacts (id);
ALTER TABLE leads ADD COLUMN status TEXT NOT NULL DEFAULT 'open'
    CHECK (status IN ('open', 'won', 'lost', 'closed'));
ALTER TABLE leads ADD COLUMN status_at_ms INTEGER;
ALTER TABLE leads ADD COLUMN last_message_at_ms INTEGER;
ALTER TABLE leads ADD COLUMN intent TEXT;
ALTER TABLE leads ADD COLUMN services TEXT NOT NULL DEFAULT '[]' CHECK (json_type(services) = 'array');
ALTER TABLE leads ADD COLUMN urgent INTEGER NOT NULL DEFAULT 0;
ALTER TABLE leads ADD COLUMN visit_date TEXT;
ALTER TABLE leads ADD COLUMN visit_time TEXT;
ALTER TABLE leads ADD COLUMN daypart TEXT;
ALTER TABLE leads ADD COLUMN score TEXT CHECK (score IS NULL OR score IN ('hot', 'warm', 'cold'));
ALTER TABLE leads ADD COLUMN assignment TEXT CHECK (assignment IS NULL OR assignment IN ('assigned', 'offered', 'queued'));
ALTER TABLE leads ADD COLUMN assignee TEXT;
ALTER TABLE leads ADD COLUMN offered_to TEXT NOT NULL DEFAULT '[]' CHECK (json_type(offered_to) = 'array');
ALTER TABLE leads ADD COLUMN assignment_reason TEXT;
UPDATE leads SET last_message_at_ms = received_at_ms;
CREATE INDEX leads_by_contact ON leads (contact_id, status, last_message_at_ms);
CREATE INDEX leads_by_assignee ON leads (tenant, assignee, status);

CREATE TABLE messages (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    lead_id             INTEGER NOT NULL REFERENCES leads (id),
    tenant              TEXT NOT NULL,
    source              TEXT NOT NULL,
    channel             TEXT NOT NULL,
    external_user_id    TEXT,
    external_message_id TEXT,
    name                TEXT,
    phone               TEXT,
    email               TEXT,
    text                TEXT,
    extra               TEXT NOT NULL DEFAULT '{}' CHECK (json_type(extra) = 'object'),
    reading             TEXT NOT NULL DEFAULT '{}' CHECK (json_type(reading) = 'object'),
    received_at_ms      INTEGER NOT NULL,
    created_at_ms       INTEGER NOT NULL
);
CREATE UNIQUE INDEX messages_by_message_id ON messages (tenant, source, external_message_id)
    WHERE external_message_id IS NOT NULL;
CREATE INDEX messages_by_lead ON messages (lead_id, id);
INSERT INTO messages (lead_id, tenant, source, channel, external_user_id, external_message_id, name, phone,
                      email, text, extra, received_at_ms, created_at_ms)
    SELECT id, tenant, source, channel, external_user_id, external_message_id, name, phone, email, text, extra,
           received_at_ms, created_at_ms FROM leads ORDER BY id;

CREATE TABLE jobs_v2 (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant             TEXT NOT NULL CHECK (tenant <> ''),
    sink               TEXT NOT NULL CHECK (sink <> ''),
    kind               TEXT NOT NULL CHECK (kind IN ('lead', 'notice')),
    lead_id            INTEGER NOT NULL REFERENCES leads (id),
    idempotency_key    TEXT NOT NULL UNIQUE,
    payload            TEXT NOT NULL DEFAULT '{}' CHECK (json_type(payload) = 'object'),
    status             TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'dead', 'cancelled')),
    attempts           INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at_ms INTEGER NOT NULL,
    last_error         TEXT NOT NULL DEFAULT '',
    external_id        TEXT NOT NULL DEFAULT '',
    created_at_ms      INTEGER NOT NULL,
    updated_at_ms      INTEGER NOT NULL
);
INSERT INTO jobs_v2 SELECT id, tenant, sink, kind, lead_id, idempotency_key, payload, status, attempts,
    next_attempt_at_ms, last_error, external_id, created_at_ms, updated_at_ms FROM jobs;
CREATE TABLE job_events_v2 (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    job_id   INTEGER NOT NULL REFERENCES jobs_v2 (id),
    at_ms    INTEGER NOT NULL,
    event    TEXT NOT NULL CHECK (event IN ('succeeded', 'retry', 'dead', 'replayed', 'cancelled')),
    attempts INTEGER NOT NULL,
    detail   TEXT NOT NULL DEFAULT ''
);
INSERT INTO job_events_v2 SELECT id, job_id, at_ms, event, attempts, detail FROM job_events;
DROP TABLE job_events;
DROP TABLE jobs;
ALTER TABLE jobs_v2 RENAME TO jobs;
ALTER TABLE job_events_v2 RENAME TO job_events;
CREATE INDEX jobs_due ON jobs (status, next_attempt_at_ms);
CREATE INDEX jobs_by_status_updated ON jobs (status, updated_at_ms);
CREATE INDEX jobs_by_lead ON jobs (lead_id);
CREATE INDEX job_events_by_job ON job_events (job_id, id);
)sql";

// Version 3: the inbox. A webhook is acknowledged once its raw message is here; the pipeline's
// background stage turns each row into a lead and deletes it in the same transaction. Rows are
// few at a time (deleted once processed), so the table stays small.
// - AUTOINCREMENT: an id is never reused, so work prepared for a row processed meanwhile can
//   never be applied to a newer row that got the same id.
// - No json_type() CHECK on `message`: the store writes it itself, and the check would parse
//   every message again inside the writer, the one thread every acknowledgement waits for.
// - The unique index recognises a platform's repeat while the first copy is still waiting.
constexpr const char* kInboxSchema = R"sql(
CREATE TABLE inbox (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant              TEXT NOT NULL CHECK (tenant <> ''),
    source              TEXT NOT NULL CHECK (source <> ''),
    external_message_id TEXT,
    message             TEXT NOT NULL,
    received_at_ms      INTEGER NOT NULL,
    created_at_ms       INTEGER NOT NULL,
    attempts            INTEGER NOT NULL DEFAULT 0,
    last_error          TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX inbox_by_message_id ON inbox (tenant, source, external_message_id)
    WHERE external_message_id IS NOT NULL;
)sql";

// Version 4: readings from a processor and leads taken by staff.
// - reading_source: "builtin" while the lead holds the built-in reading, else the name of the
//   processor instance whose reading replaced it; reading_at_ms: when that happened. The
//   built-in reading of each message stays in messages.reading.
// - taken_at_ms: when a member of staff took a lead that was offered to several people.
constexpr const char* kProcessorReadingSchema = R"sql(
ALTER TABLE leads ADD COLUMN reading_source TEXT NOT NULL DEFAULT 'builtin' CHECK (reading_source <> '');
ALTER TABLE leads ADD COLUMN reading_at_ms INTEGER;
ALTER TABLE leads ADD COLUMN taken_at_ms INTEGER;
)sql";

// Version 5: conversations in both directions, and replies.
// - messages.kind: "customer" (the customer wrote; the only kind that opens or joins a lead and is
//   read), "business" (the business wrote on the platform outside the hub: a platform's echo),
//   "reply" (sent through the hub: its job_id is the delivery), "blocked" (the customer blocked
//   the bot or unsubscribed). address: where a reply to the customer goes, as the source gave it
//   (customer messages). author: who sent a reply ("api", a staff id).
// - jobs are rebuilt once more (SQLite cannot change a CHECK constraint in place) to take the
//   kind "reply". The kinds stay a closed list: a job of a kind no code delivers is a bug to
//   refuse at the write, not a row that waits forever.
constexpr const char* kConversationSchema = R"sql(
ALTER TABLE messages ADD COLUMN kind TEXT NOT NULL DEFAULT 'customer'
    CHECK (kind IN ('customer', 'business', 'reply', 'blocked'));
ALTER TABLE messages ADD COLUMN address TEXT CHECK (address IS NULL OR json_type(address) = 'object');
ALTER TABLE messages ADD COLUMN author TEXT;
ALTER TABLE messages ADD COLUMN job_id INTEGER;

CREATE TABLE jobs_v5 (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant             TEXT NOT NULL CHECK (tenant <> ''),
    sink               TEXT NOT NULL CHECK (sink <> ''),
    kind               TEXT NOT NULL CHECK (kind IN ('lead', 'notice', 'reply')),
    lead_id            INTEGER NOT NULL REFERENCES leads (id),
    idempotency_key    TEXT NOT NULL UNIQUE,
    payload            TEXT NOT NULL DEFAULT '{}' CHECK (json_type(payload) = 'object'),
    status             TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'dead', 'cancelled')),
    attempts           INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at_ms INTEGER NOT NULL,
    last_error         TEXT NOT NULL DEFAULT '',
    external_id        TEXT NOT NULL DEFAULT '',
    created_at_ms      INTEGER NOT NULL,
    updated_at_ms      INTEGER NOT NULL
);
INSERT INTO jobs_v5 SELECT id, tenant, sink, kind, lead_id, idempotency_key, payload, status, attempts,
    next_attempt_at_ms, last_error, external_id, created_at_ms, updated_at_ms FROM jobs;
CREATE TABLE job_events_v5 (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    job_id   INTEGER NOT NULL REFERENCES jobs_v5 (id),
    at_ms    INTEGER NOT NULL,
    event    TEXT NOT NULL CHECK (event IN ('succeeded', 'retry', 'dead', 'replayed', 'cancelled')),
    attempts INTEGER NOT NULL,
    detail   TEXT NOT NULL DEFAULT ''
);
INSERT INTO job_events_v5 SELECT id, job_id, at_ms, event, attempts, detail FROM job_events;
DROP TABLE job_events;
DROP TABLE jobs;
ALTER TABLE jobs_v5 RENAME TO jobs;
ALTER TABLE job_events_v5 RENAME TO job_events;
CREATE INDEX jobs_due ON jobs (status, next_attempt_at_ms);
CREATE INDEX jobs_by_status_updated ON jobs (status, updated_at_ms);
CREATE INDEX jobs_by_lead ON jobs (lead_id);
CREATE INDEX job_events_by_job ON job_events (job_id, id);
)sql";

// Version 6: a lead's life after it is put somewhere (docs/crm-and-notifiers.md, "Lead statuses").
// - leads.status takes the stages new, in_work, booked, visited, no_show, cancelled, lost and
//   nurture. SQLite cannot change a CHECK in place, and leads is too referenced to rebuild: the
//   new column takes the mapped values (open -> new, won -> visited, closed -> cancelled), the old
//   one is dropped (its indexes first) and the new one renamed. booked_for: the visit's local
//   date and time; lost_reason.
// - lead_events: the lead's history, each change with who (actor) and from where (via). event_id
//   is the id of the source event that caused it (a CRM's webhook, a staff member's press): a
//   platform's repeat of it is recognised by the unique index and changes nothing twice. Kind
//   'event' remembers an event that changed nothing (a second press) for that recognition only.
// - jobs_by_external_id finds a lead by the id a sink returned for it (a CRM's status webhook).
constexpr const char* kLeadLifeSchema = R"sql(
ALTER TABLE leads ADD COLUMN stage TEXT NOT NULL DEFAULT 'new'
    CHECK (stage IN ('new', 'in_work', 'booked', 'visited', 'no_show', 'cancelled', 'lost', 'nurture'));
UPDATE leads SET stage = CASE status WHEN 'won' THEN 'visited' WHEN 'lost' THEN 'lost'
                                     WHEN 'closed' THEN 'cancelled' ELSE 'new' END;
DROP INDEX leads_by_contact;
DROP INDEX leads_by_assignee;
ALTER TABLE leads DROP COLUMN status;
ALTER TABLE leads RENAME COLUMN stage TO status;
CREATE INDEX leads_by_contact ON leads (contact_id, status, last_message_at_ms);
CREATE INDEX leads_by_assignee ON leads (tenant, assignee, status);
ALTER TABLE leads ADD COLUMN booked_for TEXT;
ALTER TABLE leads ADD COLUMN lost_reason TEXT;

CREATE TABLE lead_events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    lead_id     INTEGER NOT NULL REFERENCES leads (id),
    tenant      TEXT NOT NULL,
    at_ms       INTEGER NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('status', 'take', 'reply', 'event')),
    from_status TEXT,
    to_status   TEXT,
    actor       TEXT NOT NULL DEFAULT '',
    via         TEXT NOT NULL DEFAULT '',
    detail      TEXT NOT NULL DEFAULT '{}' CHECK (json_type(detail) = 'object'),
    source      TEXT,
    event_id    TEXT
);
CREATE INDEX lead_events_by_lead ON lead_events (lead_id, id);
CREATE UNIQUE INDEX lead_events_by_event ON lead_events (tenant, source, event_id) WHERE event_id IS NOT NULL;
CREATE INDEX jobs_by_external_id ON jobs (tenant, sink, external_id) WHERE external_id <> '';
)sql";

// Timers (durable, keyed, fired once through the outbox), when staff first responded, and a
// history whose kinds are no longer a fixed list (timers record SLA steps, breaches, reminders).
// SQLite cannot change a CHECK, so lead_events is copied into a table without it.
constexpr const char* kTimersSchema = R"sql(
CREATE TABLE timers (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant        TEXT NOT NULL,
    lead_id       INTEGER NOT NULL REFERENCES leads (id),
    purpose       TEXT NOT NULL CHECK (purpose <> ''),
    due_at_ms     INTEGER NOT NULL,
    payload       TEXT NOT NULL DEFAULT '{}' CHECK (json_type(payload) = 'object'),
    status        TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'fired', 'cancelled')),
    created_at_ms INTEGER NOT NULL,
    updated_at_ms INTEGER NOT NULL,
    fired_at_ms   INTEGER,
    UNIQUE (lead_id, purpose)
);
CREATE INDEX timers_due ON timers (due_at_ms) WHERE status = 'pending';
ALTER TABLE leads ADD COLUMN first_response_at_ms INTEGER;
-- The customer asked never to be messaged again: no automatic message goes to the contact.
ALTER TABLE contacts ADD COLUMN opted_out_at_ms INTEGER;

CREATE TABLE lead_events_v7 (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    lead_id     INTEGER NOT NULL REFERENCES leads (id),
    tenant      TEXT NOT NULL,
    at_ms       INTEGER NOT NULL,
    kind        TEXT NOT NULL CHECK (kind <> ''),
    from_status TEXT,
    to_status   TEXT,
    actor       TEXT NOT NULL DEFAULT '',
    via         TEXT NOT NULL DEFAULT '',
    detail      TEXT NOT NULL DEFAULT '{}' CHECK (json_type(detail) = 'object'),
    source      TEXT,
    event_id    TEXT
);
INSERT INTO lead_events_v7 SELECT * FROM lead_events;
DROP TABLE lead_events;
ALTER TABLE lead_events_v7 RENAME TO lead_events;
CREATE INDEX lead_events_by_lead ON lead_events (lead_id, id);
CREATE UNIQUE INDEX lead_events_by_event ON lead_events (tenant, source, event_id) WHERE event_id IS NOT NULL;
CREATE INDEX lead_events_by_kind ON lead_events (tenant, kind, at_ms);
)sql";

}  // namespace

const std::vector<Migration>& migrations() {
    static const std::vector<Migration> steps = {
        {1, "leads, jobs, job events, plugin state", kInitialSchema},
        {2, "contacts, conversations, lead reading and assignment, cancelled jobs", kContactsSchema},
        {3, "inbox of acknowledged messages waiting for the pipeline", kInboxSchema},
        {4, "processor readings of leads, leads taken by staff", kProcessorReadingSchema},
        {5, "conversations in both directions, reply jobs", kConversationSchema},
        {6, "lead stages, their history, leads found by a sink's id", kLeadLifeSchema},
        {7, "timers, the first response of staff, open history kinds", kTimersSchema},
    };
    return steps;
}

int latest_schema_version() { return migrations().back().version; }

int current_schema_version(Connection& connection) {
    Statement exists = connection.prepare(
        "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'");
    if (!exists.step()) return 0;
    Statement version = connection.prepare("SELECT coalesce(max(version), 0) FROM schema_migrations");
    version.step();
    return static_cast<int>(version.int64(0));
}

void migrate(Connection& connection, int64_t now_ms) {
    connection.exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at_ms INTEGER NOT NULL)",
        "creating schema_migrations");
    int current = current_schema_version(connection);
    int latest = latest_schema_version();
    if (current > latest)
        throw StoreError("store " + connection.path() + ": the database has schema version " +
                         std::to_string(current) + ", newer than this leadhub knows (" +
                         std::to_string(latest) + "); use a newer leadhub with this file");
    if (current == latest) return;
    // Every pending step in one transaction: one commit (one WAL sync) instead of one per step, so
    // a fresh database is created faster (docs/benchmarks.md, "Start-up"). A failing step rolls
    // back the steps before it too, leaving the database at the version it had.
    std::string what = "migrating to schema version " + std::to_string(latest);
    connection.exec("BEGIN IMMEDIATE", what);
    try {
        for (const Migration& step : migrations()) {
            if (step.version <= current) continue;
            what = "migrating to schema version " + std::to_string(step.version) + " (" + step.name + ")";
            connection.exec(step.sql, what);
            Statement record = connection.prepare(
                "INSERT INTO schema_migrations (version, name, applied_at_ms) VALUES (?1, ?2, ?3)");
            record.bind(1, int64_t{step.version}).bind(2, std::string(step.name)).bind(3, now_ms).run();
        }
        connection.exec("COMMIT", what);
    } catch (...) {
        // The step's own error is the one to report; a failing ROLLBACK would only hide it.
        if (!connection.autocommit()) {
            try {
                connection.exec("ROLLBACK", what);
            } catch (const StoreError&) {
            }
        }
        throw;
    }
}

}  // namespace leadhub::store
