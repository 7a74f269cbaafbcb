// The C view (lh_http_request, abi.h) of a request handed to a plugin's handle_http: what the
// hub's plugin host and the check kit pass across the boundary. It points into `request` and
// into its own JSON text of the headers, so it must not outlive `request`, and it is neither
// copied nor moved (the pointers would be left behind).
#pragma once

#include <leadhub/sdk/abi.h>
#include <leadhub/sdk/json.hpp>
#include <leadhub/sdk/types.hpp>

#include <string>

namespace leadhub::sdk {

class CHttpRequest {
public:
    explicit CHttpRequest(const HttpRequest& request) : headers_(dump(headers_to_json(request.headers))) {
        c_.size = sizeof(c_);
        c_.method = request.method.c_str();
        c_.target = request.target.c_str();
        c_.query = request.query.c_str();
        c_.headers_json = headers_.c_str();
        c_.body = request.body.data();
        c_.body_size = request.body.size();
        c_.timeout_ms = request.timeout_ms;
        c_.remote_addr = request.remote_addr.c_str();
    }
    CHttpRequest(const CHttpRequest&) = delete;
    CHttpRequest& operator=(const CHttpRequest&) = delete;

    const lh_http_request* get() const { return &c_; }

private:
    std::string headers_;
    lh_http_request c_{};
};

}  // namespace leadhub::sdk
