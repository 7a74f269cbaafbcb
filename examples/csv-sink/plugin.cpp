// Registration only: the manifest, the factory and the C exports of the CSV sink.
#include "csv_sink.hpp"
#include "options.hpp"

#include <leadhub/sdk/plugin.hpp>

namespace {

leadhub::sdk::PluginInfo csv_info() {
    return {"csv", "1.0.0", "Appends each lead as a row of a CSV file that Excel, LibreOffice and Google Sheets open",
            {"sink"}, csv_sink::csv_sink_options().specs(),
            // One writer at a time keeps rows whole and numbered in order; a local disk needs no rate limit.
            {{"concurrency", 1}, {"timeout_ms", 10000}}};
}

std::unique_ptr<leadhub::sdk::Instance> make_csv(const leadhub::sdk::Context& ctx) {
    return std::make_unique<csv_sink::CsvSink>(ctx);
}

}  // namespace

LEADHUB_PLUGIN(csv_info, make_csv)
