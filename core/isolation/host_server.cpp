#include "isolation/host_server.hpp"

#include "isolation/forwarding_services.hpp"
#include "isolation/wire.hpp"
#include "isolation/worker_pool.hpp"

#include <cstdlib>
#include <exception>
#include <unistd.h>

namespace leadhub::isolation {

using nlohmann::json;

HostServer::HostServer(std::shared_ptr<host::PluginLibrary> library, FrameChannel& channel)
    : library_(std::move(library)), channel_(channel) {}

std::shared_ptr<host::PluginInstance> HostServer::instance() const {
    std::lock_guard lock(mutex_);
    return instance_;
}

int HostServer::run() {
    // Its tasks use this server and the channel, which outlive every worker: after run() returns
    // the process ends with _Exit (plugin_host_main.cpp) and never destroys them.
    WorkerPool pool;
    for (;;) {
        std::string error;
        auto message = channel_.read(error);
        // The hub is gone (or wrote garbage): nobody is left to answer, so leave at once without
        // waiting for calls in flight.
        if (!message) return 0;
        if (message->value("op", std::string()) == "re") {
            channel_.complete(*message);
            continue;
        }
        pool.post([this, request = std::move(*message)] { serve(request); });
    }
}

void HostServer::serve(const json& request) {
    json reply;
    try {
        reply = answer(request);
    } catch (const std::exception& e) {
        reply = {{"error", std::string("the plugin host could not serve '") + request.value("op", std::string()) +
                               "': " + e.what()}};
    }
    reply["op"] = "re";
    reply["id"] = request.value("id", json());
    channel_.send(reply);
    if (request.value("op", std::string()) == "shutdown") std::_Exit(0);
}

json HostServer::answer(const json& request) {
    const std::string op = request.value("op", std::string());
    if (op == "deliver") {
        auto i = instance();
        if (!i) return {{"outcome", sdk::to_json(sdk::Outcome::retry("the plugin instance was not created"))}};
        return {{"outcome", sdk::to_json(i->deliver(request.at("delivery")))}};
    }
    if (op == "handle_http") {
        auto i = instance();
        if (!i) return {{"result", answer_to_wire(host::WebhookAnswer::reject(503, "the plugin instance was not created"))}};
        return {{"result", answer_to_wire(i->handle_http(request_from_wire(request.at("request"))))}};
    }
    if (op == "process") {
        auto i = instance();
        if (!i) return {{"output", {{"error", "the plugin instance was not created"}}}};
        return {{"output", i->process(request.at("input"))}};
    }
    if (op == "control") {
        auto i = instance();
        if (!i) return {{"output", {{"error", "the plugin instance was not created"}}}};
        return {{"output", i->control(request.at("request"))}};
    }
    if (op == "create") {
        if (instance()) return {{"error", "the plugin instance was already created"}};
        auto services = std::make_shared<ForwardingServices>(channel_);
        auto created = host::PluginInstance::create(library_, request.at("tenant").get<std::string>(),
                                                    request.at("name").get<std::string>(), request.at("options"), services);
        if (!created) return {{"error", created.error}};
        std::lock_guard lock(mutex_);
        instance_ = std::move(created.instance);
        return {{"ok", true}};
    }
    if (op == "start") {
        auto i = instance();
        if (!i) return {{"error", "the plugin instance was not created"}};
        std::string error = i->start();
        if (!error.empty()) return {{"error", error}};
        return {{"ok", true}};
    }
    if (op == "stop") {
        if (auto i = instance()) i->stop();
        return {{"ok", true}};
    }
    if (op == "shutdown") {
        // Stops the instance and calls the plugin's destroy before the process ends.
        std::lock_guard lock(mutex_);
        instance_.reset();
        return {{"ok", true}};
    }
    return {{"error", "unknown request '" + op + "'"}};
}

}  // namespace leadhub::isolation
