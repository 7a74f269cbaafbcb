// Polling mode: a thread that asks Telegram for updates (getUpdates long polling), hands each
// customer message to the hub (host().submit) and only then confirms the batch by moving the
// offset on. The offset lives in the instance's durable state, so a crash anywhere neither loses
// updates (they are asked for again) nor doubles them (the hub drops repeats by
// external_message_id).
//
// Errors: no response and 5xx back off exponentially (1 s doubling to 60 s), 429 waits
// parameters.retry_after, 409 (a webhook is set, or another poller runs) backs off and shows in
// status, 401/404 (a bad bot_token) stops polling until the instance is restarted. A failed submit
// waits like an error and asks for the same batch again. stop() wakes any wait at once but has to
// let the poll in flight finish (poll_timeout_s at most).
#pragma once

#include "options.hpp"

#include <leadhub/sdk/host.hpp>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace leadhub::telegram {

class Poller {
public:
    Poller(sdk::Host host, TelegramOptions options, std::string instance);
    ~Poller();
    Poller(const Poller&) = delete;
    Poller& operator=(const Poller&) = delete;

    void start();
    void stop();

    // {"mode": "polling", "running", "offset", "last_success_at_ms", "last_error", "last_error_at_ms",
    //  "consecutive_errors", "webhook_deleted", "stopped_reason"?}
    sdk::Json status() const;

    // The state key of the next offset (last confirmed update_id + 1).
    static constexpr const char* kOffsetKey = "offset";
    static constexpr std::chrono::milliseconds kMaxBackoff{60000};

private:
    void run();
    void delete_webhook_once();
    // true: a batch was stored (or there was none); false: wait and ask again.
    bool poll_once();
    bool store_batch(const sdk::Json& updates, int64_t& next_offset);
    void record_error(const std::string& error);
    std::chrono::milliseconds backoff() const;
    void wait(std::chrono::milliseconds delay);

    sdk::Host host_;
    TelegramOptions options_;
    std::string instance_;
    std::thread thread_;

    mutable std::mutex mutex_;  // guards everything below
    std::condition_variable wake_;
    bool stopping_ = false;
    bool running_ = false;
    std::optional<int64_t> offset_;
    int64_t last_success_at_ms_ = 0;
    std::string last_error_;
    int64_t last_error_at_ms_ = 0;
    int consecutive_errors_ = 0;
    bool webhook_deleted_ = false;
    std::string stopped_reason_;
    std::optional<std::chrono::milliseconds> next_wait_;  // set by poll_once for the next wait
};

}  // namespace leadhub::telegram
