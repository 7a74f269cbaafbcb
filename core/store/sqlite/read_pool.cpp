#include "store/sqlite/read_pool.hpp"

namespace leadhub::store {

ReadPool::ReadPool(std::string path, int busy_timeout_ms, std::size_t max_idle)
    : path_(std::move(path)), busy_timeout_ms_(busy_timeout_ms), max_idle_(max_idle) {}

ReadPool::Lease::Lease(ReadPool& pool, std::unique_ptr<Connection> connection)
    : pool_(&pool), connection_(std::move(connection)) {}

ReadPool::Lease::~Lease() {
    if (connection_) pool_->give_back(std::move(connection_));
}

ReadPool::Lease ReadPool::acquire() {
    {
        std::lock_guard lock(mutex_);
        if (!idle_.empty()) {
            auto connection = std::move(idle_.back());
            idle_.pop_back();
            return Lease(*this, std::move(connection));
        }
    }
    // Opened outside the lock: opening touches the disk and must not hold up other readers.
    return Lease(*this, std::make_unique<Connection>(path_, Connection::Mode::reader, busy_timeout_ms_));
}

void ReadPool::give_back(std::unique_ptr<Connection> connection) {
    std::lock_guard lock(mutex_);
    if (idle_.size() < max_idle_) idle_.push_back(std::move(connection));
}

}  // namespace leadhub::store
