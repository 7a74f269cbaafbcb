// A processor that works but whose manifest is careless: a version that is not semantic and an
// option without help text. The host loads it; check-plugin must name both problems.
#include <leadhub/sdk/sdk.hpp>

using namespace leadhub::sdk;

namespace {

class Sloppy final : public Processor {
public:
    using Processor::Processor;
    ReadingResult read(const ReadingRequest&) override { return ReadingResult::ok({}); }
};

PluginInfo info() {
    return {"kit-sloppy-manifest", "v1", "careless manifest", {"processor"},
            {OptionSpec::integer("level", "").with_default(1)}};
}

std::unique_ptr<Instance> make(const Context& ctx) { return std::make_unique<Sloppy>(ctx); }

}  // namespace

LEADHUB_PLUGIN(info, make)
