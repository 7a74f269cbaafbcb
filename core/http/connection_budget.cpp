#include "http/connection_budget.hpp"

namespace leadhub::http::detail {

bool ConnectionBudget::admit(const std::string& client) {
    if (per_client_ > 0) {
        std::lock_guard lock(mutex_);
        int& held = per_address_[client];
        if (held >= per_client_) return false;
        ++held;
    }
    open_.fetch_add(1, std::memory_order_relaxed);
    return true;
}

void ConnectionBudget::release(const std::string& client) {
    open_.fetch_sub(1, std::memory_order_relaxed);
    if (per_client_ <= 0) return;
    std::lock_guard lock(mutex_);
    auto it = per_address_.find(client);
    if (it == per_address_.end()) return;
    if (--it->second <= 0) per_address_.erase(it);  // the map holds only addresses with connections
}

}  // namespace leadhub::http::detail
