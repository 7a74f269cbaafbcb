#include "runtime/logger.hpp"

#include <leadhub/sdk/iso8601.hpp>
#include <leadhub/sdk/safe_text.hpp>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <mutex>

namespace leadhub::app {

namespace {

int64_t system_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// The simulated clock of tests (docs/testing.md, "A simulated clock"): LEADHUB_TEST_CLOCK_FILE
// names a file holding a number of milliseconds to add to the system clock, so a test moves the
// hub to "10:15 on Saturday" without waiting. Read again at most every 20 ms; unset, nothing is
// read and the clock is the system's.
int64_t test_clock_shift_ms() {
    static const char* path = std::getenv("LEADHUB_TEST_CLOCK_FILE");
    if (!path || !*path) return 0;
    static std::mutex mutex;
    static int64_t shift = 0;
    static std::chrono::steady_clock::time_point read_at;
    std::lock_guard lock(mutex);
    auto now = std::chrono::steady_clock::now();
    if (read_at.time_since_epoch().count() != 0 && now - read_at < std::chrono::milliseconds(20)) return shift;
    read_at = now;
    std::ifstream in(path);
    long long value = 0;
    if (in >> value) shift = value;
    return shift;
}

}  // namespace

int64_t now_ms() { return system_ms() + test_clock_shift_ms(); }

bool simulated_clock() {
    const char* path = std::getenv("LEADHUB_TEST_CLOCK_FILE");
    return path && *path;
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
