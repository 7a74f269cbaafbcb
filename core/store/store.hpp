// The durable store: every message, lead, outbox job, dead letter and plugin state of leadhub.
//
// SQLite in WAL mode with synchronous=FULL: when a write call returns, its data is on disk.
// Writes from many threads are grouped: a single writer thread takes every write waiting, runs
// them in one transaction and commits once (group commit), then wakes each caller. So durability
// costs one fsync per group, not per request, and callers still only return after their own data
// is committed (invariant 1: acknowledge only what is stored).
//
// Reads use their own connections and never wait for the writer.
//
// Errors: a failure to open, migrate or write throws StoreError with a message naming the file
// and what failed. A failed group transaction fails every call in it; nothing half-written stays.
#pragma once

#include <leadhub/sdk/json.hpp>

#include <cstdint>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace leadhub::store {

using Json = nlohmann::json;

class StoreError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct StoreOptions {
    std::string path = "data/leadhub.db";  // parent directories are created
    // How long the writer may wait to gather a group once it has a task. None by default: a
    // group is whatever arrived while the previous one committed, which under load is every
    // caller of the HTTP front's last wave, and at a salon's pace a lone write commits at once.
    // Any wait only stretched every cycle (docs/benchmarks.md, rounds 4 and 5: 2000 -> 500 -> 0 us).
    int group_commit_max_wait_us = 0;
    int group_commit_max_size = 512;       // at most this many write calls per transaction
    int busy_timeout_ms = 5000;
};

// One inbound message as a source extracted it, with where it came from.
struct InboundMessage {
    std::string tenant;
    std::string source;   // source instance name
    std::string channel;
    std::optional<std::string> external_user_id;
    std::optional<std::string> external_message_id;  // (tenant, source, id) is unique: repeats are dropped
    std::optional<std::string> name, phone, email, text;
    Json utm = nullptr;     // object or null
    Json extra = Json::object();
    int64_t received_at_ms = 0;
    // What the message is (messages.kind in schema 5): "customer" opens or joins a lead;
    // "business" (the business wrote outside the hub) and "blocked" (the customer blocked the
    // bot) are only recorded on the contact's open conversation, and dropped when it has none.
    std::string kind = "customer";
    Json address = nullptr;  // object or null: where a reply to this customer goes (sdk::Message::address)
};

// An outbox job to create in the same transaction as the message that caused it.
struct JobSpec {
    std::string sink;          // sink or notifier instance name (unique within a tenant)
    std::string kind = "lead"; // "lead" or "notice"
    Json payload = Json::object();  // extra data for the sink; the lead itself is attached at delivery
    int64_t not_before_ms = 0;      // 0: due at once
};

// One way to recognise a person: ("phone", "+79131234567"), ("email", "a@b.ru"), or a platform's
// user id under the channel's name ("telegram", "12345"). Unique per tenant: it belongs to one
// contact at a time.
struct Identity {
    std::string kind;
    std::string value;
    bool operator==(const Identity&) const = default;
};

// What the understanding read in a message, and the score given for it.
struct LeadReading {
    std::string intent = "other";  // book, reschedule, cancel, question, complaint, other
    std::vector<std::string> services;
    bool urgent = false;
    std::optional<std::string> date, time, daypart;  // YYYY-MM-DD, HH:MM, morning|afternoon|evening
    std::string score;  // "hot", "warm", "cold"; "" when not scored

    Json to_json() const;
};

// Who a new lead went to, and why (the reason is shown to owners, in Russian).
struct Assignment {
    std::string status = "queued";  // "assigned" (assignee set), "offered" (offered_to set), "queued"
    std::string assignee;
    std::vector<std::string> offered_to;
    std::string reason;
};

