// What the hub does for one plugin instance, behind the C table lh_host_api.
//
// Core implements InstanceServices once per instance (logs labelled with the instance, the store's
// state and submit, the HTTP server's routes). PluginInstance turns it into the C table and makes
// sure no exception from these methods ever unwinds into plugin code. Every method may be called
// from several threads at once.
#pragma once

#include <leadhub/sdk/abi.h>
#include <leadhub/sdk/types.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace leadhub::host {

struct SubmitResult {
    lh_status status = LH_OK;  // LH_OK stored, LH_DUPLICATE seen before, LH_ERROR failed (see error)
    std::string error;
};

class InstanceServices {
public:
    virtual ~InstanceServices() = default;

    virtual void log(lh_log_level level, const std::string& message) = 0;
    virtual int64_t now_ms() = 0;
    virtual sdk::HttpResponse http(const sdk::HttpRequest& request) = 0;
    virtual std::optional<std::string> state_get(const std::string& key) = 0;
    virtual bool state_put(const std::string& key, const std::string& value) = 0;
    virtual void metric_add(const std::string& name, double value) = 0;
    // False when the route cannot be registered (taken, or not a source).
    virtual bool register_route(const std::string& method, const std::string& path) = 0;
    virtual SubmitResult submit(const nlohmann::json& message) = 0;
};

// A complete, in-memory implementation: for tests, and as a base that core overrides piece by piece.
// Logs go to `log_sink` when set (called from plugin threads concurrently: it must be thread-safe),
// else to stderr; the clock is the system clock; HTTP goes through
// http_perform(); state, metrics, routes and submitted messages are kept in memory (a message whose
// external_message_id was submitted before is a duplicate).
class DefaultServices : public InstanceServices {
public:
    using LogSink = std::function<void(lh_log_level, const std::string&)>;

    DefaultServices() = default;
    explicit DefaultServices(LogSink log_sink) : log_sink_(std::move(log_sink)) {}

    void log(lh_log_level level, const std::string& message) override;
    int64_t now_ms() override;
    sdk::HttpResponse http(const sdk::HttpRequest& request) override;
    std::optional<std::string> state_get(const std::string& key) override;
    bool state_put(const std::string& key, const std::string& value) override;
    void metric_add(const std::string& name, double value) override;
    bool register_route(const std::string& method, const std::string& path) override;
    SubmitResult submit(const nlohmann::json& message) override;

    // Snapshots of what was recorded, safe to call while plugin threads keep writing.
    double metric(const std::string& name) const;
    std::vector<std::pair<std::string, std::string>> routes() const;
    std::vector<nlohmann::json> submitted() const;

protected:
    mutable std::mutex mutex_;

private:
    LogSink log_sink_;
    std::map<std::string, std::string> state_;
    std::map<std::string, double> metrics_;
    std::vector<std::pair<std::string, std::string>> routes_;
    std::vector<nlohmann::json> submitted_;
};

}  // namespace leadhub::host
