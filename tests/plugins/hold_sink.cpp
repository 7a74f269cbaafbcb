// A sink that is stuck for as long as a file exists: while the file named by option `hold_file`
// is there, deliver() waits inside the plugin; once it is removed, it logs, counts and answers ok.
// A test makes it hang through a hub's stop and lets it return whenever it likes (the moment a
// stuck CRM call finally answers), then sees the job delivered after a restart.
#include <leadhub/sdk/sdk.hpp>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

using namespace leadhub::sdk;

namespace {

class HoldSink final : public Sink {
public:
    explicit HoldSink(const Context& ctx) : Sink(ctx) {}

    Outcome deliver(const Delivery& delivery) override {
        const std::string file = options().str("hold_file");
        std::error_code ignored;
        while (!file.empty() && std::filesystem::exists(file, ignored))
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        // Host services after a long wait: the hub that made the call may have stopped meanwhile.
        host().info("job " + std::to_string(delivery.job_id) + " let go");
        host().metric("hold.returned");
        return Outcome::ok("held-" + std::to_string(delivery.job_id));
    }
};

PluginInfo plugin_info() {
    return {"test-hold-sink", "1.0.0", "waits inside deliver while a file exists", {"sink"},
            {OptionSpec::string("hold_file", "while this file exists, a delivery waits").with_default("")}};
}

std::unique_ptr<Instance> make(const Context& ctx) { return std::make_unique<HoldSink>(ctx); }

}  // namespace

LEADHUB_PLUGIN(plugin_info, make)
