// The Store on SQLite: a group-committing writer for every write, a pool of read connections
// for every read. Store::open() builds it; nothing else names this class.
#pragma once

#include "store/sqlite/group_commit.hpp"
#include "store/sqlite/wal_checkpointer.hpp"
#include "store/sqlite/read_pool.hpp"
#include "store/store.hpp"

namespace leadhub::store {

class SqliteStore final : public Store {
public:
    SqliteStore(const StoreOptions& options, std::unique_ptr<Connection> migrated_writer_connection);

    std::vector<IngestResult> ingest(std::vector<IngestItem> items, int64_t now_ms) override;

    std::vector<AcceptResult> accept(std::vector<InboxEntry> entries, int64_t now_ms) override;
    void accept_async(std::vector<InboxEntry> entries, int64_t now_ms, AcceptDone done) override;
    std::vector<InboxMessage> pending_inbox(int64_t after_id, std::size_t limit) override;
    std::vector<InboxOutcome> process_inbox(std::vector<InboxWork> work, int64_t now_ms) override;
    void inbox_failed(int64_t inbox_id, const std::string& error) override;
    int64_t inbox_retry_failed() override;
    InboxCounts inbox_counts() override;

    std::vector<Job> due_jobs(int64_t now_ms, std::size_t limit, const std::vector<int64_t>& exclude,
                              const std::vector<std::string>& skip_sinks) override;
    std::optional<int64_t> next_due_at() override;

    void job_succeeded(int64_t job_id, int attempts, const std::string& external_id, int64_t now_ms) override;
    void job_retry(int64_t job_id, int attempts, int64_t next_attempt_at_ms, const std::string& error,
                   int64_t now_ms) override;
    void job_dead(int64_t job_id, int attempts, const std::string& reason, int64_t now_ms) override;

    std::optional<Job> job(int64_t job_id) override;
    std::optional<Lead> lead(int64_t lead_id) override;
    std::vector<Lead> leads(const std::string& tenant, std::size_t limit) override;

    std::vector<Job> dead_letters(const std::string& tenant, std::size_t limit) override;
    std::vector<JobEvent> job_history(int64_t job_id) override;
    bool replay(int64_t job_id, int64_t now_ms) override;
    std::size_t replay_all(const std::string& tenant, int64_t now_ms) override;

    std::vector<StoredMessage> lead_messages(int64_t lead_id) override;
    ReplyResult add_reply(const ReplyRequest& request, int64_t now_ms) override;
    using Store::set_lead_status;
    LeadStatusChange set_lead_status(int64_t lead_id, const StatusChange& change, int64_t now_ms) override;
    std::vector<LeadEvent> lead_history(int64_t lead_id) override;
    Json lead_external_ids(int64_t lead_id) override;
    ReadingUpdateResult update_reading(int64_t lead_id, const ReadingUpdate& update, int64_t now_ms) override;
    TakeResult take_lead(int64_t lead_id, const std::string& staff_id, const std::string& reason, int64_t now_ms,
                         const std::string& via) override;
    std::optional<Contact> contact(int64_t contact_id) override;
    std::vector<Contact> find_contacts(const std::string& tenant, const Identity& identity) override;
    std::optional<ContactMerge> merge(int64_t merge_id) override;
    ContactMerge unmerge(int64_t merge_id, int64_t now_ms) override;
    ErasureReport erase_contact(int64_t contact_id, int64_t now_ms) override;

    std::vector<Timer> due_timers(int64_t now_ms, std::size_t limit) override;
    std::optional<int64_t> next_timer_at() override;
    std::vector<TimerFireResult> fire_timers(const std::vector<TimerFiring>& firings, int64_t now_ms) override;
    bool arm_timers(int64_t lead_id, const std::vector<TimerSpec>& timers, int64_t now_ms) override;
    std::vector<Timer> lead_timers(int64_t lead_id) override;
    int64_t pending_timer_count() override;

    std::vector<std::pair<std::string, int64_t>> queue_depths() override;

    std::optional<std::string> state_get(const std::string& scope, const std::string& key) override;
    void state_put(const std::string& scope, const std::string& key, const std::string& value) override;

    std::vector<LeadFacts> lead_facts(const std::string& tenant, int64_t from_ms, int64_t to_ms) override;

    int schema_version() override;
    std::string path() const override { return path_; }
    StoreStats stats() const override { return writer_.stats(); }

private:
    const std::string path_;
    ReadPool readers_;
    WalCheckpointer checkpointer_;  // before the writer: outlives the writer's commits
    GroupCommitWriter writer_;  // last: its thread stops before the rest is torn down
};

}  // namespace leadhub::store
