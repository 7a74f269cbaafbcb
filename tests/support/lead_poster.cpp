#include "support/lead_poster.hpp"

#include "support/http_call.hpp"

#include <leadhub/sdk/json.hpp>

namespace leadhub::testing {

LeadPoster::LeadPoster(int port, Options options) : port_(port), options_(std::move(options)) {
    for (int t = 0; t < options_.threads; ++t) threads_.emplace_back([this] { post_until_stopped(); });
}

LeadPoster::~LeadPoster() { stop(); }

void LeadPoster::stop() {
    posting_ = false;
    for (auto& t : threads_)
        if (t.joinable()) t.join();
}

std::set<std::string> LeadPoster::acknowledged() const {
    std::lock_guard lock(mutex_);
    return acknowledged_;
}

std::map<int, int> LeadPoster::refusals() const {
    std::lock_guard lock(mutex_);
    return refusals_;
}

void LeadPoster::post_until_stopped() {
    while (posting_) {
        int n = ++counter_;
        std::string marker = "lead-" + std::to_string(n);
        std::string phone = "8913" + std::to_string(1000000 + n);
        nlohmann::json body = {{"name", "Анна"}, {"phone", phone}, {"message", marker}};
        auto r = http_call(port_, "POST", options_.path, body.dump(), {{"Content-Type", "application/json"}},
                           options_.timeout_ms);
        {
            std::lock_guard lock(mutex_);
            if (r.status == 200) {
                acknowledged_.insert(marker);
            } else {
                refused_++;
                refusals_[r.status]++;
            }
        }
        // No answer: the hub is restarting; do not spin against a closed port.
        if (r.status == 0) std::this_thread::sleep_for(std::chrono::milliseconds(20));
        if (options_.pause.count()) std::this_thread::sleep_for(options_.pause);
    }
}

}  // namespace leadhub::testing
