// A processor whose start never returns (a dependency that never answers): check-plugin must
// give up on that check after its timeout and report a FAIL.
#include <leadhub/sdk/sdk.hpp>

#include <chrono>
#include <thread>

using namespace leadhub::sdk;

namespace {

class HangsInStart final : public Processor {
public:
    using Processor::Processor;
    void start() override { std::this_thread::sleep_for(std::chrono::hours(1)); }
    ReadingResult read(const ReadingRequest&) override { return ReadingResult::ok({}); }
};

PluginInfo info() { return {"kit-hangs-in-start", "1.0.0", "never finishes starting", {"processor"}, {}}; }

std::unique_ptr<Instance> make(const Context& ctx) { return std::make_unique<HangsInStart>(ctx); }

}  // namespace

LEADHUB_PLUGIN(info, make)
