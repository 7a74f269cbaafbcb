// ingest(): each message finds its contact, then joins the contact's open lead (its
// conversation) or opens a new one, which is assigned and gets its outbox jobs, all in the same
// transaction (invariant 2). A repeated platform message id is recognised and writes nothing.
#include "store/sqlite/assignment_state.hpp"
#include "store/sqlite/contact_writes.hpp"
#include "store/sqlite/ingest_item.hpp"
#include "store/sqlite/lead_writes.hpp"
#include "store/sqlite/rows.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/sqlite/timer_writes.hpp"

#include <leadhub/sdk/json.hpp>

#include <algorithm>
#include <limits>

namespace leadhub::store {

namespace {

std::optional<int64_t> existing_message_lead(Connection& db, const InboundMessage& message) {
    if (!message.external_message_id) return std::nullopt;  // no id: it can never be a repeat
    Statement find = db.prepare(
        "SELECT lead_id FROM messages WHERE tenant = ?1 AND source = ?2 AND external_message_id = ?3");
    find.bind(1, message.tenant).bind(2, message.source).bind(3, *message.external_message_id);
    if (!find.step()) return std::nullopt;
    return find.int64(0);
}

int64_t open_since(int64_t received_at_ms, int64_t window_ms) {
    return window_ms > 0 ? received_at_ms - window_ms : std::numeric_limits<int64_t>::min();
}

// The contact's open lead still inside the window; open leads past it are closed on the way.
std::optional<int64_t> open_conversation(Connection& db, int64_t contact_id, const IngestItem& item, int64_t now_ms) {
    if (item.conversation_window_ms <= 0) return std::nullopt;
    int64_t since = open_since(item.message.received_at_ms, item.conversation_window_ms);
    // A lead past the window keeps its status (where it is in the business's process); it only
    // takes no more messages.
    (void)now_ms;
    // A booked lead takes the customer's messages whenever they come, until the visit is marked
    // (visited, no-show, cancelled): the answer to a reminder two days later belongs to it.
    Statement find = db.prepare(
        "SELECT id FROM leads WHERE contact_id = ?1 AND status IN ('new', 'in_work', 'booked', 'nurture')"
        " AND (status = 'booked' OR coalesce(last_message_at_ms, received_at_ms) >= ?2)"
        " ORDER BY status = 'booked' DESC, coalesce(last_message_at_ms, received_at_ms) DESC, id DESC LIMIT 1");
    find.bind(1, contact_id).bind(2, since);
    if (!find.step()) return std::nullopt;
    return find.int64(0);
}

int score_rank(const std::string& score) {
    if (score == "hot") return 3;
    if (score == "warm") return 2;
    if (score == "cold") return 1;
    return 0;
}

void bind_reading(Statement& statement, int first, const LeadReading& r) {
    statement.bind(first, r.intent).bind(first + 1, sdk::dump(Json(r.services))).bind(first + 2, int64_t{r.urgent});
    statement.bind(first + 3, r.date).bind(first + 4, r.time).bind(first + 5, r.daypart);
    if (r.score.empty()) statement.bind_null(first + 6);
    else statement.bind(first + 6, r.score);
}

int64_t insert_lead(Connection& db, const InboundMessage& m, int64_t contact_id, const LeadReading& reading,
                    int64_t now_ms) {
    Statement insert = db.prepare(
        "INSERT INTO leads (tenant, source, channel, external_user_id, external_message_id, name, phone,"
        " email, text, utm, extra, received_at_ms, created_at_ms, contact_id, last_message_at_ms,"
        " intent, services, urgent, visit_date, visit_time, daypart, score)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?12, ?15, ?16, ?17, ?18, ?19, ?20, ?21)"
        " RETURNING id");
    insert.bind(1, m.tenant).bind(2, m.source).bind(3, m.channel).bind(4, m.external_user_id);
    insert.bind(5, m.external_message_id).bind(6, m.name).bind(7, m.phone).bind(8, m.email).bind(9, m.text);
    if (m.utm.is_null())
        insert.bind_null(10);
    else
        insert.bind(10, sdk::dump(m.utm));  // the schema refuses anything but an object
    insert.bind(11, sdk::dump(m.extra)).bind(12, m.received_at_ms).bind(13, now_ms).bind(14, contact_id);
    bind_reading(insert, 15, reading);
    return insert.run_returning_id();
}

// How much an intent says: a follow-up question or chit-chat does not undo a booking.
int intent_weight(const std::string& intent) {
    if (intent == "other") return 0;
    if (intent == "question") return 1;
    return 2;  // book, reschedule, cancel, complaint: the latest of these is what the customer wants now
}

// A later message completes the lead: what it says anew wins, what it leaves out is kept.
void join_lead(Connection& db, int64_t lead_id, const InboundMessage& m, const LeadReading& incoming) {
    Statement select = db.prepare(
        "SELECT intent, services, urgent, visit_date, visit_time, daypart, score FROM leads WHERE id = ?1");
    select.bind(1, lead_id);
    if (!select.step()) throw StoreError("store " + db.path() + ": lead " + std::to_string(lead_id) + " vanished");
    LeadReading merged;
    const std::string earlier = select.is_null(0) ? "other" : select.text(0);
    merged.intent = intent_weight(incoming.intent) >= intent_weight(earlier) ? incoming.intent : earlier;
    merged.services = string_array(parse_json_column(select.text(1), db.path(), "the services of a lead"));
    for (const auto& service : incoming.services)
        if (std::find(merged.services.begin(), merged.services.end(), service) == merged.services.end())
            merged.services.push_back(service);
    merged.urgent = select.int64(2) != 0 || incoming.urgent;
    merged.date = incoming.date ? incoming.date : select.optional_text(3);
    merged.time = incoming.time ? incoming.time : select.optional_text(4);
    merged.daypart = incoming.daypart ? incoming.daypart : select.optional_text(5);
    std::string before = select.text(6);
    merged.score = score_rank(incoming.score) > score_rank(before) ? incoming.score : before;
    Statement update = db.prepare(
        "UPDATE leads SET last_message_at_ms = max(coalesce(last_message_at_ms, received_at_ms), ?2),"
        " name = coalesce(name, ?3), phone = coalesce(phone, ?4), email = coalesce(email, ?5),"
        " intent = ?6, services = ?7, urgent = ?8, visit_date = ?9, visit_time = ?10, daypart = ?11, score = ?12"
        " WHERE id = ?1");
    update.bind(1, lead_id).bind(2, m.received_at_ms).bind(3, m.name).bind(4, m.phone).bind(5, m.email);
    bind_reading(update, 6, merged);
    update.run();
}

int64_t insert_message(Connection& db, int64_t lead_id, const InboundMessage& m, const LeadReading& reading,
                       int64_t now_ms) {
    Statement insert = db.prepare(
        "INSERT INTO messages (lead_id, tenant, source, channel, external_user_id, external_message_id, name,"
        " phone, email, text, extra, reading, received_at_ms, created_at_ms, kind, address)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16) RETURNING id");
    insert.bind(1, lead_id).bind(2, m.tenant).bind(3, m.source).bind(4, m.channel).bind(5, m.external_user_id);
    insert.bind(6, m.external_message_id).bind(7, m.name).bind(8, m.phone).bind(9, m.email).bind(10, m.text);
    insert.bind(11, sdk::dump(m.extra)).bind(12, sdk::dump(reading.to_json()));
    insert.bind(13, m.received_at_ms).bind(14, now_ms).bind(15, m.kind);
    if (m.address.is_object() && !m.address.empty())
        insert.bind(16, sdk::dump(m.address));
    else
        insert.bind_null(16);
    return insert.run_returning_id();
}

// A customer who answers a nudge is a lead again: back to the staff's queue (status new).
void back_from_nurture(Connection& db, int64_t lead_id, int64_t now_ms) {
    Statement update = db.prepare("UPDATE leads SET status = 'new', status_at_ms = ?2 WHERE id = ?1 AND status = 'nurture'");
    update.bind(1, lead_id).bind(2, now_ms).run();
    if (db.changes() == 0) return;
    record_lead_event(db, lead_id, "status", std::string("nurture"), std::string("new"), "customer", "message",
                      {{"why", "the customer wrote again"}}, now_ms);
}

// A business's echo or a block: recorded on the contact's open conversation, never a lead of its
// own; with no open conversation there is nothing to record it on (lead_id stays 0).
IngestResult record_on_conversation(Connection& db, const IngestItem& item, int64_t now_ms) {
    const InboundMessage& m = item.message;
    IngestResult result;
    auto contact = existing_contact(db, m.tenant, item.identities);
    if (!contact) return result;
    result.contact_id = *contact;
    Statement find = db.prepare(
        "SELECT id FROM leads WHERE contact_id = ?1 AND status IN ('new', 'in_work', 'booked', 'nurture')"
        " ORDER BY coalesce(last_message_at_ms, received_at_ms) DESC, id DESC LIMIT 1");
    find.bind(1, *contact);
    if (!find.step()) return result;
    result.lead_id = find.int64(0);
    result.message_id = insert_message(db, result.lead_id, m, LeadReading{}, now_ms);
    // The business wrote to the customer from its own account: a person answered.
    if (m.kind == "business") record_staff_response(db, result.lead_id, "business", m.source, "business_message", now_ms);
    return result;
}

// The assignment rules never stop a message from being stored: a failure leaves the lead queued.
Assignment run_assignment(const IngestItem& item, AssignmentState& state) {
    try {
        if (auto decided = item.assign(state)) return *decided;
        return Assignment{"queued", {}, {}, "правила распределения не выбрали никого"};
    } catch (const std::exception& e) {
        return Assignment{"queued", {}, {}, std::string("ошибка правил распределения: ") + e.what()};
    }
}

void store_assignment(Connection& db, int64_t lead_id, const Assignment& a) {
    Statement update = db.prepare(
        "UPDATE leads SET assignment = ?2, assignee = ?3, offered_to = ?4, assignment_reason = ?5 WHERE id = ?1");
    update.bind(1, lead_id).bind(2, a.status);
    if (a.assignee.empty()) update.bind_null(3);
    else update.bind(3, a.assignee);
    update.bind(4, sdk::dump(Json(a.offered_to))).bind(5, a.reason).run();
}

// Says which item of the call was refused, so a bad config or plugin is easy to find.
template <typename Function>
auto with_context(const std::string& what, Function function) {
    try {
        return function();
    } catch (const StoreError& e) {
        throw StoreError(std::string(e.what()) + " (storing " + what + ")");
    }
}

IngestResult ingest_item_unlabelled(Connection& db, const IngestItem& item, int64_t now_ms) {
    const InboundMessage& m = item.message;
    IngestResult result;
    if (auto existing = existing_message_lead(db, m)) {
        result.duplicate = true;
        result.lead_id = *existing;
        return result;
    }
    if (m.kind != "customer") return record_on_conversation(db, item, now_ms);
    ResolvedContact contact = resolve_contact(db, m.tenant, item.identities, m.name, now_ms);
    result.contact_id = contact.contact_id;
    result.merge_ids = contact.merge_ids;
    if (auto open = open_conversation(db, contact.contact_id, item, now_ms)) {
        result.lead_id = *open;
        join_lead(db, *open, m, item.reading);
        back_from_nurture(db, *open, now_ms);
        // Sinks that follow the conversation hear of the message, if they were given the lead.
        for (const JobSpec& spec : item.update_jobs) {
            // Given: a sink's update (a `lead` job) needs the lead's own lead job, a notifier's (a
            // `notice`) the lead's card, a notice without an event (not an alert, not a result);
            // pending or done.
            Statement given = db.prepare(
                "SELECT 1 FROM jobs WHERE lead_id = ?1 AND sink = ?2 AND kind = ?3"
                " AND json_extract(payload, '$.event') IS NULL AND status IN ('pending', 'done') LIMIT 1");
            given.bind(1, result.lead_id).bind(2, spec.sink).bind(3, spec.kind);
            if (given.step()) result.job_ids.push_back(insert_job(db, m.tenant, result.lead_id, spec, now_ms));
        }
        for (const TimerSpec& timer : item.join_timers) arm_timer(db, m.tenant, result.lead_id, timer, now_ms);
    } else {
        result.new_lead = true;
        result.lead_id = insert_lead(db, m, contact.contact_id, item.reading, now_ms);
        if (item.assign) {
            SqlAssignmentState state(db, m.tenant, contact.contact_id,
                                     open_since(m.received_at_ms, item.conversation_window_ms));
            store_assignment(db, result.lead_id, run_assignment(item, state));
        }
        for (const JobSpec& spec : item.jobs)
            result.job_ids.push_back(with_context("a '" + spec.kind + "' job for sink '" + spec.sink + "'",
                                                  [&] { return insert_job(db, m.tenant, result.lead_id, spec, now_ms); }));
    }
    result.message_id = insert_message(db, result.lead_id, m, item.reading, now_ms);
    // After the message: an automatic reply armed here answers it (write_reply needs its address).
    for (const TimerSpec& timer : result.new_lead ? item.timers : std::vector<TimerSpec>{})
        arm_timer(db, m.tenant, result.lead_id, timer, now_ms);
    return result;
}

}  // namespace

int64_t insert_job(Connection& db, const std::string& tenant, int64_t lead_id, const JobSpec& spec, int64_t now_ms) {
    // The key is built from the job's own id, known only after the insert: the row goes in with
    // an empty key and gets its final one at once, inside the same savepoint.
    Statement insert = db.prepare(
        "INSERT INTO jobs (tenant, sink, kind, lead_id, idempotency_key, payload, status, attempts,"
        " next_attempt_at_ms, created_at_ms, updated_at_ms)"
        " VALUES (?1, ?2, ?3, ?4, '', ?5, 'pending', 0, ?6, ?7, ?7) RETURNING id");
    insert.bind(1, tenant).bind(2, spec.sink).bind(3, spec.kind).bind(4, lead_id);
    insert.bind(5, sdk::dump(spec.payload)).bind(6, spec.not_before_ms > 0 ? spec.not_before_ms : now_ms);
    insert.bind(7, now_ms);
    int64_t job_id = insert.run_returning_id();
    Statement key = db.prepare("UPDATE jobs SET idempotency_key = 'lh-' || tenant || '-' || id WHERE id = ?1");
    key.bind(1, job_id).run();
    return job_id;
}

IngestResult ingest_item(Connection& db, const IngestItem& item, int64_t now_ms) {
    return with_context("a message from " + item.message.tenant + "/" + item.message.source,
                        [&] { return ingest_item_unlabelled(db, item, now_ms); });
}

std::vector<IngestResult> SqliteStore::ingest(std::vector<IngestItem> items, int64_t now_ms) {
    if (items.empty()) return {};
    return writer_.compute<std::vector<IngestResult>>([&](Connection& db) {
        std::vector<IngestResult> results;
        results.reserve(items.size());
        for (const IngestItem& item : items)
            results.push_back(ingest_item(db, item, now_ms));
        return results;
    });
}

}  // namespace leadhub::store