// What assignment rules may ask about the tenant's current state, inside the transaction that
// creates the lead (so two leads at once never both see the same free person or turn).
class AssignmentState {
public:
    virtual ~AssignmentState() = default;
    // Leads of the tenant assigned to `staff_id` that are still open (status open, last message
    // within the tenant's conversation window).
    virtual int64_t open_leads(const std::string& staff_id) = 0;
    // The assignee of the newest earlier lead of the same contact, if it had one.
    virtual std::optional<std::string> previous_owner() = 0;
    // Small durable values of the tenant's assignment (round-robin turns), kept in the store.
    virtual std::optional<std::string> get(const std::string& key) = 0;
    virtual void put(const std::string& key, const std::string& value) = 0;
};
using AssignFunction = std::function<std::optional<Assignment>(AssignmentState&)>;

// ---- Timers (schema 7): automatic replies, SLA steps, reminders, follow-ups ----
//
// A timer is a row keyed by (lead, purpose): arming a purpose again moves it, so a lead never has
// two timers for one reason (invariant 10). It is created or moved in the same transaction as the
// change that makes it necessary (a new lead, a booking) and cancelled in the same transaction as
// the change that makes it obsolete (staff responding, the lead closing). fire_timer() marks it
// fired and writes what it causes (jobs, history, a reply) in ONE transaction, so a timer due
// while the hub was down fires once after the start, never twice, also across a crash at any
// point; its messages then go through the outbox (retries, rate limits, dead letters).

struct TimerSpec {
    // The key within the lead: "reply", "sla:breach", "sla:1", "remind:24h", "followup:1".
    std::string purpose;
    int64_t due_at_ms = 0;
    Json payload = Json::object();
    // A pending timer of this purpose stays as it is (the first message of a burst decides when
    // its reply goes); otherwise the timer is armed at due_at_ms, also when it fired before.
    bool keep_pending = false;
    // Not armed once staff responded (took the lead, answered, changed its status): a person's
    // takeover silences the automatic messages.
    bool until_staff_respond = false;
};

struct Timer {
    int64_t id = 0, lead_id = 0;
    std::string tenant, purpose;
    int64_t due_at_ms = 0;
    Json payload = Json::object();
    std::string status = "pending";  // pending, fired, cancelled
    int64_t created_at_ms = 0, updated_at_ms = 0;
    std::optional<int64_t> fired_at_ms;
    Json to_json() const;
};

// An entry of the lead's history that a timer writes (an SLA step, a breach, a reminder sent).
struct LeadNote {
    std::string kind;
    Json detail = Json::object();
    std::string actor = "system";
    std::string via = "timer";
};


inline constexpr int64_t kDefaultConversationWindowMs = 24LL * 60 * 60 * 1000;

struct IngestItem {
    InboundMessage message;
    std::vector<JobSpec> jobs;  // created only when the message opens a new lead
    // Created when the message joins an open lead, each only if its instance was given the lead
    // (a job of the same kind without an event, pending or done): the sinks that follow the
    // conversation (lead_updates, kind `lead`), and the notifying sources sent its card (`notice`).
    std::vector<JobSpec> update_jobs;
    // The message's identities: they find its contact (none: a new anonymous contact). When they
    // point at several contacts, those merge into the oldest, and the merge is recorded.
    std::vector<Identity> identities;
    LeadReading reading;
    // A message joins its contact's open lead whose last message is at most this old (by
    // received_at); <= 0: every message opens a new lead.
    int64_t conversation_window_ms = kDefaultConversationWindowMs;
    AssignFunction assign;  // called once, only when a new lead is opened; empty: not assigned
    std::vector<TimerSpec> timers;       // armed when the message opens a new lead
    std::vector<TimerSpec> join_timers;  // armed when it joins an open lead (the next automatic reply)
};

struct IngestResult {
    bool duplicate = false;  // the message id was seen before: nothing was written
    int64_t lead_id = 0;     // the lead created or joined (or, for a duplicate, the one stored before)
    std::vector<int64_t> job_ids;
    bool new_lead = false;   // false: the message joined an open lead (or was a duplicate)
    int64_t contact_id = 0;
    int64_t message_id = 0;
    std::vector<int64_t> merge_ids;  // merges this message caused
};

