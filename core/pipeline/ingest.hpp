// From a source's messages to durable leads and outbox jobs, in two stages:
//
// 1. accept(): the raw messages go into the store's inbox in one group-committed transaction.
//    This is what a webhook waits for before it answers 2xx (invariant 1), and where a platform's
//    repeat of a message id is recognised. It reads nothing of the message's text.
// 2. process_rows() (run by the InboxProcessor in the background, see inbox_processor.hpp):
//    identify (normalise, find the contact) -> understand -> score -> route -> assign, then the
//    lead, its outbox jobs and the removal of the inbox row in ONE transaction (invariant 2).
//    A row whose transaction never committed (a crash) is processed after the restart.
//
// ingest() does both at once, for callers that want the lead now (tests, the CLI).
//
// A message that joins its contact's open lead (the conversation window of the tenant) creates
// no jobs: sinks hear about a lead once, when it opens; the conversation is visible on the lead.
#pragma once

#include "config/config.hpp"
#include "store/store.hpp"

#include <leadhub/sdk/types.hpp>

#include <functional>
#include <map>
#include <memory>
#include <vector>

namespace leadhub::pipeline {

struct AcceptSummary {
    std::size_t accepted = 0;    // messages now durable in the inbox
    std::size_t duplicates = 0;  // repeats of a platform message id: nothing was written
    std::vector<int64_t> inbox_ids;  // one per accepted message
};

// Stores `messages` from `source` of `tenant_id` in the inbox; returns when they are committed.
// Throws store::StoreError if the commit fails (nothing is stored then: do not acknowledge).
AcceptSummary accept(store::Store& store, const std::string& tenant_id, const std::string& source,
                     const std::vector<sdk::Message>& messages, int64_t now_ms);

// accept() without waiting for the commit: `done` gets the summary (error: nullptr) or the
// StoreError (nothing is stored then: do not acknowledge). It runs on the store's writer thread
// (see Store::accept_async), so it must be quick.
using AcceptDone = std::function<void(AcceptSummary summary, std::exception_ptr error)>;
void accept_async(store::Store& store, const std::string& tenant_id, const std::string& source,
                  std::vector<sdk::Message> messages, int64_t now_ms, AcceptDone done);
// The same for messages that are JSON text already, as the inbox stores them (each entry's
// message_json must be read by sdk::message_from_json without error: the webhook endpoint passes
// a source's answer as the host checked it, host/webhook_answer.hpp). No entry: `done` at once.
void accept_async(store::Store& store, std::vector<store::InboxEntry> entries, int64_t now_ms, AcceptDone done);

struct IngestSummary {
    std::size_t stored = 0;      // messages stored (new leads and joined conversations)
    std::size_t duplicates = 0;
    std::size_t new_leads = 0;
    std::size_t jobs = 0;
    std::vector<int64_t> lead_ids;  // one per stored message: the lead it opened or joined
    // Accepted messages whose processing failed: they wait in the inbox (with the error) and the
    // background stage tries them again.
    std::size_t waiting = 0;
    std::vector<std::string> errors;
    // New leads per (tenant, source), for the per-source metrics of the background stage.
    std::map<std::pair<std::string, std::string>, std::size_t> new_leads_by_source;
};

// The tenant's config as it is now; nullptr when the tenant is no longer configured. The
// pointer keeps the config alive while a batch is processed.
using TenantLookup = std::function<std::shared_ptr<const config::TenantConfig>(const std::string& tenant_id)>;

// Processes inbox rows (as Store::pending_inbox() returns them) into leads. A row that cannot be
// read or whose tenant is gone gets a failed attempt recorded; so does one whose store write
// fails. Throws store::StoreError only when the whole transaction failed.
IngestSummary process_rows(store::Store& store, const TenantLookup& tenants, const std::vector<store::InboxMessage>& rows,
                           int64_t now_ms);

// accept() and processing of the accepted messages at once: returns when the leads and their
// jobs are committed (or, for a message whose processing failed, when it waits in the inbox).
// Throws store::StoreError if the messages could not even be accepted (nothing is stored then).
IngestSummary ingest(store::Store& store, const config::TenantConfig& tenant, const std::string& source,
                     const std::vector<sdk::Message>& messages, int64_t now_ms);

// The store item for one message, as processing builds it (exposed for tests and benchmarks).
store::IngestItem prepare_item(const config::TenantConfig& tenant, const std::string& source,
                               const sdk::Message& message, int64_t received_at_ms);

}  // namespace leadhub::pipeline
