// A sink that loads and starts fine but kills its process in deliver, the way a null pointer in
// a real plugin would: check-plugin must report a FAIL and carry on, not crash itself.
#include <leadhub/sdk/sdk.hpp>

#include <csignal>

using namespace leadhub::sdk;

namespace {

class CrashesInDeliver final : public Sink {
public:
    using Sink::Sink;
    Outcome deliver(const Delivery&) override {
        std::raise(SIGSEGV);
        return Outcome::ok("unreachable");
    }
};

PluginInfo info() { return {"kit-crashes-in-deliver", "1.0.0", "segfaults in deliver", {"sink"}, {}}; }

std::unique_ptr<Instance> make(const Context& ctx) { return std::make_unique<CrashesInDeliver>(ctx); }

}  // namespace

LEADHUB_PLUGIN(info, make)
