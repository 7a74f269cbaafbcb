// An AssignmentState in memory: open counts set by the test, turns kept in a map.
#pragma once

#include "store/store.hpp"

#include <map>

namespace leadhub::assignment::testing {

struct FakeState : store::AssignmentState {
    std::map<std::string, int64_t> open;
    std::optional<std::string> owner;
    std::map<std::string, std::string> values;

    int64_t open_leads(const std::string& staff_id) override {
        auto it = open.find(staff_id);
        return it == open.end() ? 0 : it->second;
    }
    std::optional<std::string> previous_owner() override { return owner; }
    std::optional<std::string> get(const std::string& key) override {
        auto it = values.find(key);
        if (it == values.end()) return std::nullopt;
        return it->second;
    }
    void put(const std::string& key, const std::string& value) override { values[key] = value; }
};

}  // namespace leadhub::assignment::testing
