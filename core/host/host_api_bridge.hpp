// The C table of host services (lh_host_api) one plugin instance receives, forwarding to its
// InstanceServices. Every entry catches every exception: nothing may unwind into plugin code, which
// may be C and has no idea what an exception is. A failure becomes LH_ERROR with a reason, a status-0
// HTTP response, or (for log/metric, which have no way to answer) a line on stderr.
#pragma once

#include "host/instance_services.hpp"

#include <leadhub/sdk/abi.h>

#include <memory>
#include <string>

namespace leadhub::host {

class HostApiBridge {
public:
    // `label` names the instance in the few messages the bridge writes itself,
    // e.g. "leadhub-x.so, instance 'crm'".
    HostApiBridge(std::shared_ptr<InstanceServices> services, std::string label);
    HostApiBridge(const HostApiBridge&) = delete;
    HostApiBridge& operator=(const HostApiBridge&) = delete;

    // Valid for as long as this object lives; its ctx points at this object.
    const lh_host_api* api() const { return &api_; }
    InstanceServices& services() const { return *services_; }

private:
    static void log(void* ctx, lh_log_level level, const char* message);
    static int64_t now_ms(void* ctx);
    static lh_status http_request(void* ctx, const lh_http_request* request, lh_http_response_fn on_response,
                                  void* response_ctx);
    static lh_status state_get(void* ctx, const char* key, lh_write_fn out, void* out_ctx);
    static lh_status state_put(void* ctx, const char* key, const char* value, size_t value_size);
    static void metric_add(void* ctx, const char* name, double value);
    static lh_status register_route(void* ctx, const char* method, const char* path);
    static lh_status submit(void* ctx, const char* message_json, size_t size, lh_write_fn error, void* error_ctx);

    void report(const std::string& what) const;

    std::shared_ptr<InstanceServices> services_;
    std::string label_;
    lh_host_api api_{};
};

}  // namespace leadhub::host
