// What happens after a failed delivery attempt: when to try again, or when to give up.
#pragma once

#include <leadhub/sdk/types.hpp>

#include <cstdint>
#include <random>
#include <string>

namespace leadhub::dispatch {

struct Backoff {
    int64_t initial_ms = 1000;
    int64_t max_ms = 10 * 60 * 1000;
    double multiplier = 2.0;
    double jitter = 0.2;  // +/- this fraction, so many failed jobs do not retry in lockstep
};

// Per-sink delivery limits; defaults come from the plugin's manifest, then the config.
struct SinkPolicy {
    double rate_per_second = 2;
    double burst = 50;
    std::string bucket;  // "": the sink's own rate bucket; else one shared by every sink naming it
    int concurrency = 1;
    int64_t timeout_ms = 30000;
    int max_attempts = 12;
    int64_t max_age_ms = 24LL * 3600 * 1000;
    Backoff backoff;
};

struct Decision {
    enum class Kind { done, retry, dead } kind = Kind::done;
    int64_t next_attempt_at_ms = 0;
    std::string reason;
};

// `attempts` counts the attempt just made (1 after the first). `age_ms`: now - job creation.
// A retry honours the API's Retry-After when it asks for longer than the backoff.
Decision decide(const sdk::Outcome& outcome, int attempts, int64_t age_ms, int64_t now_ms, const SinkPolicy& policy,
                std::mt19937_64& random);

int64_t backoff_delay_ms(int attempts, const Backoff& backoff, std::mt19937_64& random);

}  // namespace leadhub::dispatch
