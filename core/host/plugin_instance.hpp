// One running instance of a plugin: a tenant's "telegram-main" or "bitrix24" with its own options.
//
// Lifecycle: create() -> start() -> calls (handle_http / deliver / process, concurrently from any
// number of threads) -> stop() -> destruction (which stops first if needed, then calls the plugin's
// destroy). start and stop wait for calls in flight and are never run at the same time as any call,
// as the ABI promises the plugin. Calls on an instance that is not running are refused with a value,
// not passed to the plugin.
//
// Every result coming back from the plugin is checked: a webhook result that is not JSON or has no
// status becomes a 500, an outcome that is not JSON becomes a retry, an exception that escapes the
// plugin becomes an error/500/retry. Nothing here throws to the caller.
//
// The instance holds its PluginLibrary, so the library stays loaded while the instance exists, even
// after the registry has replaced or forgotten it.
#pragma once

#include "host/instance.hpp"
#include "host/instance_services.hpp"
#include "host/plugin_library.hpp"

#include <leadhub/sdk/types.hpp>

#include <nlohmann/json.hpp>

#include <chrono>
#include <memory>
#include <shared_mutex>
#include <string>

namespace leadhub::host {

class HostApiBridge;
class PluginInstance;

struct CreateResult {
    std::shared_ptr<PluginInstance> instance;  // set on success
    std::string error;                         // set on failure: names the library and the instance

    explicit operator bool() const { return instance != nullptr; }
};

class PluginInstance final : public Instance {
public:
    // Validates `options` against the manifest first (every problem listed, no plugin code run when
    // any is found), then calls the plugin's create with the options, defaults filled in.
    static CreateResult create(std::shared_ptr<PluginLibrary> library, std::string tenant, std::string instance_name,
                               const nlohmann::json& options, std::shared_ptr<InstanceServices> services);

    ~PluginInstance() override;
    PluginInstance(const PluginInstance&) = delete;
    PluginInstance& operator=(const PluginInstance&) = delete;

    // "" on success, otherwise why the plugin refused to start. Only a fresh instance can start.
    std::string start() override;
    // Stops a running instance; does nothing otherwise.
    void stop() override;
    // Stops like stop(), but gives calls in flight at most `limit` to return. False when they did
    // not (the instance keeps running them and its destructor stops it once they return). Hot reload
    // uses this to retire a replaced instance without waiting forever on a hanging call.
    bool stop_within(std::chrono::milliseconds limit) override;

    WebhookAnswer handle_http(const sdk::HttpRequest& request) override;
    sdk::Outcome deliver(const nlohmann::json& delivery) override;
    // The processor's output, or {"error": "..."} when it failed.
    nlohmann::json process(const nlohmann::json& input) override;
    // The plugin's answer to an operator's action, or {"error": "..."} (also from a plugin built
    // before the control entry existed).
    nlohmann::json control(const nlohmann::json& request) override;

    const std::shared_ptr<PluginLibrary>& library() const override { return library_; }
    const std::string& tenant() const { return tenant_; }
    const std::string& name() const { return name_; }
    // The options as the plugin received them: validated, defaults filled in.
    const nlohmann::json& options() const { return options_; }
    bool running() const override;

private:
    enum class State { created, running, stopped, failed };

    PluginInstance(std::shared_ptr<PluginLibrary> library, std::string tenant, std::string name,
                   std::shared_ptr<InstanceServices> services);
    // "leadhub-x.so, instance 'crm' of tenant 'salon'": the prefix of every message about this instance.
    std::string label() const;
    // Why a call cannot go to the plugin right now, or "" when it can. Caller holds the shared lock.
    std::string not_running_reason() const;
    // stop() once the caller holds the exclusive lock.
    void stop_locked();

    // Declared first so it is destroyed last: the code of every other member's plugin calls lives there.
    std::shared_ptr<PluginLibrary> library_;
    std::string tenant_;
    std::string name_;
    nlohmann::json options_;
    std::unique_ptr<HostApiBridge> bridge_;
    void* handle_ = nullptr;
    bool created_ = false;
    State state_ = State::created;
    mutable std::shared_timed_mutex lifecycle_;  // timed: stop_within
};

}  // namespace leadhub::host
