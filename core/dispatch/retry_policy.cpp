#include "dispatch/retry_policy.hpp"

#include <algorithm>
#include <cmath>

namespace leadhub::dispatch {

int64_t backoff_delay_ms(int attempts, const Backoff& b, std::mt19937_64& random) {
    double delay = static_cast<double>(b.initial_ms) * std::pow(b.multiplier, std::max(0, attempts - 1));
    delay = std::min(delay, static_cast<double>(b.max_ms));
    if (b.jitter > 0) {
        std::uniform_real_distribution<double> spread(-b.jitter, b.jitter);
        delay *= 1.0 + spread(random);
    }
    return std::max<int64_t>(1, static_cast<int64_t>(delay));
}

namespace {
std::string human_duration(int64_t ms) {
    if (ms % 3600000 == 0) return std::to_string(ms / 3600000) + "h";
    if (ms % 60000 == 0) return std::to_string(ms / 60000) + "m";
    if (ms % 1000 == 0) return std::to_string(ms / 1000) + "s";
    return std::to_string(ms) + "ms";
}
}  // namespace

Decision decide(const sdk::Outcome& outcome, int attempts, int64_t age_ms, int64_t now_ms, const SinkPolicy& policy,
                std::mt19937_64& random) {
    using K = sdk::Outcome::Kind;
    if (outcome.kind == K::ok) return {Decision::Kind::done, 0, {}};
    if (outcome.kind == K::permanent) return {Decision::Kind::dead, 0, outcome.reason};
    if (attempts >= policy.max_attempts)
        return {Decision::Kind::dead, 0, "gave up after " + std::to_string(attempts) + " attempts: " + outcome.reason};
    if (age_ms >= policy.max_age_ms)
        return {Decision::Kind::dead, 0, "gave up after " + human_duration(policy.max_age_ms) + ": " + outcome.reason};
    int64_t delay = backoff_delay_ms(attempts, policy.backoff, random);
    if (outcome.retry_after_ms && *outcome.retry_after_ms > delay) delay = *outcome.retry_after_ms;
    return {Decision::Kind::retry, now_ms + delay, outcome.reason};
}

}  // namespace leadhub::dispatch
