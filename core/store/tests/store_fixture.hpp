// Shared helpers for the store tests: a temporary directory removed at the end of each test,
// and short builders for messages and jobs.
#pragma once

#include "store/store.hpp"

#include <leadhub/sdk/testing/temp_dir.hpp>

#include <chrono>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

namespace leadhub::store::testing {

using sdk::testing::TempDir;  // the test kit's, the one temp-dir helper of every test

inline StoreOptions options_for(const std::string& path) {
    StoreOptions options;
    options.path = path;
    return options;
}

inline InboundMessage message(const std::string& tenant, const std::string& source,
                              std::optional<std::string> message_id) {
    InboundMessage m;
    m.tenant = tenant;
    m.source = source;
    m.channel = "telegram";
    m.external_message_id = std::move(message_id);
    m.text = "Здравствуйте, хочу записаться на стрижку";
    m.received_at_ms = 1'000;
    return m;
}

inline JobSpec job_for(const std::string& sink, int64_t not_before_ms = 0) {
    JobSpec spec;
    spec.sink = sink;
    spec.not_before_ms = not_before_ms;
    return spec;
}

inline IngestItem item(InboundMessage m, std::vector<JobSpec> jobs = {}, std::vector<Identity> identities = {}) {
    IngestItem out;
    out.message = std::move(m);
    out.jobs = std::move(jobs);
    out.identities = std::move(identities);
    return out;
}

// Ingests one item and returns its result.
inline IngestResult ingest_one(Store& store, IngestItem one, int64_t now_ms = 10'000) {
    std::vector<IngestItem> items;
    items.push_back(std::move(one));
    return store.ingest(std::move(items), now_ms).at(0);
}

// The ids of the jobs, in their order: to compare a query's answer with the expected jobs.
inline std::vector<int64_t> ids_of(const std::vector<Job>& jobs) {
    std::vector<int64_t> ids;
    for (const Job& job : jobs) ids.push_back(job.id);
    return ids;
}

}  // namespace leadhub::store::testing
