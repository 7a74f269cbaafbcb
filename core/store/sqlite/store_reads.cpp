// Reads: each borrows a read connection from the pool, so it never waits for the writer.
#include "store/sqlite/sqlite_store.hpp"

#include "store/sqlite/rows.hpp"

#include <algorithm>
#include <limits>
#include <unordered_set>

namespace leadhub::store {

namespace {

int64_t sql_limit(std::size_t limit) {
    return static_cast<int64_t>(std::min<std::size_t>(limit, std::numeric_limits<int64_t>::max()));
}

}  // namespace

std::vector<Job> SqliteStore::due_jobs(int64_t now_ms, std::size_t limit, const std::vector<int64_t>& exclude,
                                       const std::vector<std::string>& skip_sinks) {
    std::vector<Job> jobs;
    if (limit == 0) return jobs;
    auto db = readers_.acquire();
    // Excluded jobs are skipped here rather than in SQL: fetching `exclude.size()` more rows than
    // asked is enough, and keeps one statement for every size of the in-flight set. Skipped sinks
    // are left out in SQL: their backlog may be any length.
    std::unordered_set<int64_t> skip(exclude.begin(), exclude.end());
    Statement select = db->prepare("SELECT " LEADHUB_JOB_COLUMNS " FROM jobs"
                                   " WHERE status = 'pending' AND next_attempt_at_ms <= ?1"
                                   " AND tenant || '/' || sink NOT IN (SELECT value FROM json_each(?3))"
                                   " ORDER BY next_attempt_at_ms, id LIMIT ?2");
    select.bind(1, now_ms).bind(2, sql_limit(limit + skip.size())).bind(3, sdk::dump(Json(skip_sinks)));
    while (jobs.size() < limit && select.step()) {
        if (skip.count(select.int64(0))) continue;
        jobs.push_back(read_job(select, path_));
    }
    return jobs;
}

std::optional<int64_t> SqliteStore::next_due_at() {
    auto db = readers_.acquire();
    Statement select = db->prepare("SELECT min(next_attempt_at_ms) FROM jobs WHERE status = 'pending'");
    if (!select.step() || select.is_null(0)) return std::nullopt;
    return select.int64(0);
}

std::optional<Job> SqliteStore::job(int64_t job_id) {
    auto db = readers_.acquire();
    Statement select = db->prepare("SELECT " LEADHUB_JOB_COLUMNS " FROM jobs WHERE id = ?1");
    select.bind(1, job_id);
    if (!select.step()) return std::nullopt;
    return read_job(select, path_);
}

std::optional<Lead> SqliteStore::lead(int64_t lead_id) {
    auto db = readers_.acquire();
    Statement select = db->prepare("SELECT " LEADHUB_LEAD_COLUMNS " FROM leads WHERE id = ?1");
    select.bind(1, lead_id);
    if (!select.step()) return std::nullopt;
    return read_lead(select, path_);
}

std::vector<Lead> SqliteStore::leads(const std::string& tenant, std::size_t limit) {
    auto db = readers_.acquire();
    // Two statements rather than "(?1 = '' OR tenant = ?1)", so each can use its index.
    Statement select = tenant.empty()
        ? db->prepare("SELECT " LEADHUB_LEAD_COLUMNS " FROM leads ORDER BY id DESC LIMIT ?2")
        : db->prepare("SELECT " LEADHUB_LEAD_COLUMNS " FROM leads WHERE tenant = ?1 ORDER BY id DESC LIMIT ?2");
    if (!tenant.empty()) select.bind(1, tenant);
    select.bind(2, sql_limit(limit));
    std::vector<Lead> out;
    while (select.step()) out.push_back(read_lead(select, path_));
    return out;
}

std::vector<Job> SqliteStore::dead_letters(const std::string& tenant, std::size_t limit) {
    auto db = readers_.acquire();
    Statement select = db->prepare("SELECT " LEADHUB_JOB_COLUMNS " FROM jobs"
                                   " WHERE status = 'dead' AND (?1 = '' OR tenant = ?1)"
                                   " ORDER BY updated_at_ms DESC, id DESC LIMIT ?2");
    select.bind(1, tenant).bind(2, sql_limit(limit));
    std::vector<Job> out;
    while (select.step()) out.push_back(read_job(select, path_));
    return out;
}

std::vector<JobEvent> SqliteStore::job_history(int64_t job_id) {
    auto db = readers_.acquire();
    Statement select = db->prepare(
        "SELECT at_ms, event, attempts, detail FROM job_events WHERE job_id = ?1 ORDER BY id");
    select.bind(1, job_id);
    std::vector<JobEvent> out;
    while (select.step())
        out.push_back({select.int64(0), select.text(1), static_cast<int>(select.int64(2)), select.text(3)});
    return out;
}

std::vector<std::pair<std::string, int64_t>> SqliteStore::queue_depths() {
    auto db = readers_.acquire();
    Statement select = db->prepare(
        "SELECT tenant || '/' || sink, count(*) FROM jobs WHERE status = 'pending'"
        " GROUP BY tenant, sink ORDER BY tenant, sink");
    std::vector<std::pair<std::string, int64_t>> out;
    while (select.step()) out.emplace_back(select.text(0), select.int64(1));
    return out;
}

std::optional<std::string> SqliteStore::state_get(const std::string& scope, const std::string& key) {
    auto db = readers_.acquire();
    Statement select = db->prepare("SELECT value FROM plugin_state WHERE scope = ?1 AND key = ?2");
    select.bind(1, scope).bind(2, key);
    if (!select.step()) return std::nullopt;
    return select.text(0);
}

void SqliteStore::state_put(const std::string& scope, const std::string& key, const std::string& value) {
    writer_.run([&](Connection& db) {
        Statement upsert = db.prepare(
            "INSERT INTO plugin_state (scope, key, value) VALUES (?1, ?2, ?3)"
            " ON CONFLICT (scope, key) DO UPDATE SET value = excluded.value");
        upsert.bind(1, scope).bind(2, key).bind(3, value).run();
    });
}

}  // namespace leadhub::store