// ---- The inbox (schema 3): what a webhook is acknowledged for ----
//
// A source's message is acknowledged once its raw form is committed to the inbox (group-
// committed like every write); the pipeline's background stage then reads it, builds its
// IngestItem and calls process_inbox(), which creates the lead, its contact and its outbox jobs
// and removes the inbox row in ONE transaction (invariant 2). An inbox row is never lost: until
// that transaction commits it stays, and a restart processes it then (invariant 5).

// A message as the source gave it, to store before it is understood.
struct InboxEntry {
    std::string tenant;
    std::string source;
    std::optional<std::string> external_message_id;  // (tenant, source, id) is unique: repeats are dropped
    std::string message_json;                         // the sdk::Message as JSON text
    int64_t received_at_ms = 0;
};

struct AcceptResult {
    bool duplicate = false;  // the message id was seen before (in the inbox or among stored messages)
    int64_t inbox_id = 0;    // 0 for a duplicate
};

// An inbox row waiting to be processed.
struct InboxMessage {
    int64_t id = 0;
    std::string tenant, source;
    std::optional<std::string> external_message_id;
    std::string message_json;
    int64_t received_at_ms = 0;
    int attempts = 0;         // failed processing attempts so far
    std::string last_error;
};

// A change of a lead's status, with who made it and from where (the lead's history).
struct StatusChange {
    std::string status;      // a lead status, or a legacy name: open (new), won (visited), closed (cancelled)
    std::string actor;       // who: a staff id, a CRM's user, "api", "system"
    std::string via;         // from where: "api", "cli", an instance name
    std::string reason;      // lost: why
    std::string booked_for;  // booked: "YYYY-MM-DDTHH:MM" local, or ""
    Json detail = Json::object();  // anything else worth keeping (the CRM's stage)
    // The timers the new status arms, called inside the transaction with the status and the
    // visit's local "YYYY-MM-DDTHH:MM" as it stands after the change (booked_for, else the lead's,
    // else its reading's date and time; "" when unknown): a booking's reminders (replacing the
    // lead's earlier "remind:%" ones), a no-show's offer to rebook.
    std::function<std::vector<TimerSpec>(const std::string& status, const std::string& booked_for)> plan_timers = {};
};

// One entry of a lead's history (lead_events).
struct LeadEvent {
    int64_t id = 0, lead_id = 0, at_ms = 0;
    std::string kind;  // status, take, reply
    std::optional<std::string> from_status, to_status;
    std::string actor, via;
    Json detail = Json::object();
    std::optional<std::string> source, event_id;
    Json to_json() const;
};

// What a source's event asks of a lead (a CRM's status webhook, a staff member's press), ready
// to apply in the transaction that removes its inbox row. Built by the pipeline from the config.
struct LeadAction {
    enum class Kind { status, take, reply } kind = Kind::status;
    std::string tenant, source;
    std::optional<std::string> event_id;  // the platform's id of the event: a repeat changes nothing
    std::optional<int64_t> lead_id;       // the lead, or
    std::string external_id;              // the id `source` (as a sink) returned for it
    StatusChange change;                  // status (and take: the status it moves to from new)
    std::string staff_id;                 // take, reply: who; status by staff: who too
    std::string text;                     // reply
    bool staff_chat = false;              // take from a shared chat: a queued lead is anyone's
    // Where the result goes back (the source instance, as a notice), with the names to show;
    // empty: nowhere (a CRM's events).
    std::optional<Json> result_notice;    // {"action", "answer_to", "staff": {"id", "name"}}
    std::map<std::string, std::string> staff_names;  // id -> name, for the result's assignee
};

// The processed form of one inbox row: a message to ingest, or an action on a lead.
struct InboxWork {
    int64_t inbox_id = 0;
    IngestItem item;
    std::optional<LeadAction> action;
};

