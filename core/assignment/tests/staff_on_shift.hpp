// A staff member with one weekly shift, for the schedule tests (the clock of a shift is what they
// check; the person's id is never looked at).
#pragma once

#include "config/config.hpp"

#include <utility>
#include <vector>

namespace leadhub::assignment::testing {

// On `days` (0 = Monday) from minute `from` to minute `to` of the local day.
inline config::StaffConfig with_shift(std::vector<int> days, int from, int to) {
    config::StaffConfig person;
    person.id = "olga";
    person.shifts.push_back({std::move(days), from, to});
    return person;
}

}  // namespace leadhub::assignment::testing
