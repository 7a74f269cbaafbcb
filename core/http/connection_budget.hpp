// How many connections the server holds, in all and per client address, shared by its event
// loops. The total is what `max_connections` caps (a loop at the cap closes its oldest idle
// keep-alive connection, or stops accepting); the per-address count is what
// `max_connections_per_client` caps, so that one client (a flood of idle or slowloris
// connections from one address) cannot take every connection the server has.
//
// Thread-safety: every method may be called from any loop. admit/release take a mutex only when
// a per-client cap is set; the total is an atomic.
#pragma once

#include <atomic>
#include <mutex>
#include <string>
#include <unordered_map>

namespace leadhub::http::detail {

class ConnectionBudget {
public:
    // per_client: the most connections one address may hold; 0 = no per-address cap.
    ConnectionBudget(int max_total, int per_client) : max_total_(max_total), per_client_(per_client) {}

    int max_total() const { return max_total_; }
    int open() const { return open_.load(std::memory_order_relaxed); }
    bool full() const { return open() >= max_total_; }

    // Counts a newly accepted connection from `client` (an address without its port). False when
    // that address already holds per_client connections: nothing is counted then and the caller
    // refuses the connection.
    bool admit(const std::string& client);
    // The connection admitted for `client` is closed.
    void release(const std::string& client);

private:
    const int max_total_;
    const int per_client_;
    std::atomic<int> open_{0};
    std::mutex mutex_;
    std::unordered_map<std::string, int> per_address_;
};

}  // namespace leadhub::http::detail
