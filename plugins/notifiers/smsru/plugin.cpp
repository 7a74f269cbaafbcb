// Registration only: the manifest, the factory and the C exports of the smsru notifier.
#include "options.hpp"
#include "smsru_notifier.hpp"

#include <leadhub/sdk/plugin.hpp>

namespace {

leadhub::sdk::PluginInfo smsru_info() {
    return {"smsru", "1.0.0", "Texts staff about each lead by SMS through SMS.ru", {"notifier"},
            leadhub::smsru::smsru_options().specs(),
            // SMS.ru publishes no request rate, only per-number and daily limits (codes 206, 230-232):
            // a modest rate; one request at a time keeps the numbers-already-texted record simple.
            {{"rate_per_second", 5}, {"burst", 10}, {"concurrency", 1}, {"timeout_ms", 20000}}};
}

std::unique_ptr<leadhub::sdk::Instance> make_smsru(const leadhub::sdk::Context& ctx) {
    return std::make_unique<leadhub::smsru::SmsRuNotifier>(ctx);
}

}  // namespace

LEADHUB_PLUGIN(smsru_info, make_smsru)
