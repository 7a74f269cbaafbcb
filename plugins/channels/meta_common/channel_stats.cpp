#include "channel_stats.hpp"

#include <leadhub/sdk/iso8601.hpp>

namespace leadhub::meta {

void ChannelStats::set_last_error(std::string error, int64_t at_ms) {
    std::lock_guard lock(mutex_);
    last_error_ = std::move(error);
    last_error_at_ms_ = at_ms;
}

sdk::Json ChannelStats::to_json() const {
    sdk::Json out = {{"messages", messages.load()},
                     {"business_messages", business_messages.load()},
                     {"customers_blocked", blocked.load()},
                     {"ignored_events", ignored_events.load()},
                     {"signature_failures", signature_failures.load()},
                     {"bad_requests", bad_requests.load()},
                     {"replies_sent", replies_sent.load()},
                     {"replies_failed", replies_failed.load()}};
    std::lock_guard lock(mutex_);
    if (last_error_.empty()) {
        out["last_reply_error"] = nullptr;
    } else {
        out["last_reply_error"] = last_error_;
        out["last_reply_error_at"] = sdk::iso8601_utc(last_error_at_ms_);
    }
    return out;
}

}  // namespace leadhub::meta
