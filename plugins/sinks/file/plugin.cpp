// Registration only: the manifest, the factory and the C exports of the file sink.
#include "file_sink.hpp"
#include "options.hpp"

#include <leadhub/sdk/plugin.hpp>

namespace {

leadhub::sdk::PluginInfo file_info() {
    return {"file", "1.0.0", "Appends each lead as a JSON line to a local file: the offline demo's CRM",
            {"sink"}, leadhub::file_sink::file_sink_options().specs(),
            // One writer at a time keeps line numbers in order; a local disk needs no rate limit.
            {{"concurrency", 1}, {"timeout_ms", 10000}}};
}

std::unique_ptr<leadhub::sdk::Instance> make_file(const leadhub::sdk::Context& ctx) {
    return std::make_unique<leadhub::file_sink::FileSink>(ctx);
}

}  // namespace

LEADHUB_PLUGIN(file_info, make_file)
