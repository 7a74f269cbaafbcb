// ingest(): messages become leads, and their outbox jobs are created in the same transaction
// (invariant 2). A repeated platform message id is recognised and writes nothing.
#include "store/sqlite_store.hpp"

#include <leadhub/sdk/json.hpp>

namespace leadhub::store {

namespace {

std::optional<int64_t> existing_lead(Connection& db, const InboundMessage& message) {
    if (!message.external_message_id) return std::nullopt;  // no id: it can never be a repeat
    Statement find = db.prepare(
        "SELECT id FROM leads WHERE tenant = ?1 AND source = ?2 AND external_message_id = ?3");
    find.bind(1, message.tenant).bind(2, message.source).bind(3, *message.external_message_id);
    if (!find.step()) return std::nullopt;
    return find.int64(0);
}

int64_t insert_lead(Connection& db, const InboundMessage& m, int64_t now_ms) {
    Statement insert = db.prepare(
        "INSERT INTO leads (tenant, source, channel, external_user_id, external_message_id, name, phone,"
        " email, text, utm, extra, received_at_ms, created_at_ms)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
    insert.bind(1, m.tenant).bind(2, m.source).bind(3, m.channel).bind(4, m.external_user_id);
    insert.bind(5, m.external_message_id).bind(6, m.name).bind(7, m.phone).bind(8, m.email).bind(9, m.text);
    if (m.utm.is_null())
        insert.bind_null(10);
    else
        insert.bind(10, sdk::dump(m.utm));  // the schema refuses anything but an object
    insert.bind(11, sdk::dump(m.extra)).bind(12, m.received_at_ms).bind(13, now_ms);
    insert.run();
    return db.last_insert_rowid();
}

int64_t insert_job(Connection& db, const std::string& tenant, int64_t lead_id, const JobSpec& spec, int64_t now_ms) {
    // The key is built from the job's own id, known only after the insert: the row goes in with
    // an empty key and gets its final one at once, inside the same savepoint.
    Statement insert = db.prepare(
        "INSERT INTO jobs (tenant, sink, kind, lead_id, idempotency_key, payload, status, attempts,"
        " next_attempt_at_ms, created_at_ms, updated_at_ms)"
        " VALUES (?1, ?2, ?3, ?4, '', ?5, 'pending', 0, ?6, ?7, ?7)");
    insert.bind(1, tenant).bind(2, spec.sink).bind(3, spec.kind).bind(4, lead_id);
    insert.bind(5, sdk::dump(spec.payload)).bind(6, spec.not_before_ms > 0 ? spec.not_before_ms : now_ms);
    insert.bind(7, now_ms);
    insert.run();
    int64_t job_id = db.last_insert_rowid();
    Statement key = db.prepare("UPDATE jobs SET idempotency_key = 'lh-' || tenant || '-' || id WHERE id = ?1");
    key.bind(1, job_id).run();
    return job_id;
}

// Says which item of the call was refused, so a bad config or plugin is easy to find.
template <typename Function>
int64_t with_context(const std::string& what, Function function) {
    try {
        return function();
    } catch (const StoreError& e) {
        throw StoreError(std::string(e.what()) + " (storing " + what + ")");
    }
}

}  // namespace

std::vector<IngestResult> SqliteStore::ingest(std::vector<IngestItem> items, int64_t now_ms) {
    if (items.empty()) return {};
    return writer_.compute<std::vector<IngestResult>>([&](Connection& db) {
        std::vector<IngestResult> results;
        results.reserve(items.size());
        for (const IngestItem& item : items) {
            IngestResult result;
            if (auto existing = existing_lead(db, item.message)) {
                result.duplicate = true;
                result.lead_id = *existing;
            } else {
                result.lead_id = with_context("a message from " + item.message.tenant + "/" + item.message.source,
                                              [&] { return insert_lead(db, item.message, now_ms); });
                for (const JobSpec& spec : item.jobs)
                    result.job_ids.push_back(with_context(
                        "a '" + spec.kind + "' job for sink '" + spec.sink + "'",
                        [&] { return insert_job(db, item.message.tenant, result.lead_id, spec, now_ms); }));
            }
            results.push_back(std::move(result));
        }
        return results;
    });
}

}  // namespace leadhub::store
