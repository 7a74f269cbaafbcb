// Versioned schema migrations. Each migration is one step of SQL with a version number; open()
// applies every step newer than the database's version, each in its own transaction, and
// records it in `schema_migrations`. Later features (contacts, conversations, timers) append
// steps; a step once released is never edited.
#pragma once

#include "store/sqlite/sqlite_connection.hpp"

#include <vector>

namespace leadhub::store {

struct Migration {
    int version;
    const char* name;
    const char* sql;
};

// The ordered list of steps, versions 1, 2, 3 ... without gaps.
const std::vector<Migration>& migrations();

// The version this build of leadhub brings the schema to.
int latest_schema_version();

// The version recorded in the database (0 for a new file).
int current_schema_version(Connection& connection);

// Brings the database to latest_schema_version(). Throws StoreError when the database is newer
// than this code knows (the message names both versions) or a step fails (nothing of that step
// stays).
void migrate(Connection& connection, int64_t now_ms);

}  // namespace leadhub::store
