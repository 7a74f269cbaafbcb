// AssignmentState over the writer's connection, for the assignment of a lead being created in
// the same transaction. Internal to the store.
#pragma once

#include "store/sqlite/sqlite_connection.hpp"

#include <limits>

namespace leadhub::store {

class SqlAssignmentState final : public AssignmentState {
public:
    // `open_since_ms`: a lead whose last message is older counts as closed (the conversation
    // window); std::numeric_limits<int64_t>::min() when every open lead counts.
    SqlAssignmentState(Connection& db, std::string tenant, int64_t contact_id, int64_t open_since_ms)
        : db_(db), tenant_(std::move(tenant)), contact_id_(contact_id), open_since_ms_(open_since_ms) {}

    int64_t open_leads(const std::string& staff_id) override;
    std::optional<std::string> previous_owner() override;
    std::optional<std::string> get(const std::string& key) override;
    void put(const std::string& key, const std::string& value) override;

private:
    std::string scope() const;

    Connection& db_;
    const std::string tenant_;
    const int64_t contact_id_;
    const int64_t open_since_ms_;
};

}  // namespace leadhub::store
