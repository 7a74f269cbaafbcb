#include "assignment/strategies.hpp"

#include <algorithm>

namespace leadhub::assignment {

const Candidate& pick_round_robin(const std::vector<Candidate>& available, const std::vector<std::string>& order,
                                  const std::string& turn_key, store::AssignmentState& state) {
    auto available_as = [&](const std::string& id) {
        return std::find_if(available.begin(), available.end(), [&](const Candidate& c) { return c.person->id == id; });
    };
    const Candidate* chosen = &available.front();
    if (auto last = state.get(turn_key)) {
        auto at = std::find(order.begin(), order.end(), *last);
        std::size_t start = at == order.end() ? order.size() - 1 : static_cast<std::size_t>(at - order.begin());
        for (std::size_t step = 1; step <= order.size(); ++step) {
            auto it = available_as(order[(start + step) % order.size()]);
            if (it != available.end()) {
                chosen = &*it;
                break;
            }
        }
    }
    state.put(turn_key, chosen->person->id);
    return *chosen;
}

const Candidate& pick_least_open(const std::vector<Candidate>& available) {
    return *std::min_element(available.begin(), available.end(),
                             [](const Candidate& a, const Candidate& b) { return a.open < b.open; });
}

}  // namespace leadhub::assignment
