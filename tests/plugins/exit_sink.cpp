// Calls exit(3) when set off: a library that ends the process it runs in.
#include "misbehaving_sink.hpp"

#include <cstdlib>

namespace {
void quit() { std::exit(3); }
}  // namespace

LEADHUB_MISBEHAVING_SINK("test-exit-sink", "exits the process on the trigger text", &quit)
