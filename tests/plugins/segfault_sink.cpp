// Dereferences a null pointer when set off: the SIGSEGV of a buggy native plugin.
#include "misbehaving_sink.hpp"

namespace {
void segfault() {
    volatile int* nowhere = nullptr;
    *nowhere = 42;
}
}  // namespace

LEADHUB_MISBEHAVING_SINK("test-segfault-sink", "segfaults on the trigger text", &segfault)