struct InboxOutcome {
    int64_t inbox_id = 0;
    bool done = false;            // the lead (or the joined conversation) is stored, the row is gone
    bool already_processed = false;  // the row was gone already (processed by another call): nothing written
    IngestResult result;          // when done
    std::string error;            // when not done and not already processed: why (the row keeps it)
};

// Inbox rows with this many failed attempts are no longer picked up (they stay, with their
// error, until an operator fixes the cause and restarts: start-up gives them new attempts).
inline constexpr int kInboxMaxAttempts = 5;

struct InboxCounts {
    int64_t pending = 0;  // waiting for processing (fewer than kInboxMaxAttempts failures)
    int64_t failed = 0;   // given up after kInboxMaxAttempts failures
};

enum class JobStatus { pending, done, dead, cancelled };

// "pending", "done" or "dead": the spelling stored in the database and shown to operators.
const char* job_status_name(JobStatus status);

struct Job {
    int64_t id = 0;
    std::string tenant;
    std::string sink;
    std::string kind;
    int64_t lead_id = 0;
    std::string idempotency_key;  // stable across retries and replays
    int attempts = 0;             // attempts made so far
    int64_t created_at_ms = 0;
    int64_t next_attempt_at_ms = 0;
    JobStatus status = JobStatus::pending;
    std::string last_error;
    std::string external_id;
    Json payload = Json::object();
    int64_t updated_at_ms = 0;
};

// One entry of a job's history: every attempt's outcome and every replay, oldest first.
struct JobEvent {
    int64_t at_ms = 0;
    std::string event;   // "succeeded", "retry", "dead" or "replayed"
    int attempts = 0;    // the attempt count the event recorded (for "replayed": before the replay)
    std::string detail;  // the error, the reason, the external id, or (replayed) the last error
};

// The lead as /api/leads shows it (later issues add fields; unknown ones live in `fields`).
// Its message fields are those of the conversation's first message, completed by later ones.
struct Lead {
    int64_t id = 0;
    std::string tenant, source, channel;
    std::optional<std::string> external_user_id, external_message_id, name, phone, email, text;
    Json utm = nullptr;
    Json extra = Json::object();
    int64_t created_at_ms = 0;
    int64_t contact_id = 0;          // 0: a lead stored before contacts existed
    std::string status = "new";      // new, in_work, booked, visited, no_show, cancelled, lost, nurture
    std::optional<std::string> booked_for, lost_reason;  // booked: the visit's local "YYYY-MM-DDTHH:MM"; lost: why
    Json external_ids = Json::object();  // {"<sink>": "<id>"}: what each sink's delivery of the lead returned
    int64_t last_message_at_ms = 0;
    int64_t message_count = 1;
    LeadReading reading;
    std::string reading_source = "builtin";  // or the processor instance whose reading replaced it
    std::optional<Assignment> assignment;  // nullopt: no assignment rules ran
    // When staff first responded (took the lead, answered the customer, changed its status): the
    // end of its SLA clock. nullopt: nobody yet.
    std::optional<int64_t> first_response_at_ms;

    // created_at as ISO 8601 UTC ("2026-03-10T05:00:00.123Z"); score as "hot" | "warm" | "cold"
    // (null when not scored), assignee null unless assigned.
    Json to_json() const;
};

// What the staff see of a message: its text, then the channel's description of what it carries
// besides (extra.attachments_text: "[фото]", "[голосовое сообщение 0:12]"); null when neither.
Json display_text(const std::optional<std::string>& text, const Json& extra);

// One message of a lead's conversation.
struct StoredMessage {
    int64_t id = 0;
    int64_t lead_id = 0;
    std::string source, channel;
    std::optional<std::string> external_message_id, name, phone, email, text;
    Json extra = Json::object();
    Json reading = Json::object();
    int64_t received_at_ms = 0;
    std::string kind = "customer";  // customer, business, reply, blocked (see InboundMessage::kind)
    Json address = nullptr;         // a customer message's reply address
    std::optional<std::string> author;  // a reply's sender: "api" or a staff id
    std::optional<int64_t> job_id;      // a reply's delivery job
};

