#include "store/sqlite/contact_writes.hpp"

#include "store/sqlite/rows.hpp"

#include <algorithm>
#include <set>

namespace leadhub::store {

namespace {

std::vector<int64_t> select_ids(Connection& db, const char* sql, int64_t key) {
    Statement select = db.prepare(sql);
    select.bind(1, key);
    std::vector<int64_t> ids;
    while (select.step()) ids.push_back(select.int64(0));
    return ids;
}

Json ids_json(const std::vector<int64_t>& ids) { return Json(ids); }

// Moves everything of `merged` to `kept` and records what moved.
int64_t merge_contacts(Connection& db, const std::string& tenant, int64_t kept, int64_t merged, int64_t now_ms) {
    std::vector<int64_t> identities = select_ids(db, "SELECT id FROM contact_identities WHERE contact_id = ?1 ORDER BY id", merged);
    std::vector<int64_t> leads = select_ids(db, "SELECT id FROM leads WHERE contact_id = ?1 ORDER BY id", merged);
    Statement move_identities = db.prepare("UPDATE contact_identities SET contact_id = ?2 WHERE contact_id = ?1");
    move_identities.bind(1, merged).bind(2, kept).run();
    Statement move_leads = db.prepare("UPDATE leads SET contact_id = ?2 WHERE contact_id = ?1");
    move_leads.bind(1, merged).bind(2, kept).run();
    Statement mark = db.prepare("UPDATE contacts SET merged_into = ?2 WHERE id = ?1");
    mark.bind(1, merged).bind(2, kept).run();
    Statement record = db.prepare(
        "INSERT INTO contact_merges (tenant, kept_contact_id, merged_contact_id, moved_identities, moved_leads, at_ms)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id");
    record.bind(1, tenant).bind(2, kept).bind(3, merged).bind(4, sdk::dump(ids_json(identities)));
    return record.bind(5, sdk::dump(ids_json(leads))).bind(6, now_ms).run_returning_id();
}

int64_t create_contact(Connection& db, const std::string& tenant, const std::optional<std::string>& name, int64_t now_ms) {
    Statement insert =
        db.prepare("INSERT INTO contacts (tenant, name, created_at_ms) VALUES (?1, ?2, ?3) RETURNING id");
    return insert.bind(1, tenant).bind(2, name).bind(3, now_ms).run_returning_id();
}

// The person's phone, e-mail or platform id may also sit in messages of another contact's lead
// (a message that linked two contacts stays with its lead when the merge is undone, and may have
// filled that lead's and contact's empty fields): those messages are cleared, and in their leads
// and contacts the fields that hold the person's phone, e-mail or name.
void erase_identity_traces(Connection& db, const std::string& tenant, const std::vector<Identity>& identities,
                           const std::vector<std::string>& names, ErasureReport& report) {
    static constexpr const char* kClear =
        "external_user_id = NULL, name = NULL, phone = NULL, email = NULL, text = NULL, extra = '{}'";
    std::set<int64_t> touched_leads;
    for (const Identity& identity : identities) {
        const bool phone = identity.kind == "phone", email = identity.kind == "email";
        std::string where = phone   ? "phone = ?2"
                            : email ? "email = ?2"
                                    : "channel = ?3 AND external_user_id = ?2";
        auto bind = [&](Statement& statement) {
            statement.bind(1, tenant).bind(2, identity.value);
            if (!phone && !email) statement.bind(3, identity.kind);
        };
        for (const char* table : {"messages", "leads"}) {
            std::string lead_id = std::string(table) == "messages" ? "lead_id" : "id";
            Statement select = db.prepare(
                ("SELECT " + lead_id + " FROM " + table + " WHERE tenant = ?1 AND " + where).c_str());
            bind(select);
            while (select.step()) touched_leads.insert(select.int64(0));
        }
        Statement messages = db.prepare(("UPDATE messages SET " + std::string(kClear) + " WHERE tenant = ?1 AND " + where).c_str());
        bind(messages);
        messages.run();
        report.messages += db.changes();
        if (!phone && !email) continue;
        Statement leads = db.prepare(phone ? "UPDATE leads SET phone = NULL WHERE tenant = ?1 AND phone = ?2"
                                           : "UPDATE leads SET email = NULL WHERE tenant = ?1 AND email = ?2");
        leads.bind(1, tenant).bind(2, identity.value).run();
    }
    for (int64_t lead : touched_leads) {
        for (const std::string& name : names) {
            Statement contact = db.prepare(
                "UPDATE contacts SET name = NULL WHERE name = ?2 AND id = (SELECT contact_id FROM leads WHERE id = ?1)");
            contact.bind(1, lead).bind(2, name).run();
            Statement lead_name = db.prepare("UPDATE leads SET name = NULL WHERE id = ?1 AND name = ?2");
            lead_name.bind(1, lead).bind(2, name).run();
        }
    }
}

bool is_erased(Connection& db, int64_t contact_id) {
    Statement select = db.prepare("SELECT erased_at_ms IS NOT NULL FROM contacts WHERE id = ?1");
    select.bind(1, contact_id);
    return select.step() && select.int64(0) != 0;
}

}  // namespace

namespace {

// The contacts `identities` point at, in `tenant`.
std::set<int64_t> contacts_of(Connection& db, const std::string& tenant, const std::vector<Identity>& identities) {
    std::set<int64_t> found;
    for (const Identity& identity : identities) {
        if (identity.kind.empty() || identity.value.empty()) continue;
        Statement find = db.prepare(
            "SELECT contact_id FROM contact_identities WHERE tenant = ?1 AND kind = ?2 AND value = ?3");
        find.bind(1, tenant).bind(2, identity.kind).bind(3, identity.value);
        if (find.step()) found.insert(find.int64(0));
    }
    return found;
}

// Keeps the oldest of `found` (not empty), merges the others into it and gives it `identities`.
ResolvedContact unite(Connection& db, const std::string& tenant, const std::set<int64_t>& found,
                      const std::vector<Identity>& identities, int64_t now_ms) {
    ResolvedContact resolved;
    resolved.contact_id = *found.begin();
    for (auto it = std::next(found.begin()); it != found.end(); ++it)
        resolved.merge_ids.push_back(merge_contacts(db, tenant, resolved.contact_id, *it, now_ms));
    for (const Identity& identity : identities) {
        if (identity.kind.empty() || identity.value.empty()) continue;
        Statement add = db.prepare(
            "INSERT INTO contact_identities (tenant, kind, value, contact_id, created_at_ms) VALUES (?1, ?2, ?3, ?4, ?5)"
            " ON CONFLICT (tenant, kind, value) DO NOTHING");
        add.bind(1, tenant).bind(2, identity.kind).bind(3, identity.value).bind(4, resolved.contact_id).bind(5, now_ms);
        add.run();
    }
    return resolved;
}

}  // namespace

ResolvedContact resolve_contact(Connection& db, const std::string& tenant, const std::vector<Identity>& identities,
                                const std::optional<std::string>& name, int64_t now_ms) {
    std::set<int64_t> found = contacts_of(db, tenant, identities);  // ordered: the oldest (lowest id) is kept
    if (found.empty()) found.insert(create_contact(db, tenant, name, now_ms));
    ResolvedContact resolved = unite(db, tenant, found, identities, now_ms);
    if (name) {
        Statement fill = db.prepare("UPDATE contacts SET name = ?2 WHERE id = ?1 AND name IS NULL");
        fill.bind(1, resolved.contact_id).bind(2, name).run();
    }
    return resolved;
}

std::optional<int64_t> existing_contact(Connection& db, const std::string& tenant, const std::vector<Identity>& identities) {
    std::set<int64_t> found = contacts_of(db, tenant, identities);
    if (found.empty()) return std::nullopt;
    return *found.begin();
}

ResolvedContact attach_identities(Connection& db, const std::string& tenant, int64_t contact_id,
                                  const std::vector<Identity>& identities, int64_t now_ms) {
    std::set<int64_t> found = contacts_of(db, tenant, identities);
    found.insert(contact_id);
    return unite(db, tenant, found, identities, now_ms);
}

std::optional<ContactMerge> read_merge(Connection& db, int64_t merge_id) {
    Statement select = db.prepare(
        "SELECT id, tenant, kept_contact_id, merged_contact_id, moved_identities, moved_leads, at_ms, undone_at_ms"
        " FROM contact_merges WHERE id = ?1");
    select.bind(1, merge_id);
    if (!select.step()) return std::nullopt;
    ContactMerge merge;
    merge.id = select.int64(0);
    merge.tenant = select.text(1);
    merge.kept_contact_id = select.int64(2);
    merge.merged_contact_id = select.int64(3);
    std::string where = "merge " + std::to_string(merge.id);
    merge.moved_identities = id_array(parse_json_column(select.text(4), db.path(), "the identities of " + where));
    merge.moved_leads = id_array(parse_json_column(select.text(5), db.path(), "the leads of " + where));
    merge.at_ms = select.int64(6);
    if (!select.is_null(7)) merge.undone_at_ms = select.int64(7);
    return merge;
}

ContactMerge undo_merge(Connection& db, int64_t merge_id, int64_t now_ms) {
    auto merge = read_merge(db, merge_id);
    std::string name = "merge " + std::to_string(merge_id);
    if (!merge) throw StoreError("no " + name);
    if (merge->undone_at_ms) throw StoreError(name + " is undone already");
    if (is_erased(db, merge->kept_contact_id) || is_erased(db, merge->merged_contact_id))
        throw StoreError(name + " cannot be undone: the person's data was erased since");
    // Only what is still at the kept contact goes back: a later merge may have moved it on.
    for (int64_t identity : merge->moved_identities) {
        Statement back = db.prepare("UPDATE contact_identities SET contact_id = ?2 WHERE id = ?1 AND contact_id = ?3");
        back.bind(1, identity).bind(2, merge->merged_contact_id).bind(3, merge->kept_contact_id).run();
    }
    for (int64_t lead : merge->moved_leads) {
        Statement back = db.prepare("UPDATE leads SET contact_id = ?2 WHERE id = ?1 AND contact_id = ?3");
        back.bind(1, lead).bind(2, merge->merged_contact_id).bind(3, merge->kept_contact_id).run();
    }
    Statement separate = db.prepare("UPDATE contacts SET merged_into = NULL WHERE id = ?1");
    separate.bind(1, merge->merged_contact_id).run();
    Statement done = db.prepare("UPDATE contact_merges SET undone_at_ms = ?2 WHERE id = ?1");
    done.bind(1, merge_id).bind(2, now_ms).run();
    merge->undone_at_ms = now_ms;
    return *merge;
}

ErasureReport erase_contact_data(Connection& db, int64_t contact_id, int64_t now_ms) {
    ErasureReport report;
    // The contact and, recursively, every contact merged into it (their names are the person's too).
    std::vector<int64_t> pending{contact_id};
    while (!pending.empty()) {
        int64_t id = pending.back();
        pending.pop_back();
        if (std::find(report.contact_ids.begin(), report.contact_ids.end(), id) != report.contact_ids.end()) continue;
        report.contact_ids.push_back(id);
        for (int64_t merged : select_ids(db, "SELECT id FROM contacts WHERE merged_into = ?1", id)) pending.push_back(merged);
    }
    std::string tenant;
    std::vector<Identity> known_identities;  // remembered before they are deleted, for the sweep below
    std::vector<std::string> names;
    for (int64_t id : report.contact_ids) {
        Statement name = db.prepare("SELECT name FROM contacts WHERE id = ?1 AND name IS NOT NULL");
        name.bind(1, id);
        if (name.step()) names.push_back(name.text(0));
        Statement select = db.prepare(
            "SELECT i.tenant, i.kind, i.value FROM contact_identities i WHERE i.contact_id = ?1");
        select.bind(1, id);
        while (select.step()) {
            tenant = select.text(0);
            known_identities.push_back({select.text(1), select.text(2)});
        }
    }
    for (int64_t id : report.contact_ids) {
        Statement identities = db.prepare("DELETE FROM contact_identities WHERE contact_id = ?1");
        identities.bind(1, id).run();
        report.identities += db.changes();
        Statement contact = db.prepare("UPDATE contacts SET name = NULL, erased_at_ms = ?2 WHERE id = ?1");
        contact.bind(1, id).bind(2, now_ms).run();
    }
    // Leads now belong to `contact_id` only (merges moved them), but an unmerged contact's leads
    // are its own again: erase by the whole set.
    for (int64_t id : report.contact_ids) {
        for (int64_t lead : select_ids(db, "SELECT id FROM leads WHERE contact_id = ?1", id)) {
            Statement messages = db.prepare(
                "UPDATE messages SET external_user_id = NULL, name = NULL, phone = NULL, email = NULL, text = NULL,"
                " extra = '{}' WHERE lead_id = ?1");
            messages.bind(1, lead).run();
            report.messages += db.changes();
            Statement clear = db.prepare(
                "UPDATE leads SET external_user_id = NULL, name = NULL, phone = NULL, email = NULL, text = NULL,"
                " extra = '{}' WHERE id = ?1");
            clear.bind(1, lead).run();
            report.leads += db.changes();
            Statement history = db.prepare(
                "INSERT INTO job_events (job_id, at_ms, event, attempts, detail)"
                " SELECT id, ?2, 'cancelled', attempts, 'the person''s data was erased' FROM jobs"
                " WHERE lead_id = ?1 AND status IN ('pending', 'dead')");
            history.bind(1, lead).bind(2, now_ms).run();
            Statement cancel = db.prepare(
                "UPDATE jobs SET status = 'cancelled', payload = '{}', updated_at_ms = ?2"
                " WHERE lead_id = ?1 AND status IN ('pending', 'dead')");
            cancel.bind(1, lead).bind(2, now_ms).run();
            report.jobs_cancelled += db.changes();
            // A payload may carry the lead's data for a sink; delivered or not, it is no longer needed.
            Statement payloads = db.prepare("UPDATE jobs SET payload = '{}' WHERE lead_id = ?1");
            payloads.bind(1, lead).run();
        }
    }
    erase_identity_traces(db, tenant, known_identities, names, report);
    return report;
}

}  // namespace leadhub::store
