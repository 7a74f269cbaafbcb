#include "host/instance_services.hpp"

#include "host/http_client.hpp"

#include <chrono>
#include <iostream>

namespace leadhub::host {
namespace {

const char* level_name(lh_log_level level) {
    switch (level) {
        case LH_LOG_DEBUG: return "debug";
        case LH_LOG_INFO: return "info";
        case LH_LOG_WARN: return "warn";
        case LH_LOG_ERROR: return "error";
    }
    return "info";
}

}  // namespace

void DefaultServices::log(lh_log_level level, const std::string& message) {
    if (log_sink_) {
        log_sink_(level, message);
        return;
    }
    std::lock_guard lock(mutex_);
    std::cerr << "[" << level_name(level) << "] " << message << '\n';
}

int64_t DefaultServices::now_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

sdk::HttpResponse DefaultServices::http(const sdk::HttpRequest& request) { return http_perform(request); }

std::optional<std::string> DefaultServices::state_get(const std::string& key) {
    std::lock_guard lock(mutex_);
    auto it = state_.find(key);
    if (it == state_.end()) return std::nullopt;
    return it->second;
}

bool DefaultServices::state_put(const std::string& key, const std::string& value) {
    std::lock_guard lock(mutex_);
    state_[key] = value;
    return true;
}

void DefaultServices::metric_add(const std::string& name, double value) {
    std::lock_guard lock(mutex_);
    metrics_[name] += value;
}

bool DefaultServices::register_route(const std::string& method, const std::string& path) {
    std::lock_guard lock(mutex_);
    routes_.emplace_back(method, path);
    return true;
}

SubmitResult DefaultServices::submit(const nlohmann::json& message) {
    if (!message.is_object()) return {LH_ERROR, "a message must be a JSON object"};
    std::lock_guard lock(mutex_);
    auto id = message.find("external_message_id");
    if (id != message.end() && id->is_string()) {
        for (const auto& seen : submitted_)
            if (seen.value("external_message_id", nlohmann::json()) == *id) return {LH_DUPLICATE, ""};
    }
    submitted_.push_back(message);
    return {LH_OK, ""};
}

double DefaultServices::metric(const std::string& name) const {
    std::lock_guard lock(mutex_);
    auto it = metrics_.find(name);
    return it == metrics_.end() ? 0 : it->second;
}

std::vector<std::pair<std::string, std::string>> DefaultServices::routes() const {
    std::lock_guard lock(mutex_);
    return routes_;
}

std::vector<nlohmann::json> DefaultServices::submitted() const {
    std::lock_guard lock(mutex_);
    return submitted_;
}

}  // namespace leadhub::host