// The author of the hub's own messages to a customer (automatic replies, reminders): they are
// not a person's response.
inline constexpr const char* kAutomaticAuthor = "auto";

// A reply to the customer of a lead, sent through the hub (Store::add_reply).
struct ReplyRequest {
    int64_t lead_id = 0;
    std::string text;
    Json buttons = Json::array();  // [{"id", "title"}], for channels that show them
    std::string author = "api";    // who sends it: "api", a staff id, or kAutomaticAuthor
};

// What add_reply() did. On `ok`, the reply is a message of the lead's conversation (kind "reply")
// and a job of kind "reply" for the source instance that received the customer's latest message.
struct ReplyResult {
    enum class Kind { ok, no_such_lead, no_address } kind = Kind::no_such_lead;
    int64_t message_id = 0;
    int64_t job_id = 0;
    std::string source;   // the source instance the job goes to
    std::string channel;
};

// Who takes a lead instead of its assignee (an SLA step): decided inside the firing's
// transaction, so it sees the open leads of everyone as they are; nullopt: nobody (kept as is).
struct Reassignment {
    std::function<std::optional<Assignment>(AssignmentState&, const std::string& current_assignee)> decide;
    // The jobs that tell the new assignee, made from the decision (called only when there is one).
    std::function<std::vector<JobSpec>(const Assignment&)> tell;
};

// What a due timer causes, as the conversation planned it from the lead it read.
struct TimerFiring {
    int64_t timer_id = 0;
    int64_t due_at_ms = 0;  // the due time it was read with: a timer moved or cancelled since does not fire
    std::vector<JobSpec> jobs;             // alerts to staff (notices)
    std::vector<LeadNote> notes;
    std::optional<ReplyRequest> reply;     // an automatic message to the customer
    std::optional<Reassignment> reassign;  // only while staff have not responded
    std::optional<StatusChange> status;
    std::vector<TimerSpec> timers;         // the lead's next timers
    std::vector<std::string> cancel;       // purposes (SQL LIKE patterns) of the lead's timers to cancel
    bool opt_out = false;                  // the customer asked never to be messaged again (on the contact)
};
enum class TimerFireResult { fired, stale, failed };

struct IdentityRow {
    int64_t id = 0;
    std::string kind, value;
};

// A merge of two contacts, as recorded: which identities and leads moved from `merged` to `kept`.
struct ContactMerge {
    int64_t id = 0;
    std::string tenant;
    int64_t kept_contact_id = 0, merged_contact_id = 0;
    std::vector<int64_t> moved_identities, moved_leads;
    int64_t at_ms = 0;
    std::optional<int64_t> undone_at_ms;
};

struct Contact {
    int64_t id = 0;
    std::string tenant;
    std::optional<std::string> name;
    std::optional<int64_t> merged_into;  // set while merged into another contact
    bool erased = false;
    int64_t created_at_ms = 0;
    std::vector<IdentityRow> identities;
    std::vector<int64_t> lead_ids;          // newest first
    std::vector<ContactMerge> merges;       // merges into this contact, newest first
};

// What erase_contact() removed.
struct ErasureReport {
    std::vector<int64_t> contact_ids;  // the contact and every contact merged into it
    int64_t identities = 0, messages = 0, leads = 0, jobs_cancelled = 0;
};

enum class LeadStatusChange { changed, no_such_lead, same_status };

// The lead statuses (docs/crm-and-notifiers.md): the status a name means, legacy names mapped
// (open -> new, won -> visited, closed -> cancelled); "" for a name that is none.
std::string lead_status_from_name(const std::string& name);
// new, in_work, booked and nurture: the contact's next message joins the lead.
bool is_open_lead_status(const std::string& status);

