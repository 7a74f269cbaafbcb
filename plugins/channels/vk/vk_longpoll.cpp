#include "vk_longpoll.hpp"

#include "vk_api.hpp"
#include "vk_event.hpp"

#include <leadhub/sdk/exception_text.hpp>

#include <algorithm>
#include <chrono>

namespace leadhub::vk {

namespace {
constexpr int64_t kFirstBackoffMs = 1000;
constexpr int64_t kMaxBackoffMs = 60000;
}  // namespace

LongPoller::LongPoller(sdk::Host host, const VkOptions& options, std::string instance, LiveStatus& status)
    : host_(host), options_(options), instance_(std::move(instance)), status_(status) {}

void LongPoller::start() {
    if (auto stored = host_.state_get(state_key(options_.group_id)); stored && !stored->empty()) {
        ts_ = *stored;  // resume where the last run stopped, not at VK's newest event
        status_.set_ts(ts_);
    }
    thread_ = std::thread([this] { run(); });
}

void LongPoller::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void LongPoller::run() {
    int64_t backoff_ms = 0;
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            if (backoff_ms > 0) wake_.wait_for(lock, std::chrono::milliseconds(backoff_ms), [this] { return stopping_; });
            if (stopping_) return;
        }
        bool ok = false;
        try {
            ok = step();
        } catch (...) {  // a bug must not end the thread silently: count it and go on
            ok = fail("long poll step threw: " + sdk::exception_text(std::current_exception()));
        }
        backoff_ms = ok ? 0 : std::min(kMaxBackoffMs, backoff_ms == 0 ? kFirstBackoffMs : backoff_ms * 2);
    }
}

bool LongPoller::fail(const std::string& error) {
    int n = status_.failure(host_.now_ms(), error);
    host_.metric("vk_poll_errors");
    host_.warn("vk " + instance_ + ": long poll: " + error + " (" + std::to_string(n) + " in a row)");
    return false;
}

void LongPoller::store_ts(const std::string& ts) {
    ts_ = ts;
    status_.set_ts(ts);
    if (!host_.state_put(state_key(options_.group_id), ts))
        host_.error("vk " + instance_ + ": could not store the long poll ts " + ts + ": a restart may repeat events");
}

bool LongPoller::open_session() {
    auto request = method_request(options_, "groups.getLongPollServer", {{"group_id", std::to_string(options_.group_id)}});
    ApiAnswer answer = read_answer(host_.http(request));
    if (answer.kind != ApiAnswer::Kind::ok) {
        std::string hint = answer.kind == ApiAnswer::Kind::api_error && answer.error_code == 5
                               ? " (option access_token is invalid)"
                           : answer.kind == ApiAnswer::Kind::api_error && answer.error_code == 100
                               ? " (is the Long Poll API switched on in the community's settings?)"
                               : "";
        return fail("groups.getLongPollServer: " + describe_failure(answer) + hint);
    }
    auto session = read_longpoll_session(answer.response);
    if (!session) return fail("groups.getLongPollServer answered no server and key");
    session_ = std::move(*session);
    if (ts_.empty()) store_ts(session_->ts);
    return true;
}

bool LongPoller::submit_pending() {
    for (const auto& message : pending_) {
        std::string error;
        if (host_.submit(message, &error) == sdk::Host::Submitted::failed)
            return fail("the hub did not store a message (" + error + "); the batch will be submitted again");
    }
    host_.metric("vk_messages", static_cast<double>(pending_.size()));
    status_.count_messages(static_cast<int64_t>(pending_.size()));
    pending_.clear();
    if (pending_ts_ != ts_) store_ts(pending_ts_);  // an empty poll moves nothing
    return true;
}

bool LongPoller::step() {
    if (!pending_.empty()) return submit_pending();
    if (!session_ && !open_session()) return false;

    host_.metric("vk_polls");
    CheckAnswer answer = read_a_check(host_.http(a_check_request(*session_, ts_, options_.poll_wait_s)));
    switch (answer.kind) {
        case CheckAnswer::Kind::bad: return fail(answer.error);
        case CheckAnswer::Kind::ts_outdated:
            host_.warn("vk " + instance_ + ": long poll history outdated (failed 1): continuing from ts " + answer.ts +
                       "; events between ts " + ts_ + " and it may have been lost");
            store_ts(answer.ts);
            break;
        case CheckAnswer::Kind::key_expired:
            host_.info("vk " + instance_ + ": long poll key expired (failed 2): getting a new one");
            session_.reset();
            break;
        case CheckAnswer::Kind::info_lost:
            host_.warn("vk " + instance_ + ": long poll information lost (failed " + std::to_string(answer.failed) +
                       "): starting a new session at VK's current ts; events since ts " + ts_ + " may have been lost");
            session_.reset();
            ts_.clear();
            break;
        case CheckAnswer::Kind::updates:
            for (const auto& update : answer.updates) {
                ReadEvent event = read_event(update, options_.group_id);
                if (event.kind == EventKind::malformed || event.kind == EventKind::other_community)
                    host_.warn("vk " + instance_ + ": long poll update skipped: " + event.reason);
                for (auto& m : event.messages) pending_.push_back(std::move(m));
            }
            pending_ts_ = answer.ts;
            status_.success(host_.now_ms());
            return submit_pending();
    }
    status_.success(host_.now_ms());
    return true;
}

}  // namespace leadhub::vk
