// A lead's life after it opened: its status, who took it, and its history (lead_events), for the
// admin API's calls and for the events sources report (a CRM's stage, a staff member's press).
#include "store/sqlite/ingest_item.hpp"
#include "store/sqlite/lead_writes.hpp"
#include "store/sqlite/rows.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/sqlite/timer_writes.hpp"

#include <leadhub/sdk/iso8601.hpp>

#include <algorithm>
#include <array>

namespace leadhub::store {

namespace {

constexpr std::array<const char*, 8> kStatuses = {"new", "in_work", "booked", "visited",
                                                  "no_show", "cancelled", "lost", "nurture"};

std::optional<std::string> current_status(Connection& db, int64_t lead_id) {
    Statement select = db.prepare("SELECT status FROM leads WHERE id = ?1");
    select.bind(1, lead_id);
    if (!select.step()) return std::nullopt;
    return select.text(0);
}

std::optional<int64_t> lead_of_tenant(Connection& db, const std::string& tenant, int64_t lead_id) {
    Statement select = db.prepare("SELECT id FROM leads WHERE id = ?1 AND tenant = ?2");
    select.bind(1, lead_id).bind(2, tenant);
    if (!select.step()) return std::nullopt;
    return lead_id;
}

// The lead a sink's successful delivery returned `external_id` for (a CRM's own id).
std::optional<int64_t> lead_by_external_id(Connection& db, const std::string& tenant, const std::string& sink,
                                           const std::string& external_id) {
    Statement select = db.prepare(
        "SELECT lead_id FROM jobs WHERE tenant = ?1 AND sink = ?2 AND external_id = ?3 AND external_id <> ''"
        " AND status = 'done' ORDER BY id DESC LIMIT 1");
    select.bind(1, tenant).bind(2, sink).bind(3, external_id);
    if (!select.step()) return std::nullopt;
    return select.int64(0);
}

const char* take_result_name(TakeResult::Kind kind) {
    switch (kind) {
        case TakeResult::Kind::taken: return "taken";
        case TakeResult::Kind::already_yours: return "already_yours";
        case TakeResult::Kind::taken_by_other: return "taken_by_other";
        case TakeResult::Kind::not_offered: return "refused";
        case TakeResult::Kind::no_such_lead: return "no_such_lead";
    }
    return "refused";
}

Json staff_json(const LeadAction& action, const std::string& id) {
    if (id.empty()) return nullptr;
    auto it = action.staff_names.find(id);
    return {{"id", id}, {"name", it == action.staff_names.end() ? id : it->second}};
}

// The notice that tells the source instance what came of its event (docs/crm-and-notifiers.md).
void queue_result(Connection& db, const LeadAction& action, int64_t lead_id, const std::string& result,
                  const std::string& assignee, const std::string& reason, int64_t now_ms) {
    if (!action.result_notice || lead_id <= 0) return;
    JobSpec spec;
    spec.sink = action.source;
    spec.kind = "notice";
    spec.payload = *action.result_notice;
    spec.payload["event"] = "staff_action_result";
    spec.payload["result"] = result;
    spec.payload["assignee"] = staff_json(action, assignee);
    if (!reason.empty()) spec.payload["reason"] = reason;
    insert_job(db, action.tenant, lead_id, spec, now_ms);
}

// The lead's visit as "YYYY-MM-DDTHH:MM": its booked_for, else the date and time the customer
// asked for; "" when neither is known.
std::string visit_of(Connection& db, int64_t lead_id) {
    Statement select = db.prepare(
        "SELECT coalesce(booked_for, CASE WHEN visit_date IS NOT NULL AND visit_time IS NOT NULL"
        " THEN visit_date || 'T' || visit_time END, '') FROM leads WHERE id = ?1");
    select.bind(1, lead_id);
    return select.step() ? select.text(0) : std::string();
}

std::string assignee_of(Connection& db, int64_t lead_id) {
    Statement select = db.prepare("SELECT coalesce(assignee, '') FROM leads WHERE id = ?1");
    select.bind(1, lead_id);
    return select.step() ? select.text(0) : std::string();
}

}  // namespace

std::string lead_status_from_name(const std::string& name) {
    if (name == "open") return "new";
    if (name == "won") return "visited";
    if (name == "closed") return "cancelled";
    for (const char* status : kStatuses)
        if (name == status) return name;
    return {};
}

bool is_open_lead_status(const std::string& status) {
    return status == "new" || status == "in_work" || status == "booked" || status == "nurture";
}

void record_lead_event(Connection& db, int64_t lead_id, const std::string& kind, const std::optional<std::string>& from,
                       const std::optional<std::string>& to, const std::string& actor, const std::string& via,
                       const Json& detail, int64_t now_ms, const std::optional<std::string>& source,
                       const std::optional<std::string>& event_id) {
    Statement insert = db.prepare(
        "INSERT INTO lead_events (lead_id, tenant, at_ms, kind, from_status, to_status, actor, via, detail, source,"
        " event_id) SELECT id, tenant, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10 FROM leads WHERE id = ?1");
    insert.bind(1, lead_id).bind(2, now_ms).bind(3, kind).bind(4, from).bind(5, to).bind(6, actor).bind(7, via);
    insert.bind(8, sdk::dump(detail.is_object() ? detail : Json::object())).bind(9, source).bind(10, event_id).run();
}

bool lead_event_seen(Connection& db, const std::string& tenant, const std::string& source, const std::string& event_id) {
    Statement select = db.prepare("SELECT 1 FROM lead_events WHERE tenant = ?1 AND source = ?2 AND event_id = ?3");
    select.bind(1, tenant).bind(2, source).bind(3, event_id);
    return select.step();
}

LeadStatusChange write_status_change(Connection& db, int64_t lead_id, const StatusChange& change, int64_t now_ms,
                                     const std::optional<std::string>& source,
                                     const std::optional<std::string>& event_id) {
    const std::string status = lead_status_from_name(change.status);
    if (status.empty())
        throw StoreError("store " + db.path() + ": unknown lead status '" + change.status +
                         "': use new, in_work, booked, visited, no_show, cancelled, lost or nurture");
    auto from = current_status(db, lead_id);
    if (!from) return LeadStatusChange::no_such_lead;
    if (*from == status && change.booked_for.empty() && change.reason.empty()) return LeadStatusChange::same_status;
    // A booking without a time written takes the one the lead has, or the one the customer asked for.
    std::string booked_for = change.booked_for;
    if (status == "booked" && booked_for.empty()) booked_for = visit_of(db, lead_id);
    Statement update = db.prepare(
        "UPDATE leads SET status = ?2, status_at_ms = ?3,"
        " booked_for = CASE WHEN ?2 = 'booked' AND ?4 <> '' THEN ?4 ELSE booked_for END,"
        " lost_reason = CASE WHEN ?2 = 'lost' THEN nullif(?5, '') ELSE lost_reason END WHERE id = ?1");
    update.bind(1, lead_id).bind(2, status).bind(3, now_ms).bind(4, booked_for).bind(5, change.reason).run();
    Json detail = change.detail.is_object() ? change.detail : Json::object();
    if (!change.reason.empty()) detail["reason"] = change.reason;
    if (!booked_for.empty()) detail["booked_for"] = booked_for;
    record_lead_event(db, lead_id, "status", from, status, change.actor, change.via, detail, now_ms, source, event_id);
    // A person (or a CRM user) moving the lead is a response; the hub's own moves are not.
    if (change.actor != "system" && change.actor != "customer") record_staff_response(db, lead_id, change.actor, change.via, "status", now_ms);
    // A closed lead needs no more timers; a booking ends the nudges to book.
    if (!is_open_lead_status(status)) cancel_all_timers(db, lead_id, now_ms);
    if (status == "booked") {
        cancel_timers(db, lead_id, {"followup:%"}, now_ms);
        // The visit's reminders follow its time: the earlier ones go, the new ones come.
        if (change.plan_timers) cancel_timers(db, lead_id, {"remind:%"}, now_ms);
    } else if (is_open_lead_status(status)) {
        cancel_timers(db, lead_id, {"remind:%"}, now_ms);  // no longer booked: no visit to remind of
    }
    if (change.plan_timers) {
        Statement tenant = db.prepare("SELECT tenant FROM leads WHERE id = ?1");
        tenant.bind(1, lead_id);
        tenant.step();
        const std::string tenant_id = tenant.text(0);
        for (const TimerSpec& spec : change.plan_timers(status, booked_for)) arm_timer(db, tenant_id, lead_id, spec, now_ms);
    }
    return *from == status ? LeadStatusChange::same_status : LeadStatusChange::changed;
}

TakeResult write_take(Connection& db, int64_t lead_id, const std::string& staff_id, const std::string& reason,
                      int64_t now_ms, const std::string& via, bool staff_chat) {
    TakeResult result;
    Statement select = db.prepare("SELECT tenant, assignment, assignee, offered_to, status FROM leads WHERE id = ?1");
    select.bind(1, lead_id);
    if (!select.step()) return result;  // no_such_lead
    result.tenant = select.text(0);
    const std::string assignment = select.is_null(1) ? "" : select.text(1);
    result.assignee = select.is_null(2) ? "" : select.text(2);
    result.offered_to = string_array(parse_json_column(select.text(3), db.path(), "the offers of a lead"));
    const std::string status = select.text(4);
    const bool offered = std::find(result.offered_to.begin(), result.offered_to.end(), staff_id) != result.offered_to.end();
    if (!result.assignee.empty()) {
        result.kind = result.assignee == staff_id ? TakeResult::Kind::already_yours : TakeResult::Kind::taken_by_other;
        // Someone who was never offered the lead learns only that: not who holds it (unless the
        // card is in a chat every member sees anyway).
        if (result.kind == TakeResult::Kind::taken_by_other && !offered && !staff_chat)
            result.kind = TakeResult::Kind::not_offered;
        return result;
    }
    const bool anyones = staff_chat && (assignment.empty() || assignment == "queued");
    if (!(assignment == "offered" && offered) && !anyones) {
        result.kind = TakeResult::Kind::not_offered;
        return result;
    }
    Statement take = db.prepare(
        "UPDATE leads SET assignment = 'assigned', assignee = ?2, assignment_reason = ?3, taken_at_ms = ?4"
        " WHERE id = ?1 AND assignee IS NULL");
    take.bind(1, lead_id).bind(2, staff_id).bind(3, reason).bind(4, now_ms).run();
    record_lead_event(db, lead_id, "take", std::nullopt, std::nullopt, staff_id, via, {{"reason", reason}}, now_ms);
    record_staff_response(db, lead_id, staff_id, via, "take", now_ms);
    if (status == "new")
        write_status_change(db, lead_id, StatusChange{"in_work", staff_id, via, "", "", Json::object()}, now_ms);
    result.kind = TakeResult::Kind::taken;
    result.assignee = staff_id;
    return result;
}

void apply_lead_action(Connection& db, const LeadAction& action, int64_t now_ms) {
    std::optional<int64_t> lead_id;
    if (action.lead_id) lead_id = lead_of_tenant(db, action.tenant, *action.lead_id);
    else if (!action.external_id.empty()) lead_id = lead_by_external_id(db, action.tenant, action.source, action.external_id);
    if (!lead_id) {
        // Nothing to act on: the event is still remembered, so that its repeat is recognised.
        queue_result(db, action, 0, "no_such_lead", "", "", now_ms);
        return;
    }
    switch (action.kind) {
        case LeadAction::Kind::status: {
            auto changed = write_status_change(db, *lead_id, action.change, now_ms, action.source, action.event_id);
            queue_result(db, action, *lead_id, changed == LeadStatusChange::no_such_lead ? "no_such_lead" : "status_set",
                         assignee_of(db, *lead_id), "", now_ms);
            if (changed == LeadStatusChange::same_status && action.event_id && !lead_event_seen(db, action.tenant, action.source, *action.event_id))
                record_lead_event(db, *lead_id, "event", std::nullopt, std::nullopt, action.change.actor, action.source,
                                  {{"why", "same status"}}, now_ms, action.source, action.event_id);
            return;
        }
        case LeadAction::Kind::take: {
            const std::string name = action.staff_names.count(action.staff_id) ? action.staff_names.at(action.staff_id) : action.staff_id;
            TakeResult taken = write_take(db, *lead_id, action.staff_id, "заявку взял(а) " + name + " (" + action.staff_id + ")",
                                          now_ms, action.source, action.staff_chat);
            queue_result(db, action, *lead_id, take_result_name(taken.kind), taken.assignee,
                         taken.kind == TakeResult::Kind::not_offered ? "заявка предложена другим сотрудникам" : "", now_ms);
            if (action.event_id)
                record_lead_event(db, *lead_id, "event", std::nullopt, std::nullopt, action.staff_id, action.source,
                                  {{"result", take_result_name(taken.kind)}}, now_ms, action.source, action.event_id);
            return;
        }
        case LeadAction::Kind::reply: {
            ReplyRequest request;
            request.lead_id = *lead_id;
            request.text = action.text;
            request.author = action.staff_id;
            ReplyResult replied = write_reply(db, request, now_ms);
            record_lead_event(db, *lead_id, "reply", std::nullopt, std::nullopt, action.staff_id, action.source,
                              {{"message_id", replied.message_id}}, now_ms, action.source, action.event_id);
            queue_result(db, action, *lead_id, replied.kind == ReplyResult::Kind::ok ? "replied" : "refused",
                         assignee_of(db, *lead_id),
                         replied.kind == ReplyResult::Kind::ok ? "" : "клиенту нельзя ответить в его канале", now_ms);
            return;
        }
    }
}

LeadStatusChange SqliteStore::set_lead_status(int64_t lead_id, const StatusChange& change, int64_t now_ms) {
    if (lead_status_from_name(change.status).empty())
        throw StoreError("store " + path_ + ": unknown lead status '" + change.status +
                         "': use new, in_work, booked, visited, no_show, cancelled, lost or nurture");
    return writer_.compute<LeadStatusChange>(
        [&](Connection& db) { return write_status_change(db, lead_id, change, now_ms); });
}

TakeResult SqliteStore::take_lead(int64_t lead_id, const std::string& staff_id, const std::string& reason, int64_t now_ms,
                                  const std::string& via) {
    return writer_.compute<TakeResult>(
        [&](Connection& db) { return write_take(db, lead_id, staff_id, reason, now_ms, via, false); });
}

std::vector<LeadEvent> SqliteStore::lead_history(int64_t lead_id) {
    auto db = readers_.acquire();
    Statement select = db->prepare(
        "SELECT id, lead_id, at_ms, kind, from_status, to_status, actor, via, detail, source, event_id"
        " FROM lead_events WHERE lead_id = ?1 AND kind <> 'event' ORDER BY id");
    select.bind(1, lead_id);
    std::vector<LeadEvent> out;
    while (select.step()) {
        LeadEvent e;
        e.id = select.int64(0);
        e.lead_id = select.int64(1);
        e.at_ms = select.int64(2);
        e.kind = select.text(3);
        e.from_status = select.optional_text(4);
        e.to_status = select.optional_text(5);
        e.actor = select.text(6);
        e.via = select.text(7);
        e.detail = parse_json_column(select.text(8), path_, "the history of lead " + std::to_string(lead_id));
        e.source = select.optional_text(9);
        e.event_id = select.optional_text(10);
        out.push_back(std::move(e));
    }
    return out;
}

Json SqliteStore::lead_external_ids(int64_t lead_id) {
    // The lead row's own column (rows.hpp), so /api/leads, deliveries and this say the same.
    auto found = lead(lead_id);
    return found ? found->external_ids : Json::object();
}

Json LeadEvent::to_json() const {
    Json j = {{"at", sdk::iso8601_utc(at_ms)}, {"kind", kind}, {"actor", actor}, {"via", via}};
    j["from"] = from_status ? Json(*from_status) : Json(nullptr);
    j["to"] = to_status ? Json(*to_status) : Json(nullptr);
    if (!detail.empty()) j["detail"] = detail;
    return j;
}

}  // namespace leadhub::store
