// What the hub calls on a running plugin instance, whether its plugin runs in the hub's own
// process (PluginInstance) or in a child process of its own (isolation::ProcessInstance).
//
// The contract of every method is PluginInstance's (see plugin_instance.hpp): nothing throws to the
// caller, problems come back as values (a 5xx webhook result, a retry or permanent outcome, a
// processor output {"error": ...}).
#pragma once

#include "host/plugin_library.hpp"
#include "host/webhook_answer.hpp"

#include <leadhub/sdk/types.hpp>

#include <nlohmann/json.hpp>

#include <chrono>
#include <memory>
#include <string>

namespace leadhub::host {

class Instance {
public:
    virtual ~Instance() = default;

    // "" on success, otherwise why the plugin refused to start.
    virtual std::string start() = 0;
    virtual void stop() = 0;
    // Stops like stop(), but gives calls in flight at most `limit` to return; false when they did
    // not (hot reload retires a replaced instance this way without waiting forever on a hang).
    virtual bool stop_within(std::chrono::milliseconds limit) = 0;

    virtual WebhookAnswer handle_http(const sdk::HttpRequest& request) = 0;
    virtual sdk::Outcome deliver(const nlohmann::json& delivery) = 0;
    virtual nlohmann::json process(const nlohmann::json& input) = 0;
    // An operator's action (abi.h, `control`): the plugin's JSON answer, or {"error": ...}.
    virtual nlohmann::json control(const nlohmann::json& request) = 0;

    virtual bool running() const = 0;
    // The library the instance runs (in the hub, or in its child process): a config reload keeps
    // an instance only while its library is still the registry's current one.
    virtual const std::shared_ptr<PluginLibrary>& library() const = 0;
    // Why the instance gave up for good after it started (a process-isolated plugin that kept
    // crashing), or "" while it is fine. An in-process instance never gives up this way.
    virtual std::string failure() const { return {}; }
};

}  // namespace leadhub::host
