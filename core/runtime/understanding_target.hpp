// The dispatcher's view of the tenant's understanding processor: a job for it asks the
// processor for its reading of the lead and, when the answer passes the checks, replaces the
// built-in reading in the store (pipeline/understanding_update.hpp).
//
// The fallback is the built-in reading that the lead already holds: on a timeout, an error or an
// answer that fails the checks nothing is written, the reason is logged and counted
// (leadhub_reading_fallbacks_total{reason=timeout|error|invalid|stale}), and the job's outcome goes to the dispatcher like any
// delivery's (retryable failures are asked again within the instance's dispatch policy, the
// rest become dead letters that can be replayed).
//
// Sinks are not told again: a delivery made before the reading arrived keeps the built-in one,
// a delivery made after it carries the new one (a delivery reads the lead when it runs). Routes
// and the assignment are not evaluated again.
//
// The store, metrics and logger are the runtime's, which may be gone when a processor stuck at a
// stop answers: they are used only under a hold of the runtime's lifeline, never during the call.
#pragma once

#include "runtime/deployment.hpp"

namespace leadhub::app {

class UnderstandingTarget : public dispatch::SinkTarget {
public:
    UnderstandingTarget(std::shared_ptr<const Deployment> keep, const RunningInstance& instance, store::Store& store,
                        metrics::Registry& metrics, Logger& logger, std::shared_ptr<dispatch::Lifeline> alive)
        : keep_(std::move(keep)), instance_(instance), store_(store), metrics_(metrics), logger_(logger),
          alive_(std::move(alive)) {}

    dispatch::SinkPolicy policy() const override { return instance_.policy; }
    sdk::Outcome deliver(const nlohmann::json& delivery) override;

private:
    // Logs and counts why the built-in reading stays; returns `outcome` for the dispatcher.
    sdk::Outcome fallback(int64_t lead_id, const std::string& reason_label, sdk::Outcome outcome);
    std::string scope() const;
    // The outcome when the runtime is gone (the dispatcher, stopped first, drops it anyway).
    static sdk::Outcome stopped();

    std::shared_ptr<const Deployment> keep_;  // the deployment (and the plugin) outlive the call
    const RunningInstance& instance_;
    store::Store& store_;
    metrics::Registry& metrics_;
    Logger& logger_;
    std::shared_ptr<dispatch::Lifeline> alive_;  // guards store_, metrics_ and logger_
};

}  // namespace leadhub::app
