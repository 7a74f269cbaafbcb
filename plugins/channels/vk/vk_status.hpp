// The instance's live state for control({"action": "status"}): written by the webhook path or
// the long poll thread, read by the operator's call, so every access takes the lock.
#pragma once

#include <leadhub/sdk/json.hpp>

#include <cstdint>
#include <mutex>
#include <string>

namespace leadhub::vk {

class LiveStatus {
public:
    void success(int64_t now_ms) {
        std::lock_guard lock(mutex_);
        last_success_at_ms_ = now_ms;
        consecutive_errors_ = 0;
    }
    // Returns the number of errors in a row, this one included.
    int failure(int64_t now_ms, std::string error) {
        std::lock_guard lock(mutex_);
        last_error_ = std::move(error);
        last_error_at_ms_ = now_ms;
        return ++consecutive_errors_;
    }
    void set_ts(std::string ts) {
        std::lock_guard lock(mutex_);
        ts_ = std::move(ts);
    }
    void count_messages(int64_t n) {
        std::lock_guard lock(mutex_);
        messages_ += n;
    }

    sdk::Json to_json(const char* mode) const {
        std::lock_guard lock(mutex_);
        auto or_null = [](int64_t v) { return v ? sdk::Json(v) : sdk::Json(nullptr); };
        return {{"mode", mode},
                {"last_success_at_ms", or_null(last_success_at_ms_)},
                {"last_error", last_error_.empty() ? sdk::Json(nullptr) : sdk::Json(last_error_)},
                {"last_error_at_ms", or_null(last_error_at_ms_)},
                {"consecutive_errors", consecutive_errors_},
                {"ts", ts_.empty() ? sdk::Json(nullptr) : sdk::Json(ts_)},
                {"messages", messages_}};
    }

private:
    mutable std::mutex mutex_;
    int64_t last_success_at_ms_ = 0, last_error_at_ms_ = 0, messages_ = 0;
    std::string last_error_, ts_;
    int consecutive_errors_ = 0;
};

}  // namespace leadhub::vk
