#include "test_plugins.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <atomic>
#include <mutex>

namespace leadhub::host::testing {

namespace fs = std::filesystem;

fs::path test_plugin_dir() { return fs::path(LEADHUB_BINARY_DIR) / "lib" / "leadhub" / "test-plugins"; }

fs::path test_plugin(const std::string& name) { return test_plugin_dir() / ("leadhub-test-" + name + ".so"); }

std::shared_ptr<PluginLibrary> load_good(const std::string& name, const fs::path& shadow_dir) {
    LoadResult loaded = PluginLibrary::load(test_plugin(name), shadow_dir);
    INFO(loaded.error);
    REQUIRE(loaded);
    return loaded.library;
}

namespace {
// Log lines arrive from plugin threads; the sink and the reader share this lock.
std::mutex log_mutex;
}  // namespace

RecordingServices::RecordingServices() : RecordingServices(std::make_shared<std::vector<std::string>>()) {}

RecordingServices::RecordingServices(std::shared_ptr<std::vector<std::string>> lines)
    : DefaultServices([lines](lh_log_level, const std::string& message) {
          std::lock_guard lock(log_mutex);
          lines->push_back(message);
      }),
      lines_(std::move(lines)) {}

std::vector<std::string> RecordingServices::logs() const {
    std::lock_guard lock(log_mutex);
    return *lines_;
}

bool RecordingServices::logged(const std::string& fragment) const {
    for (const auto& line : logs())
        if (line.find(fragment) != std::string::npos) return true;
    return false;
}

}  // namespace leadhub::host::testing
