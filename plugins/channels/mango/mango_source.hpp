// The Mango Office source: one instance per VPBX, answering the events Mango posts below its
// base URL /hooks/<tenant>/<instance> (/events/summary, /events/call, ..., /result/..., /ping).
// Order of checks:
//   /ping -> 200 {"success": true} (Mango's connection check: nothing in it is used)
//   path (404) -> method (405) -> Content-Type (415) -> vpbx_api_key and sign present and right
//   (403) -> json field (400) -> the event: an incoming call's summary is a lead, the rest 200.
#pragma once

#include "options.hpp"

#include <leadhub/sdk/plugin.hpp>

#include <atomic>
#include <cstdint>

namespace leadhub::mango {

class MangoSource final : public sdk::Source {
public:
    // Throws std::invalid_argument naming the option when vpbx_api_key or vpbx_api_salt is blank.
    explicit MangoSource(const sdk::Context& ctx);

    // Every path below the base URL: Mango adds its own suffixes, and the known ones are told
    // apart here (classify_path) so a new one is answered rather than refused by the hub.
    void start() override { host().register_route("*", "*"); }

    sdk::WebhookResult on_webhook(const sdk::HttpRequest& request) override;

    // "status": the counters since start; "connect": the steps to paste the URL (no API exists).
    sdk::Json control(const sdk::Json& request) override;

private:
    sdk::WebhookResult refuse(const sdk::HttpRequest& request, int status, std::string reason);
    static sdk::WebhookResult success();

    MangoOptions options_;
    // Counters since start, read by `status`; webhooks may run on several threads at once.
    std::atomic<int64_t> calls_{0}, missed_{0}, ignored_{0}, signature_failures_{0}, malformed_{0}, pings_{0};
    std::atomic<int64_t> last_event_ms_{0};
};

}  // namespace leadhub::mango
