// From a source's messages to durable leads and outbox jobs in one group-committed transaction.
#pragma once

#include "config/config.hpp"
#include "store/store.hpp"

#include <leadhub/sdk/types.hpp>

#include <vector>

namespace leadhub::pipeline {

struct IngestSummary {
    std::size_t stored = 0;
    std::size_t duplicates = 0;
    std::size_t jobs = 0;
    std::vector<int64_t> lead_ids;
};

// Stores `messages` from `source` of `tenant` with the jobs their routes ask for; returns when
// everything is committed. Throws store::StoreError if the commit fails (nothing is stored then).
IngestSummary ingest(store::Store& store, const config::TenantConfig& tenant, const std::string& source,
                     const std::vector<sdk::Message>& messages, int64_t now_ms);

}  // namespace leadhub::pipeline
