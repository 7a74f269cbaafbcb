// lead_facts(): what the reports need of each lead, from the lead row and its history.
#include "store/sqlite/sqlite_store.hpp"

namespace leadhub::store {

std::vector<LeadFacts> SqliteStore::lead_facts(const std::string& tenant, int64_t from_ms, int64_t to_ms) {
    auto db = readers_.acquire();
    Statement select = db->prepare(
        "SELECT l.id, l.channel, l.source, coalesce(json_extract(l.utm, '$.utm_source'), ''),"
        " coalesce(json_extract(l.utm, '$.utm_campaign'), ''), l.received_at_ms,"
        " (SELECT min(e.at_ms) FROM lead_events e WHERE e.lead_id = l.id AND e.kind = 'auto_reply'),"
        " l.first_response_at_ms, l.status, coalesce(l.assignee, ''), coalesce(l.score, ''), coalesce(l.lost_reason, ''),"
        " EXISTS (SELECT 1 FROM lead_events e WHERE e.lead_id = l.id AND e.kind = 'status' AND e.to_status = 'booked'),"
        " coalesce((SELECT json_extract(e.detail, '$.tier') FROM lead_events e WHERE e.lead_id = l.id AND e.kind = 'sla_breach'"
        "           ORDER BY e.id LIMIT 1), ''),"
        " EXISTS (SELECT 1 FROM lead_events e WHERE e.lead_id = l.id AND e.kind = 'reminder_answer'"
        "         AND json_extract(e.detail, '$.answer') = 'confirmed')"
        " FROM leads l WHERE l.tenant = ?1 AND l.received_at_ms >= ?2 AND l.received_at_ms < ?3 ORDER BY l.received_at_ms, l.id");
    select.bind(1, tenant).bind(2, from_ms).bind(3, to_ms);
    std::vector<LeadFacts> out;
    while (select.step()) {
        LeadFacts f;
        f.id = select.int64(0);
        f.channel = select.text(1);
        f.source = select.text(2);
        f.utm_source = select.text(3);
        f.utm_campaign = select.text(4);
        f.received_at_ms = select.int64(5);
        if (!select.is_null(6)) f.first_auto_reply_at_ms = select.int64(6);
        if (!select.is_null(7)) f.first_response_at_ms = select.int64(7);
        f.status = select.text(8);
        f.assignee = select.text(9);
        f.score = select.text(10);
        f.lost_reason = select.text(11);
        f.ever_booked = select.int64(12) != 0;
        f.breach_tier = select.text(13);
        f.reminder_confirmed = select.int64(14) != 0;
        out.push_back(std::move(f));
    }
    return out;
}

}  // namespace leadhub::store