// A processor's reading of a lead, to replace the built-in one (see update_reading()).
struct ReadingUpdate {
    LeadReading reading;                     // score included
    // Set on the lead only where it has none; a phone filled so also joins the identities of the
    // lead's contact (merging it with a contact that has the number already).
    std::optional<std::string> name, phone;
    std::string source;                      // the processor instance, stored as reading_source
    int64_t messages_read = 0;               // how many of the lead's messages the processor read
};
enum class ReadingUpdateResult { applied, no_such_lead, stale };

// What take_lead() did. `assignee`: who has the lead now (the taker, or whoever was first).
struct TakeResult {
    enum class Kind { taken, already_yours, no_such_lead, not_offered, taken_by_other } kind = Kind::no_such_lead;
    std::string tenant;
    std::string assignee;
    std::vector<std::string> offered_to;
};

// Counters of the group-committing writer since open, to see how well writes are grouped.
struct StoreStats {
    uint64_t write_calls = 0;    // write calls that reached the writer
    uint64_t transactions = 0;   // transactions committed (one per group)
    uint64_t failed_calls = 0;   // write calls that got a StoreError from the writer
};

// What a report needs of one lead (core/reports), read from the lead and its history in one
// query: the reports are computed from these records, never from counters kept on the side.
struct LeadFacts {
    int64_t id = 0;
    std::string channel, source, utm_source, utm_campaign;
    int64_t received_at_ms = 0;
    std::optional<int64_t> first_auto_reply_at_ms;  // the hub's first automatic reply
    std::optional<int64_t> first_response_at_ms;    // staff's first response
    std::string status, assignee, score, lost_reason;
    bool ever_booked = false;         // booked at some point (a visit, a no-show and a cancellation were too)
    std::string breach_tier;          // the SLA tier whose target passed without a response; "" none
    bool reminder_confirmed = false;  // the customer confirmed a reminder
};

class Store {
public:
    // Opens (creating if needed) and migrates the database; starts the writer thread.
    static std::unique_ptr<Store> open(const StoreOptions& options);
    virtual ~Store() = default;

    // Stores messages and their jobs in one group-committed transaction; returns when durable.
    // A message whose (tenant, source, external_message_id) exists already yields duplicate=true
    // and writes nothing for that item (its jobs are not created again).
    virtual std::vector<IngestResult> ingest(std::vector<IngestItem> items, int64_t now_ms) = 0;

    // Stores raw messages in the inbox in one group-committed transaction; returns when durable.
    // A message whose (tenant, source, external_message_id) is in the inbox or among the stored
    // messages already yields duplicate=true and writes nothing.
    virtual std::vector<AcceptResult> accept(std::vector<InboxEntry> entries, int64_t now_ms) = 0;
    // accept() without waiting: `done` runs once the entries are committed (error: nullptr,
    // results as accept() returns them) or could not be (error: the StoreError; nothing is
    // stored). It runs on the writer thread (or at once on the caller's when the store is
    // closing), so it must be quick: it hands the outcome on, e.g. queues an HTTP answer.
    using AcceptDone = std::function<void(std::vector<AcceptResult> results, std::exception_ptr error)>;
    virtual void accept_async(std::vector<InboxEntry> entries, int64_t now_ms, AcceptDone done) = 0;
    // Unprocessed inbox rows with id > after_id and fewer than kInboxMaxAttempts failures,
    // oldest first. Reads only.
    virtual std::vector<InboxMessage> pending_inbox(int64_t after_id, std::size_t limit) = 0;
    // For each work item, in one group-committed transaction: ingests its item (as ingest() does)
    // and deletes its inbox row, together; a row that is gone already is skipped. An item that
    // fails rolls back only itself and records the error and one more attempt on its row.
    virtual std::vector<InboxOutcome> process_inbox(std::vector<InboxWork> work, int64_t now_ms) = 0;
    // Records a failed attempt for a row that could not even be prepared (e.g. its tenant is gone).
    virtual void inbox_failed(int64_t inbox_id, const std::string& error) = 0;
    // Gives every row that was given up on fresh attempts; returns how many.
    virtual int64_t inbox_retry_failed() = 0;
    virtual InboxCounts inbox_counts() = 0;

