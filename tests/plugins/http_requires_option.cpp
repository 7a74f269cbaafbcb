// A build of a plugin named "http" that requires an option ("api_key") no reload-test config gives:
// loading it works, creating its instances does not, so a hot reload to it must be refused while
// the old http sink keeps delivering.
#include <leadhub/sdk/sdk.hpp>

using namespace leadhub::sdk;

namespace {

class NeedsKey final : public Sink {
public:
    explicit NeedsKey(const Context& ctx) : Sink(ctx) {}
    Outcome deliver(const Delivery&) override { return Outcome::permanent("this build must never deliver"); }
};

PluginInfo info() {
    return {"http", "9.9.9-needs-key", "an http sink build that requires api_key", {"sink"},
            {OptionSpec::string("url", "where to send").is_required(),
             OptionSpec::integer("timeout_ms", "per attempt").with_default(10000).between(100, 120000),
             OptionSpec::string("api_key", "required by this build only").is_required().is_secret()}};
}

std::unique_ptr<Instance> make(const Context& ctx) { return std::make_unique<NeedsKey>(ctx); }

}  // namespace

LEADHUB_PLUGIN(info, make)
