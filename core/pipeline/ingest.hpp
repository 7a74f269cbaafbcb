// From a source's messages to durable leads and outbox jobs in one group-committed transaction:
// identify (normalise, find the contact) -> understand -> score -> route -> assign -> store.
//
// A message that joins its contact's open lead (the conversation window of the tenant) creates
// no jobs: sinks hear about a lead once, when it opens; the conversation is visible on the lead.
#pragma once

#include "config/config.hpp"
#include "store/store.hpp"

#include <leadhub/sdk/types.hpp>

#include <vector>

namespace leadhub::pipeline {

struct IngestSummary {
    std::size_t stored = 0;      // messages stored (new leads and joined conversations)
    std::size_t duplicates = 0;
    std::size_t new_leads = 0;
    std::size_t jobs = 0;
    std::vector<int64_t> lead_ids;  // one per stored message: the lead it opened or joined
};

// Stores `messages` from `source` of `tenant` with the jobs their routes ask for; returns when
// everything is committed. Throws store::StoreError if the commit fails (nothing is stored then).
IngestSummary ingest(store::Store& store, const config::TenantConfig& tenant, const std::string& source,
                     const std::vector<sdk::Message>& messages, int64_t now_ms);

// The store item for one message, as ingest() builds it (exposed for tests and benchmarks).
store::IngestItem prepare_item(const config::TenantConfig& tenant, const std::string& source,
                               const sdk::Message& message, int64_t received_at_ms);

}  // namespace leadhub::pipeline
