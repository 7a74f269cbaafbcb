// One-line log records on stderr: "2026-03-10T05:00:00.123Z info  [t1/crm] delivered job 7".
// Every record passes through the secret mask (invariant 7), then its control characters are
// escaped (sdk::escape_control), so a record is exactly one line whatever text it quotes.
#pragma once

#include <leadhub/sdk/abi.h>

#include <functional>
#include <mutex>
#include <ostream>
#include <string>

namespace leadhub::app {

class Logger {
public:
    explicit Logger(std::ostream& out);

    void set_level(lh_log_level level) { level_ = level; }
    void set_mask(std::function<std::string(const std::string&)> mask);

    void log(lh_log_level level, const std::string& scope, const std::string& message);
    void debug(const std::string& scope, const std::string& m) { log(LH_LOG_DEBUG, scope, m); }
    void info(const std::string& scope, const std::string& m) { log(LH_LOG_INFO, scope, m); }
    void warn(const std::string& scope, const std::string& m) { log(LH_LOG_WARN, scope, m); }
    void error(const std::string& scope, const std::string& m) { log(LH_LOG_ERROR, scope, m); }

private:
    std::ostream& out_;
    std::mutex mutex_;
    lh_log_level level_ = LH_LOG_INFO;
    std::function<std::string(const std::string&)> mask_;
};

// The hub's clock (UTC ms): the system's, shifted by LEADHUB_TEST_CLOCK_FILE's content when that
// variable is set (a simulated clock for tests; see logger.cpp).
int64_t now_ms();
// Whether LEADHUB_TEST_CLOCK_FILE is set.
bool simulated_clock();

}  // namespace leadhub::app
