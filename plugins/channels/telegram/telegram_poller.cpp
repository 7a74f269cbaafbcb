#include "telegram_poller.hpp"

#include "telegram_api.hpp"
#include "telegram_channel.hpp"
#include "telegram_update.hpp"

#include <leadhub/sdk/exception_text.hpp>

#include <algorithm>

namespace leadhub::telegram {

using sdk::Json;

namespace {

// What the hub reads, the same list connect gives setWebhook. Telegram remembers allowed_updates
// between calls, so it is sent every time to undo whatever another program asked for.
const Json& polled_update_kinds() {
    static const Json kinds = {"message", "my_chat_member", "callback_query"};
    return kinds;
}

std::optional<int64_t> stored_offset(const sdk::Host& host) {
    auto text = host.state_get(Poller::kOffsetKey);
    if (!text || text->empty() || text->size() > 19 || text->find_first_not_of("0123456789") != std::string::npos)
        return std::nullopt;
    return std::stoll(*text);
}

}  // namespace

Poller::Poller(sdk::Host host, TelegramOptions options, std::string instance)
    : host_(host), options_(std::move(options)), instance_(std::move(instance)) {}

Poller::~Poller() { stop(); }

void Poller::start() {
    std::lock_guard lock(mutex_);
    if (thread_.joinable()) return;
    offset_ = stored_offset(host_);
    stopping_ = false;
    running_ = true;
    thread_ = std::thread([this] { run(); });
}

void Poller::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

Json Poller::status() const {
    std::lock_guard lock(mutex_);
    Json out = {{"mode", "polling"},
                {"running", running_},
                {"offset", offset_ ? Json(*offset_) : Json(nullptr)},
                {"last_success_at_ms", last_success_at_ms_},
                {"last_error", last_error_},
                {"last_error_at_ms", last_error_at_ms_},
                {"consecutive_errors", consecutive_errors_},
                {"webhook_deleted", webhook_deleted_}};
    if (!stopped_reason_.empty()) out["stopped_reason"] = stopped_reason_;
    return out;
}

void Poller::run() {
    try {
        delete_webhook_once();
        while (true) {
            {
                std::lock_guard lock(mutex_);
                if (stopping_ || !stopped_reason_.empty()) break;
            }
            if (!poll_once()) wait(next_wait_.value_or(backoff()));
            next_wait_.reset();
        }
    } catch (...) {
        // Nothing here should throw; if something does, polling stops visibly instead of the
        // exception ending the hub's process.
        std::lock_guard lock(mutex_);
        stopped_reason_ = "internal error: " + sdk::exception_text(std::current_exception());
        host_.error("telegram " + instance_ + ": polling stopped: " + stopped_reason_);
    }
    std::lock_guard lock(mutex_);
    running_ = false;
}

// getUpdates is refused with 409 while a webhook is set, so polling mode removes it once when it
// starts (keeping undelivered updates: drop_pending_updates false). A webhook set later by another
// program is not fought over: the 409 shows in status.
void Poller::delete_webhook_once() {
    sdk::HttpResponse response = host_.http(api_request(options_, "deleteWebhook", {{"drop_pending_updates", false}}, 10000));
    ApiAnswer answer = read_answer(response);
    std::lock_guard lock(mutex_);
    webhook_deleted_ = answer.status == 200 && answer.ok;
    if (!webhook_deleted_) host_.warn("telegram " + instance_ + ": deleteWebhook failed: " + describe(answer));
}

bool Poller::poll_once() {
    Json body = {{"limit", 100}, {"timeout", options_.poll_timeout_s}, {"allowed_updates", polled_update_kinds()}};
    {
        std::lock_guard lock(mutex_);
        if (offset_) body["offset"] = *offset_;
    }
    // The HTTP exchange must outlast the long poll itself.
    const uint32_t timeout_ms = (options_.poll_timeout_s + 15) * 1000;
    sdk::HttpResponse response = host_.http(api_request(options_, "getUpdates", body, timeout_ms));
    ApiAnswer answer = read_answer(response);
    if (answer.status == 200 && answer.ok && answer.result.is_array()) {
        host_.metric("telegram_polls");
        int64_t next_offset = -1;
        if (!store_batch(answer.result, next_offset)) return false;
        std::lock_guard lock(mutex_);
        if (next_offset >= 0 && (!offset_ || next_offset > *offset_)) {
            // Confirmed only now: every message of the batch is stored.
            if (host_.state_put(kOffsetKey, std::to_string(next_offset))) offset_ = next_offset;
        }
        last_success_at_ms_ = host_.now_ms();
        consecutive_errors_ = 0;
        return true;
    }
    host_.metric("telegram_poll_errors");
    if (answer.status == 401 || answer.status == 404) {
        std::lock_guard lock(mutex_);
        stopped_reason_ = std::string(kInvalidTokenReason) + describe(answer);
        last_error_ = stopped_reason_;
        last_error_at_ms_ = host_.now_ms();
        ++consecutive_errors_;
        host_.error("telegram " + instance_ + ": polling stopped: " + stopped_reason_);
        return true;  // the loop ends on stopped_reason_
    }
    std::string error = "getUpdates: " + describe(answer);
    if (answer.status == 409)
        error += " (another program set a webhook or polls with this bot: connect this instance again, or stop the other one)";
    record_error(error);
    if (answer.status == 429)
        if (auto after = retry_after_ms(answer, response))
            next_wait_ = std::chrono::milliseconds(std::min<int64_t>(*after, kMaxBackoff.count()));
    return false;
}

bool Poller::store_batch(const Json& updates, int64_t& next_offset) {
    for (const Json& update : updates) {
        ParsedUpdate parsed = parse_update(update, staff_config(options_));
        answer_unhandled_press(host_, options_, instance_, parsed);
        for (const sdk::Message& message : parsed.messages) {
            std::string error;
            if (host_.submit(message, &error) == sdk::Host::Submitted::failed) {
                record_error("storing update " + std::to_string(parsed.update_id.value_or(0)) + " failed: " +
                             sdk::escape_control(error));
                return false;  // the same batch is asked for again: nothing is confirmed yet
            }
            host_.metric("telegram_messages");
        }
        if (parsed.update_id) next_offset = std::max(next_offset, *parsed.update_id + 1);
    }
    return true;
}

void Poller::record_error(const std::string& error) {
    std::lock_guard lock(mutex_);
    last_error_ = error;
    last_error_at_ms_ = host_.now_ms();
    ++consecutive_errors_;
    host_.warn("telegram " + instance_ + ": " + error + " (error " + std::to_string(consecutive_errors_) + " in a row)");
}

std::chrono::milliseconds Poller::backoff() const {
    std::lock_guard lock(mutex_);
    const int doublings = std::clamp(consecutive_errors_ - 1, 0, 16);
    return std::min(std::chrono::milliseconds(1000LL << doublings), kMaxBackoff);
}

void Poller::wait(std::chrono::milliseconds delay) {
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, delay, [this] { return stopping_; });
}

}  // namespace leadhub::telegram
