#include "runtime/logger.hpp"

#include <leadhub/sdk/iso8601.hpp>
#include <leadhub/sdk/safe_text.hpp>

#include <chrono>

namespace leadhub::app {

int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

Logger::Logger(std::ostream& out) : out_(out) {}

void Logger::set_mask(std::function<std::string(const std::string&)> mask) {
    std::lock_guard lock(mutex_);
    mask_ = std::move(mask);
}

void Logger::log(lh_log_level level, const std::string& scope, const std::string& message) {
    if (level < level_) return;
    static const char* names[] = {"debug", "info ", "warn ", "error"};
    std::string text = (scope.empty() ? "" : "[" + scope + "] ") + message;
    std::lock_guard lock(mutex_);
    // Masked first, so a secret with a line break in it (a key read from a file) is still found.
    if (mask_) text = mask_(text);
    // Then one record is one line, whoever wrote the message: the hub quoting a client's field
    // name, a plugin through the host services, a plugin process through the hub. A line break
    // in it would start a line that reads like a genuine record (log injection).
    if (!sdk::is_safe_text(text)) text = sdk::escape_control(text);
    out_ << sdk::iso8601_utc(now_ms()) << ' ' << names[level] << ' ' << text << '\n';
    out_.flush();
}

}  // namespace leadhub::app
