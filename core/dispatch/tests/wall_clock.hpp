// The wall clock in milliseconds since the epoch, the time the dispatcher's jobs are due by.
#pragma once

#include <chrono>
#include <cstdint>

namespace leadhub::dispatch::testing {

inline int64_t wall_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace leadhub::dispatch::testing
