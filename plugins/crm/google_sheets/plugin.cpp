// Registration only: the manifest, the factory and the C exports of the google_sheets sink.
#include "options.hpp"
#include "sheets_sink.hpp"

#include <leadhub/sdk/plugin.hpp>

namespace {

leadhub::sdk::PluginInfo google_sheets_info() {
    return {"google_sheets", "1.0.0", "Appends each lead as a row of a Google sheet, through a service account",
            {"sink"}, leadhub::google_sheets::sheets_options().specs(),
            // Google's write quota is 60 a minute per user (a service account is one): 1/s with
            // small bursts, one at a time so rows keep the leads' order.
            {{"rate_per_second", 1}, {"burst", 5}, {"concurrency", 1}, {"timeout_ms", 30000}}};
}

std::unique_ptr<leadhub::sdk::Instance> make_google_sheets(const leadhub::sdk::Context& ctx) {
    return std::make_unique<leadhub::google_sheets::SheetsSink>(ctx);
}

}  // namespace

LEADHUB_PLUGIN(google_sheets_info, make_google_sheets)
