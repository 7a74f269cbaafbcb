// Never returns when set off: a plugin stuck in a loop or on a lock.
#include "misbehaving_sink.hpp"

#include <chrono>
#include <thread>

namespace {
void hang() {
    for (;;) std::this_thread::sleep_for(std::chrono::hours(1));
}
}  // namespace

LEADHUB_MISBEHAVING_SINK("test-hang-sink", "hangs on the trigger text", &hang)
