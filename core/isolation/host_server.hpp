// The child side of `isolation: process`: serves one plugin instance to the hub over a
// FrameChannel. It runs the plugin through the same host::PluginInstance the hub uses in-process,
// so options, results and exceptions are checked exactly as they would be there.
//
// Requests from the hub (each answered with op "re" and the request's id):
//   {"op": "create", "tenant": T, "name": N, "options": {...}}  -> {"ok": true} | {"error": "..."}
//   {"op": "start"}                                             -> {"ok": true} | {"error": "..."}
//   {"op": "stop"}                                              -> {"ok": true}
//   {"op": "deliver", "delivery": {...}}                        -> {"outcome": Outcome}
//   {"op": "process", "input": {...}}                           -> {"output": ...}
//   {"op": "control", "request": {...}}                         -> {"output": ...}
//   {"op": "handle_http", "request": wire request}             -> {"result": WebhookResult}
//   {"op": "shutdown"}                                          -> {"ok": true}, then the process exits
// Every request runs on a worker thread of its own (a pool that grows to the number of calls in
// flight), so a slow call never holds up another one or the answers to the plugin's service calls,
// which the reading thread hands over directly.
#pragma once

#include "isolation/frame_channel.hpp"

#include "host/plugin_instance.hpp"
#include "host/plugin_library.hpp"

#include <memory>
#include <mutex>

namespace leadhub::isolation {

class HostServer {
public:
    HostServer(std::shared_ptr<host::PluginLibrary> library, FrameChannel& channel);

    // Serves until the hub asks for shutdown or goes away; returns the process exit code. Does not
    // return normally after a shutdown request: the worker that answered it ends the process.
    int run();

private:
    void serve(const nlohmann::json& request);
    nlohmann::json answer(const nlohmann::json& request);
    std::shared_ptr<host::PluginInstance> instance() const;

    std::shared_ptr<host::PluginLibrary> library_;
    FrameChannel& channel_;
    mutable std::mutex mutex_;
    std::shared_ptr<host::PluginInstance> instance_;
};

}  // namespace leadhub::isolation
