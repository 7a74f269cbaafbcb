// Registration only: the manifest, the factory and the C exports of the smsc notifier.
#include "options.hpp"
#include "smsc_notifier.hpp"

#include <leadhub/sdk/plugin.hpp>

namespace {

leadhub::sdk::PluginInfo smsc_info() {
    return {"smsc", "1.0.0", "Texts staff about each lead by SMS through SMSC.ru", {"notifier"},
            leadhub::smsc::smsc_options().specs(),
            // SMSC publishes no request rate; it blocks an IP after frequent errors (code 4) and
            // refuses identical requests within a minute (code 9): a modest rate, one at a time.
            {{"rate_per_second", 5}, {"burst", 10}, {"concurrency", 1}, {"timeout_ms", 20000}}};
}

std::unique_ptr<leadhub::sdk::Instance> make_smsc(const leadhub::sdk::Context& ctx) {
    return std::make_unique<leadhub::smsc::SmscNotifier>(ctx);
}

}  // namespace

LEADHUB_PLUGIN(smsc_info, make_smsc)