    // Jobs that are pending and due (next_attempt_at <= now), oldest first, skipping ids in
    // `exclude` (the dispatcher's in-flight set). Reads only.
    // `skip_sinks` ("tenant/sink") are passed over: sinks the dispatcher cannot call now (at their
    // rate or concurrency), so that their backlog does not hide other sinks' jobs behind it.
    virtual std::vector<Job> due_jobs(int64_t now_ms, std::size_t limit, const std::vector<int64_t>& exclude = {},
                                      const std::vector<std::string>& skip_sinks = {}) = 0;
    // The earliest next_attempt_at of any pending job, for the dispatcher's sleep.
    virtual std::optional<int64_t> next_due_at() = 0;

    // Outcomes of one attempt (each group-committed, durable on return). `attempts` is the new count.
    virtual void job_succeeded(int64_t job_id, int attempts, const std::string& external_id, int64_t now_ms) = 0;
    virtual void job_retry(int64_t job_id, int attempts, int64_t next_attempt_at_ms, const std::string& error, int64_t now_ms) = 0;
    virtual void job_dead(int64_t job_id, int attempts, const std::string& reason, int64_t now_ms) = 0;

    virtual std::optional<Job> job(int64_t job_id) = 0;
    virtual std::optional<Lead> lead(int64_t lead_id) = 0;
    // Newest first; tenant "" means every tenant.
    virtual std::vector<Lead> leads(const std::string& tenant, std::size_t limit) = 0;

    // Dead letters: jobs with status dead, newest first.
    virtual std::vector<Job> dead_letters(const std::string& tenant, std::size_t limit) = 0;
    // Why and when a job failed, retried, died or was replayed, oldest first.
    virtual std::vector<JobEvent> job_history(int64_t job_id) = 0;
    // Puts a dead job back to pending, due now, keeping its idempotency key. false: no such dead job.
    // Its attempt count starts again at 0 (the history keeps the old count and last error).
    virtual bool replay(int64_t job_id, int64_t now_ms) = 0;
    // Replays every dead job (of a tenant, or all when ""); returns how many.
    virtual std::size_t replay_all(const std::string& tenant, int64_t now_ms) = 0;

    // ---- Conversations and contacts ----

    // The messages of a lead, oldest first, in both directions (StoredMessage::kind).
    virtual std::vector<StoredMessage> lead_messages(int64_t lead_id) = 0;
    // Records a reply on the lead's conversation and queues its delivery, in one transaction: the
    // job goes to the source instance of the lead's latest customer message that has an address,
    // with payload {"reply": {text, buttons, address, customer_last_message_at_ms}}.
    // no_address (nothing written) when no message of the lead can be answered on its channel.
    virtual ReplyResult add_reply(const ReplyRequest& request, int64_t now_ms) = 0;
    // Sets a lead's status and records the change in its history, in one transaction (an unknown
    // status: StoreError). A lead that is not open (visited, no_show, cancelled, lost) takes no
    // more messages: the contact's next message opens a new lead.
    virtual LeadStatusChange set_lead_status(int64_t lead_id, const StatusChange& change, int64_t now_ms) = 0;
    LeadStatusChange set_lead_status(int64_t lead_id, const std::string& status, int64_t now_ms) {
        return set_lead_status(lead_id, StatusChange{status, "api", "api", "", "", Json::object()}, now_ms);
    }
    // The lead's history, oldest first.
    virtual std::vector<LeadEvent> lead_history(int64_t lead_id) = 0;
    // What each sink's successful lead job returned for the lead: {"<sink>": "<external id>"}.
    virtual Json lead_external_ids(int64_t lead_id) = 0;

