// Read connections, shared by the threads that read. A reader borrows a connection for one
// call and gives it back; a new one is opened when all are busy, so a reader never waits for
// another reader, and (WAL) never for the writer.
#pragma once

#include "store/sqlite/sqlite_connection.hpp"

#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace leadhub::store {

class ReadPool {
public:
    ReadPool(std::string path, int busy_timeout_ms, std::size_t max_idle);

    class Lease {
    public:
        Lease(ReadPool& pool, std::unique_ptr<Connection> connection);
        Lease(Lease&&) = default;
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        Lease& operator=(Lease&&) = delete;
        ~Lease();
        Connection& operator*() { return *connection_; }
        Connection* operator->() { return connection_.get(); }

    private:
        ReadPool* pool_;
        std::unique_ptr<Connection> connection_;
    };

    Lease acquire();

private:
    void give_back(std::unique_ptr<Connection> connection);

    const std::string path_;
    const int busy_timeout_ms_;
    const std::size_t max_idle_;  // more idle connections than this are closed, not kept
    std::mutex mutex_;
    std::vector<std::unique_ptr<Connection>> idle_;
};

}  // namespace leadhub::store
