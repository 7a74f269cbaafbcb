// A plugin whose factory throws: creating an instance must give an error, not a crash.
#include <leadhub/sdk/sdk.hpp>

#include <stdexcept>

using namespace leadhub::sdk;

namespace {

PluginInfo info() { return {"test-factory-throws", "1.0.0", "throws from its factory", {"sink"}, {}}; }

std::unique_ptr<Instance> make(const Context&) { throw std::runtime_error("factory exploded on purpose"); }

}  // namespace

LEADHUB_PLUGIN(info, make)
