// What the API fakes share: injected faults, the leaky bucket, PHP-style parameters.
#include "support/fake_crm_apis.hpp"

#include <chrono>
#include <thread>

namespace leadhub::testing {

void FaultQueue::add(const std::string& method, Fault fault) {
    std::lock_guard lock(mutex_);
    faults_[method].push_back(std::move(fault));
}

std::optional<Fault> FaultQueue::take(const std::string& method) {
    std::lock_guard lock(mutex_);
    auto it = faults_.find(method);
    if (it == faults_.end() || it->second.empty()) return std::nullopt;
    Fault f = std::move(it->second.front());
    it->second.pop_front();
    return f;
}

int64_t fake_now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

bool LeakyBucket::admit(int64_t now_ms) {
    std::lock_guard lock(mutex_);
    if (last_ms_ != 0) level_ = std::max(0.0, level_ - per_second_ * double(now_ms - last_ms_) / 1000.0);
    last_ms_ = now_ms;
    if (level_ + 1 > capacity_) return false;
    level_ += 1;
    return true;
}

nlohmann::json php_params(const std::string& query) {
    nlohmann::json out = nlohmann::json::object();
    std::size_t start = 0;
    while (start < query.size()) {
        std::size_t end = query.find('&', start);
        if (end == std::string::npos) end = query.size();
        std::string pair = query.substr(start, end - start);
        start = end + 1;
        if (pair.empty()) continue;
        std::size_t eq = pair.find('=');
        std::string key = form_decode(pair.substr(0, eq));
        std::string value = eq == std::string::npos ? "" : form_decode(pair.substr(eq + 1));
        // "a[b][0][c]" -> a, b, 0, c; "a[]" appends.
        std::vector<std::string> parts;
        std::size_t bracket = key.find('[');
        parts.push_back(key.substr(0, bracket));
        while (bracket != std::string::npos) {
            std::size_t close = key.find(']', bracket);
            if (close == std::string::npos) break;
            parts.push_back(key.substr(bracket + 1, close - bracket - 1));
            bracket = key.find('[', close);
        }
        nlohmann::json* at = &out;
        for (std::size_t i = 0; i < parts.size(); ++i) {
            const bool last = i + 1 == parts.size();
            const std::string& part = parts[i];
            if (part.empty()) {  // "[]": the next element of an array
                if (!at->is_array()) *at = nlohmann::json::array();
                at->push_back(last ? nlohmann::json(value) : nlohmann::json::object());
                at = &at->back();
                continue;
            }
            if (!at->is_object()) *at = nlohmann::json::object();
            if (last) (*at)[part] = value;
            else at = &(*at)[part];
        }
    }
    // Numeric keys ("0", "1") stay object keys: the fakes read both shapes.
    return out;
}

PlatformAnswer fault_answer(const Fault& fault, PlatformAnswer own) {
    if (fault.delay_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(fault.delay_ms));
    PlatformAnswer answer = fault.status ? PlatformAnswer{fault.status, fault.body, fault.content_type, fault.headers, false}
                                         : std::move(own);
    answer.drop = fault.drop;
    return answer;
}

}  // namespace leadhub::testing
