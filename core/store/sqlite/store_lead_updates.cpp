// Later changes to a lead that are not messages: a processor's reading replacing the built-in
// one, and a member of staff taking a lead that was offered to several people. Each is one
// group-committed write that reads and changes the row in the same transaction, so two takers at
// once never both win and a reading never lands on a conversation it did not see.
#include "store/sqlite/contact_writes.hpp"
#include "store/sqlite/rows.hpp"
#include "store/sqlite/sqlite_store.hpp"

#include <algorithm>

namespace leadhub::store {

ReadingUpdateResult SqliteStore::update_reading(int64_t lead_id, const ReadingUpdate& update, int64_t now_ms) {
    if (update.source.empty()) throw StoreError("store " + path_ + ": a reading update needs its source");
    const LeadReading& r = update.reading;
    if (!r.score.empty() && r.score != "hot" && r.score != "warm" && r.score != "cold")
        throw StoreError("store " + path_ + ": unknown score '" + r.score + "'");
    return writer_.compute<ReadingUpdateResult>([&](Connection& db) {
        Statement count = db.prepare(
            "SELECT (SELECT count(*) FROM messages WHERE lead_id = leads.id AND kind = 'customer'), phone IS NULL, tenant, contact_id"
            " FROM leads WHERE id = ?1");
        count.bind(1, lead_id);
        if (!count.step()) return ReadingUpdateResult::no_such_lead;
        if (count.int64(0) > update.messages_read) return ReadingUpdateResult::stale;
        const bool fills_phone = count.int64(1) != 0 && update.phone && !update.phone->empty();
        const std::string tenant = count.text(2);
        const int64_t contact_id = count.is_null(3) ? 0 : count.int64(3);
        Statement write = db.prepare(
            "UPDATE leads SET intent = ?2, services = ?3, urgent = ?4, visit_date = ?5, visit_time = ?6,"
            " daypart = ?7, score = ?8, name = coalesce(name, ?9), phone = coalesce(phone, ?10),"
            " reading_source = ?11, reading_at_ms = ?12 WHERE id = ?1");
        write.bind(1, lead_id).bind(2, r.intent).bind(3, sdk::dump(Json(r.services))).bind(4, int64_t{r.urgent});
        write.bind(5, r.date).bind(6, r.time).bind(7, r.daypart);
        if (r.score.empty()) write.bind_null(8);
        else write.bind(8, r.score);
        write.bind(9, update.name).bind(10, update.phone).bind(11, update.source).bind(12, now_ms);
        write.run();
        // The phone the processor read is how this customer will call or write next time: it
        // joins the contact's identities, so that lead finds this contact (and a contact that
        // already has the number is the same person: merged, as at ingest).
        if (fills_phone && contact_id != 0)
            attach_identities(db, tenant, contact_id, {Identity{"phone", *update.phone}}, now_ms);
        return ReadingUpdateResult::applied;
    });
}

}  // namespace leadhub::store
