#include "support/hub_config.hpp"

#include <sstream>
#include <utility>

namespace leadhub::testing {

HubConfigHead& HubConfigHead::log_level(std::string level) {
    log_level_ = std::move(level);
    return *this;
}

HubConfigHead& HubConfigHead::plugin_dir(std::string dir) {
    plugin_dirs_.push_back(std::move(dir));
    return *this;
}

HubConfigHead& HubConfigHead::watch_plugins() {
    watch_plugins_ = true;
    return *this;
}

HubConfigHead& HubConfigHead::dispatch(std::string backoff, int max_attempts) {
    backoff_ = std::move(backoff);
    max_attempts_ = max_attempts;
    return *this;
}

std::string HubConfigHead::yaml() const {
    std::ostringstream y;
    y << "version: 1\n"
      << "listen: 127.0.0.1:" << port_ << "\n"
      << "admin:\n  token: ${LEADHUB_ADMIN_TOKEN}\n"
      << "storage:\n  path: leadhub.db\n";
    if (!log_level_.empty()) y << "logging:\n  level: " << log_level_ << "\n";
    if (!plugin_dirs_.empty()) {
        y << "plugins:\n  dirs: [";
        for (std::size_t i = 0; i < plugin_dirs_.size(); ++i) y << (i ? ", '" : "'") << plugin_dirs_[i] << "'";
        y << "]\n";
        if (watch_plugins_) y << "  watch: true\n";
    }
    if (!backoff_.empty()) {
        y << "dispatch:\n";
        if (max_attempts_ > 0) y << "  max_attempts: " << max_attempts_ << "\n";
        y << "  backoff: " << backoff_ << "\n";
    }
    y << "tenants:\n"
      << "  - id: t1\n";
    return y.str();
}

std::string site_webform_source() {
    return "    sources:\n"
           "      - {name: site, plugin: webform}\n";
}

CrmHttpSink& CrmHttpSink::timeout_ms(int ms) {
    timeout_ms_ = ms;
    return *this;
}

CrmHttpSink& CrmHttpSink::unlimited_rate() {
    unlimited_rate_ = true;
    return *this;
}

CrmHttpSink& CrmHttpSink::concurrency(int n) {
    concurrency_ = n;
    return *this;
}

CrmHttpSink& CrmHttpSink::timeout(std::string duration) {
    timeout_ = std::move(duration);
    return *this;
}

std::string CrmHttpSink::yaml() const {
    std::ostringstream y;
    y << "      - name: crm\n"
      << "        plugin: http\n"
      << "        options: {url: 'http://127.0.0.1:" << receiver_port_ << "/leads'";
    if (timeout_ms_ > 0) y << ", timeout_ms: " << timeout_ms_;
    y << "}\n";
    if (unlimited_rate_) y << "        rate: {per_second: 1000, burst: 1000}\n";
    if (concurrency_ > 0) y << "        concurrency: " << concurrency_ << "\n";
    if (!timeout_.empty()) y << "        timeout: " << timeout_ << "\n";
    return y.str();
}

}  // namespace leadhub::testing
