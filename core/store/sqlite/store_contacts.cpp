// Contacts and conversations: reads on the read pool, changes through the group-commit writer.
#include "store/sqlite/contact_writes.hpp"
#include "store/sqlite/rows.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace leadhub::store {

namespace {

std::optional<Contact> read_contact(Connection& db, int64_t contact_id) {
    Statement select = db.prepare(
        "SELECT id, tenant, name, merged_into, erased_at_ms IS NOT NULL, created_at_ms FROM contacts WHERE id = ?1");
    select.bind(1, contact_id);
    if (!select.step()) return std::nullopt;
    Contact contact;
    contact.id = select.int64(0);
    contact.tenant = select.text(1);
    contact.name = select.optional_text(2);
    if (!select.is_null(3)) contact.merged_into = select.int64(3);
    contact.erased = select.int64(4) != 0;
    contact.created_at_ms = select.int64(5);

    Statement identities = db.prepare("SELECT id, kind, value FROM contact_identities WHERE contact_id = ?1 ORDER BY id");
    identities.bind(1, contact_id);
    while (identities.step()) contact.identities.push_back({identities.int64(0), identities.text(1), identities.text(2)});
    Statement leads = db.prepare("SELECT id FROM leads WHERE contact_id = ?1 ORDER BY id DESC");
    leads.bind(1, contact_id);
    while (leads.step()) contact.lead_ids.push_back(leads.int64(0));
    Statement merges = db.prepare("SELECT id FROM contact_merges WHERE kept_contact_id = ?1 ORDER BY id DESC");
    merges.bind(1, contact_id);
    std::vector<int64_t> merge_ids;
    while (merges.step()) merge_ids.push_back(merges.int64(0));
    for (int64_t id : merge_ids)
        if (auto merge = read_merge(db, id)) contact.merges.push_back(std::move(*merge));
    return contact;
}

}  // namespace

std::vector<StoredMessage> SqliteStore::lead_messages(int64_t lead_id) {
    auto db = readers_.acquire();
    Statement select = db->prepare("SELECT " LEADHUB_MESSAGE_COLUMNS " FROM messages WHERE lead_id = ?1 ORDER BY id");
    select.bind(1, lead_id);
    std::vector<StoredMessage> out;
    while (select.step()) out.push_back(read_message(select, path_));
    return out;
}

std::optional<Contact> SqliteStore::contact(int64_t contact_id) {
    auto db = readers_.acquire();
    return read_contact(*db, contact_id);
}

std::vector<Contact> SqliteStore::find_contacts(const std::string& tenant, const Identity& identity) {
    auto db = readers_.acquire();
    Statement select = db->prepare(
        "SELECT contact_id FROM contact_identities WHERE (?1 = '' OR tenant = ?1) AND kind = ?2 AND value = ?3"
        " ORDER BY tenant");
    select.bind(1, tenant).bind(2, identity.kind).bind(3, identity.value);
    std::vector<int64_t> ids;
    while (select.step()) ids.push_back(select.int64(0));
    std::vector<Contact> out;
    for (int64_t id : ids)
        if (auto contact = read_contact(*db, id)) out.push_back(std::move(*contact));
    return out;
}

std::optional<ContactMerge> SqliteStore::merge(int64_t merge_id) {
    auto db = readers_.acquire();
    return read_merge(*db, merge_id);
}

ContactMerge SqliteStore::unmerge(int64_t merge_id, int64_t now_ms) {
    return writer_.compute<ContactMerge>([&](Connection& db) { return undo_merge(db, merge_id, now_ms); });
}

ErasureReport SqliteStore::erase_contact(int64_t contact_id, int64_t now_ms) {
    return writer_.compute<ErasureReport>([&](Connection& db) {
        Statement exists = db.prepare("SELECT 1 FROM contacts WHERE id = ?1");
        exists.bind(1, contact_id);
        if (!exists.step()) throw StoreError("no contact " + std::to_string(contact_id));
        return erase_contact_data(db, contact_id, now_ms);
    });
}

}  // namespace leadhub::store
