// A plugin whose start() throws (an unreachable dependency at start-up).
#include <leadhub/sdk/sdk.hpp>

#include <stdexcept>

using namespace leadhub::sdk;

namespace {

class StartThrows final : public Sink {
public:
    using Sink::Sink;
    void start() override { throw std::runtime_error("start exploded on purpose"); }
    Outcome deliver(const Delivery&) override { return Outcome::ok("never"); }
};

PluginInfo info() { return {"test-start-throws", "1.0.0", "throws from start", {"sink"}, {}}; }

std::unique_ptr<Instance> make(const Context& ctx) { return std::make_unique<StartThrows>(ctx); }

}  // namespace

LEADHUB_PLUGIN(info, make)
