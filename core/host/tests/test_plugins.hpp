// Shared helpers of the host tests: where the test plugins are, a scratch directory, and host
// services that record what the plugin did.
#pragma once

#include "host/instance_services.hpp"
#include "host/plugin_library.hpp"

#include <leadhub/sdk/testing/temp_dir.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace leadhub::host::testing {

// The build's test plugin directory (tests/plugins builds them there).
std::filesystem::path test_plugin_dir();
// One test plugin's file, e.g. test_plugin("good") -> .../leadhub-test-good.so
std::filesystem::path test_plugin(const std::string& name);

// The test kit's temp dir, the one temp-dir helper of every test.
using sdk::testing::TempDir;

// Loads a test plugin that must load; a failure fails the calling test with the loader's message.
std::shared_ptr<PluginLibrary> load_good(const std::string& name, const std::filesystem::path& shadow_dir);

// DefaultServices that keep every log line.
class RecordingServices : public DefaultServices {
public:
    RecordingServices();
    std::vector<std::string> logs() const;
    bool logged(const std::string& fragment) const;

private:
    explicit RecordingServices(std::shared_ptr<std::vector<std::string>> lines);
    std::shared_ptr<std::vector<std::string>> lines_;
};

}  // namespace leadhub::host::testing
