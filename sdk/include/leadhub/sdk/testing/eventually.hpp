// Waiting in a test for something another thread or process does: poll a condition until it
// holds or a deadline passes. The one polling helper of plugin tests and of the hub's own tests.
//
//   REQUIRE(eventually([&] { return host.submitted.size() == 2; }));          // 5 s, every 10 ms
//   CHECK(eventually([&] { return leads() == 3; }, 30s, 100ms));
//
// The result converts to bool and, when Catch2 prints a failed check, says how long it waited:
//   REQUIRE( eventually(...) ) with expansion: not met within 5000 ms (501 polls)
#pragma once

#include <chrono>
#include <functional>
#include <ostream>
#include <thread>

namespace leadhub::sdk::testing {

struct Polled {
    bool met = false;
    std::chrono::milliseconds waited{0};   // from the first poll to the last
    std::chrono::milliseconds timeout{0};  // what the caller allowed
    int polls = 0;

    operator bool() const { return met; }  // so `bool ok = eventually(...)` and `return eventually(...)` work
};

inline std::ostream& operator<<(std::ostream& out, const Polled& p) {
    if (p.met) return out << "met after " << p.waited.count() << " ms (" << p.polls << " polls)";
    return out << "not met within " << p.timeout.count() << " ms (" << p.polls << " polls)";
}

// Polls `done` every `every` until it returns true or `timeout` has passed; polls once more at
// the deadline, so a condition met during the last sleep still counts.
inline Polled eventually(const std::function<bool()>& done, std::chrono::milliseconds timeout = std::chrono::seconds(5),
                         std::chrono::milliseconds every = std::chrono::milliseconds(10)) {
    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    const auto deadline = start + timeout;
    Polled result;
    result.timeout = timeout;
    auto finish = [&](bool met) {
        result.met = met;
        result.waited = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
        return result;
    };
    while (Clock::now() < deadline) {
        ++result.polls;
        if (done()) return finish(true);
        std::this_thread::sleep_for(every);
    }
    ++result.polls;
    return finish(done());
}

}  // namespace leadhub::sdk::testing
