// One plugin instance driven straight through its C function table, with the hub's real host
// services. The conformance suite uses it where the host's own PluginInstance would hide what the
// plugin actually did: the raw text of a result (PluginInstance repairs a malformed one) and a
// C++ exception escaping across the C boundary (which PluginInstance catches as a last resort).
#pragma once

#include "host/instance_services.hpp"
#include "host/plugin_library.hpp"

#include <leadhub/sdk/types.hpp>

#include <nlohmann/json.hpp>

#include <memory>
#include <string>

namespace leadhub::kit {

class HostApiBridgeHolder;

// What one call left behind.
struct RawCall {
    std::string output;   // the bytes the plugin wrote to the result writer
    std::string escaped;  // non-empty: an exception crossed the C boundary, with its message
    bool function_missing = false;  // the table has no such function
};

class RawInstance {
public:
    // Validates `options` against the manifest as the host does, then calls the plugin's create.
    // Returns nullptr and sets `error` on failure (invalid options, create refused or threw).
    static std::unique_ptr<RawInstance> create(std::shared_ptr<host::PluginLibrary> library,
                                               const nlohmann::json& options, std::string& error);
    ~RawInstance();  // stops when started, then destroys
    RawInstance(const RawInstance&) = delete;
    RawInstance& operator=(const RawInstance&) = delete;

    // "" when started, else the plugin's reason.
    std::string start();
    RawCall handle_http(const sdk::HttpRequest& request);
    RawCall deliver(const std::string& delivery_json);
    RawCall process(const std::string& input_json);

    host::DefaultServices& services() { return *services_; }

private:
    RawInstance() = default;

    std::shared_ptr<host::PluginLibrary> library_;
    std::shared_ptr<host::DefaultServices> services_;
    std::unique_ptr<HostApiBridgeHolder> bridge_;
    void* handle_ = nullptr;
    bool started_ = false;
};

}  // namespace leadhub::kit
