// add_reply(): a reply through the hub is a message of the conversation (kind "reply") and an
// outbox job for the channel that can carry it, written in one transaction, so the conversation
// never shows a reply that will not be sent nor sends one it does not show (invariant 2).
#include "store/sqlite/ingest_item.hpp"
#include "store/sqlite/lead_writes.hpp"
#include "store/sqlite/rows.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/sqlite/timer_writes.hpp"

#include <leadhub/sdk/json.hpp>

namespace leadhub::store {

namespace {

// The conversation's latest customer message that says where a reply goes.
struct ReplyTarget {
    std::string source, channel;
    std::optional<std::string> external_user_id;
    Json address;
};

std::optional<ReplyTarget> reply_target(Connection& db, int64_t lead_id) {
    Statement find = db.prepare(
        "SELECT source, channel, external_user_id, address FROM messages"
        " WHERE lead_id = ?1 AND kind = 'customer' AND address IS NOT NULL"
        " ORDER BY received_at_ms DESC, id DESC LIMIT 1");
    find.bind(1, lead_id);
    if (!find.step()) return std::nullopt;
    return ReplyTarget{find.text(0), find.text(1), find.optional_text(2),
                       parse_json_column(find.text(3), db.path(), "the address of a message of lead " + std::to_string(lead_id))};
}

int64_t customer_last_message_at(Connection& db, int64_t lead_id) {
    Statement last = db.prepare("SELECT coalesce(max(received_at_ms), 0) FROM messages WHERE lead_id = ?1 AND kind = 'customer'");
    last.bind(1, lead_id);
    last.step();
    return last.int64(0);
}

}  // namespace

ReplyResult write_reply(Connection& db, const ReplyRequest& request, int64_t now_ms) {
    ReplyResult result;
    Statement lead = db.prepare("SELECT tenant FROM leads WHERE id = ?1");
    lead.bind(1, request.lead_id);
    if (!lead.step()) return result;  // no_such_lead
    const std::string tenant = lead.text(0);
    auto target = reply_target(db, request.lead_id);
    if (!target) {
        result.kind = ReplyResult::Kind::no_address;
        return result;
    }
    JobSpec spec;
    spec.sink = target->source;
    spec.kind = "reply";
    spec.payload = {{"reply",
                     {{"text", request.text},
                      {"buttons", request.buttons},
                      {"address", target->address},
                      {"customer_last_message_at_ms", customer_last_message_at(db, request.lead_id)}}}};
    result.job_id = insert_job(db, tenant, request.lead_id, spec, now_ms);

    Statement insert = db.prepare(
        "INSERT INTO messages (lead_id, tenant, source, channel, external_user_id, text, extra, reading,"
        " received_at_ms, created_at_ms, kind, author, job_id)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, '{}', '{}', ?7, ?7, 'reply', ?8, ?9) RETURNING id");
    insert.bind(1, request.lead_id).bind(2, tenant).bind(3, target->source).bind(4, target->channel);
    insert.bind(5, target->external_user_id).bind(6, request.text).bind(7, now_ms).bind(8, request.author);
    insert.bind(9, result.job_id);
    result.message_id = insert.run_returning_id();
    // A person answering ends the SLA clock and silences the automatic replies; the hub's own
    // automatic replies ("auto") do neither.
    if (request.author != kAutomaticAuthor)
        record_staff_response(db, request.lead_id, request.author, request.author == "api" ? "api" : "reply", "reply", now_ms);
    result.kind = ReplyResult::Kind::ok;
    result.source = target->source;
    result.channel = target->channel;
    return result;
}

ReplyResult SqliteStore::add_reply(const ReplyRequest& request, int64_t now_ms) {
    if (request.text.empty()) throw StoreError("store " + path_ + ": a reply needs a text");
    if (!request.buttons.is_array()) throw StoreError("store " + path_ + ": a reply's buttons must be an array");
    return writer_.compute<ReplyResult>([&](Connection& db) { return write_reply(db, request, now_ms); });
}

}  // namespace leadhub::store