    // Replaces the lead's reading with a processor's, in one write: intent, services, urgent,
    // date, time, daypart and score; name and phone only where the lead has none. `stale` (and
    // nothing written) when the lead now has more messages than the processor read.
    virtual ReadingUpdateResult update_reading(int64_t lead_id, const ReadingUpdate& update, int64_t now_ms) = 0;
    // A member of staff takes a lead offered to several people (assignment "offered"): the first
    // taker gets it (assignment "assigned", the reason says so), atomically; anyone else then gets
    // taken_by_other with who has it. not_offered when `staff_id` is not among those offered to
    // (or the lead was never offered). Taking a lead one already holds is already_yours.
    // A lead taken moves from new to in_work; both are recorded in its history (via `via`).
    virtual TakeResult take_lead(int64_t lead_id, const std::string& staff_id, const std::string& reason,
                                 int64_t now_ms, const std::string& via = "api") = 0;

    virtual std::optional<Contact> contact(int64_t contact_id) = 0;
    // The contacts holding the identity (one per tenant at most); tenant "" means every tenant.
    virtual std::vector<Contact> find_contacts(const std::string& tenant, const Identity& identity) = 0;
    virtual std::optional<ContactMerge> merge(int64_t merge_id) = 0;
    // Undoes a merge: the recorded identities and leads go back to the merged contact, which is a
    // contact of its own again. Throws StoreError saying why when it cannot (no such merge, undone
    // already, a contact erased since); identities that moved on since then stay where they are.
    virtual ContactMerge unmerge(int64_t merge_id, int64_t now_ms) = 0;
    // Removes a person's data: the contact's (and its merged contacts') name and identities, the
    // text, name, phone, e-mail, user id and extra of their messages and leads. Rows and ids stay
    // (idempotency keys keep pointing at unique rows); their pending and dead jobs are cancelled.
    virtual ErasureReport erase_contact(int64_t contact_id, int64_t now_ms) = 0;

    // ---- Timers ----

    // Pending timers due at `now_ms` or before, earliest first. Reads only.
    virtual std::vector<Timer> due_timers(int64_t now_ms, std::size_t limit) = 0;
    // The earliest due time of any pending timer, for the timer runner's sleep.
    virtual std::optional<int64_t> next_timer_at() = 0;
    // Fires timers (see TimerFiring), all in one group-committed transaction, each in a savepoint
    // of its own: `stale` (nothing written) for one no longer pending at the due time it was read
    // with; `failed` for one whose writes failed, which is then fired with only a `timer_failed`
    // entry on its lead (so it is not tried in a loop). One fsync for the batch, not one a timer.
    virtual std::vector<TimerFireResult> fire_timers(const std::vector<TimerFiring>& firings, int64_t now_ms) = 0;
    TimerFireResult fire_timer(const TimerFiring& firing, int64_t now_ms) { return fire_timers({firing}, now_ms).at(0); }
    // Arms (or moves) timers of a lead outside any other change, e.g. a booking's reminders set
    // by the API. A lead that does not exist: false, nothing written.
    virtual bool arm_timers(int64_t lead_id, const std::vector<TimerSpec>& timers, int64_t now_ms) = 0;
    // Every timer of the lead, in due order (pending, fired and cancelled).
    virtual std::vector<Timer> lead_timers(int64_t lead_id) = 0;
    virtual int64_t pending_timer_count() = 0;

    // Pending jobs per "tenant/sink", for /metrics queue depth.
    virtual std::vector<std::pair<std::string, int64_t>> queue_depths() = 0;

    // Small durable key-value state per plugin instance ("tenant/instance").
    virtual std::optional<std::string> state_get(const std::string& scope, const std::string& key) = 0;
    virtual void state_put(const std::string& scope, const std::string& key, const std::string& value) = 0;

    // The facts of the tenant's leads that arrived in [from_ms, to_ms), oldest first. Reads only.
    virtual std::vector<LeadFacts> lead_facts(const std::string& tenant, int64_t from_ms, int64_t to_ms) = 0;

    virtual int schema_version() = 0;
    virtual std::string path() const = 0;
    virtual StoreStats stats() const = 0;
};

}  // namespace leadhub::store
