// The host services a plugin sees inside the plugin-host process.
//
// Served in the child, because that is sound there: the clock (the same machine's clock the hub
// reads) and outbound HTTP (a stateless client with the request's own timeout; the hub adds
// nothing to it). Forwarded to the hub, because only the hub has them: logs (so they carry the
// hub's labels and masking), metrics (one /metrics), durable state and submit (the store), and
// webhook routes (the hub's HTTP server). Log and metric calls are one-way; the others wait for
// the hub's answer.
#pragma once

#include "isolation/frame_channel.hpp"

#include "host/instance_services.hpp"

namespace leadhub::isolation {

class ForwardingServices : public host::DefaultServices {
public:
    explicit ForwardingServices(FrameChannel& channel) : channel_(channel) {}

    void log(lh_log_level level, const std::string& message) override;
    std::optional<std::string> state_get(const std::string& key) override;
    bool state_put(const std::string& key, const std::string& value) override;
    void metric_add(const std::string& name, double value) override;
    bool register_route(const std::string& method, const std::string& path) override;
    host::SubmitResult submit(const nlohmann::json& message) override;

private:
    // The hub's answer, or nullopt when it did not come (the hub is gone or stuck).
    std::optional<nlohmann::json> ask(nlohmann::json request);

    FrameChannel& channel_;
};

}  // namespace leadhub::isolation
