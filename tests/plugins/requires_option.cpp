// A plugin with a required option. Its factory logs through the host, so a test sees whether any
// plugin code ran for options that failed validation.
#include <leadhub/sdk/sdk.hpp>

using namespace leadhub::sdk;

namespace {

class RequiresOption final : public Sink {
public:
    explicit RequiresOption(const Context& ctx) : Sink(ctx) {
        host().info("requires_option: create ran with token " + options().str("token"));
    }
    Outcome deliver(const Delivery&) override { return Outcome::ok(options().str("token")); }
};

PluginInfo info() {
    return {"test-requires-option", "1.0.0", "needs a token", {"sink"},
            {OptionSpec::string("token", "the API token").is_required().is_secret(),
             OptionSpec::integer("limit", "a bound").with_default(5).between(1, 10)}};
}

std::unique_ptr<Instance> make(const Context& ctx) { return std::make_unique<RequiresOption>(ctx); }

}  // namespace

LEADHUB_PLUGIN(info, make)
