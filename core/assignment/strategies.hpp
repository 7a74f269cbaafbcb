// The strategies that pick one person (or offer to all) among the available candidates.
// Internal to routing.
#pragma once

#include "config/config.hpp"
#include "store/store.hpp"

#include <string>
#include <vector>

namespace leadhub::assignment {

// A candidate with what the reason tells about them.
struct Candidate {
    const config::StaffConfig* person = nullptr;
    int64_t open = 0;  // open leads now
};

// The first available person after the last one picked under `turn_key`, going round `order`
// (every candidate, available or not, in the order of the rule's staff list or of the staff
// section): someone off shift keeps their place in the circle. The turn is stored in `state`,
// so it survives a restart and is shared by every lead of the tenant.
const Candidate& pick_round_robin(const std::vector<Candidate>& available, const std::vector<std::string>& order,
                                  const std::string& turn_key, store::AssignmentState& state);
// The fewest open leads; a tie goes to the earlier in candidate order.
const Candidate& pick_least_open(const std::vector<Candidate>& available);

}  // namespace leadhub::assignment
