// Long poll mode: a thread that asks VK for the community's events (Bots Long Poll API) and
// submits them to the hub, for a hub without a public address.
//
// Loop: groups.getLongPollServer -> server, key, ts; a_check -> updates; each update is read as
// the Callback path reads it (read_event) and submit()ted; only once every message of the batch
// is stored (or a duplicate) is the new ts stored durably (state "longpoll_ts"), so a crash
// anywhere repeats the batch (the hub drops the repeats by message id) and never loses it. A
// failed submit keeps the batch and retries it after a back-off. failed 1: continue from VK's
// ts; failed 2: new key, keep ts; failed 3: new key and ts (a possible gap is logged).
// Network errors, 5xx and VK errors: exponential back-off, 1 s doubling to 60 s.
#pragma once

#include "options.hpp"
#include "vk_longpoll_api.hpp"
#include "vk_status.hpp"

#include <leadhub/sdk/host.hpp>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace leadhub::vk {

class LongPoller {
public:
    LongPoller(sdk::Host host, const VkOptions& options, std::string instance, LiveStatus& status);
    ~LongPoller() { stop(); }
    LongPoller(const LongPoller&) = delete;
    LongPoller& operator=(const LongPoller&) = delete;

    void start();
    // Returns once the thread has ended: at most the poll in flight (poll_wait_s + 10 s).
    void stop();

    static std::string state_key(int64_t group_id) { return "longpoll_ts:" + std::to_string(group_id); }

private:
    void run();
    // One round; false when it failed (the caller backs off).
    bool step();
    bool open_session();
    bool submit_pending();
    bool fail(const std::string& error);
    void store_ts(const std::string& ts);

    sdk::Host host_;
    VkOptions options_;
    std::string instance_;
    LiveStatus& status_;

    std::optional<LongPollSession> session_;
    std::string ts_;  // the next ts to ask for; "" until known
    std::vector<sdk::Message> pending_;  // a batch not yet wholly stored
    std::string pending_ts_;             // the ts after it

    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace leadhub::vk
