// The live counters a Meta channel shows in `control({"action": "status"})`: kept since the
// instance started, safe to update from the hub's concurrent webhook and delivery calls.
#pragma once

#include <leadhub/sdk/json.hpp>

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>

namespace leadhub::meta {

class ChannelStats {
public:
    std::atomic<int64_t> messages{0};            // customer messages handed to the hub
    std::atomic<int64_t> business_messages{0};   // echoes of the business's own messages
    std::atomic<int64_t> blocked{0};             // customers who blocked or unsubscribed
    std::atomic<int64_t> ignored_events{0};      // statuses, reads, reactions, other fields
    std::atomic<int64_t> signature_failures{0};  // POSTs refused for X-Hub-Signature-256
    std::atomic<int64_t> bad_requests{0};        // signed bodies that were not Meta's JSON
    std::atomic<int64_t> replies_sent{0};
    std::atomic<int64_t> replies_failed{0};

    void set_last_error(std::string error, int64_t at_ms);

    // The counters above and the last reply error (null when none) as one JSON object.
    sdk::Json to_json() const;

private:
    mutable std::mutex mutex_;
    std::string last_error_;
    int64_t last_error_at_ms_ = 0;
};

}  // namespace leadhub::meta
