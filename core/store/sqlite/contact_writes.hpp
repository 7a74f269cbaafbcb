// The writes behind "one customer, one contact", run on the writer's connection inside a group
// transaction: finding a message's contact by its identities (merging contacts that turn out to
// be one person), undoing a merge, and erasing a person's data. Internal to the store.
#pragma once

#include "store/sqlite/sqlite_connection.hpp"

namespace leadhub::store {

struct ResolvedContact {
    int64_t contact_id = 0;
    std::vector<int64_t> merge_ids;  // merges done to get there
};

// The contact of `identities` in `tenant`: the one they point at; a new one when they point at
// none; the oldest when they point at several, the others merged into it (each merge recorded).
// Identities not yet known are added to it; its name is filled when it has none.
ResolvedContact resolve_contact(Connection& db, const std::string& tenant, const std::vector<Identity>& identities,
                                const std::optional<std::string>& name, int64_t now_ms);

// The contact `identities` point at (the oldest when several), without creating or merging
// anything: for what is only recorded on an existing conversation (a business's echo).
std::optional<int64_t> existing_contact(Connection& db, const std::string& tenant, const std::vector<Identity>& identities);

// Gives `contact_id` identities learnt later (a phone a processor read in the text): a contact
// they already point at is the same person, so the two are merged like resolve_contact() does
// (the oldest kept). Returns the contact that holds them now.
ResolvedContact attach_identities(Connection& db, const std::string& tenant, int64_t contact_id,
                                  const std::vector<Identity>& identities, int64_t now_ms);

// See Store::unmerge() and Store::erase_contact().
ContactMerge undo_merge(Connection& db, int64_t merge_id, int64_t now_ms);
ErasureReport erase_contact_data(Connection& db, int64_t contact_id, int64_t now_ms);

// The recorded merge, or nullopt.
std::optional<ContactMerge> read_merge(Connection& db, int64_t merge_id);

}  // namespace leadhub::store
