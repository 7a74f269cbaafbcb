// The Zadarma source: one instance per Zadarma account, answering its PBX call notifications at
// /hooks/<tenant>/<instance>. Order of checks:
//   GET ?zd_echo=<token> -> 200 with the token (Zadarma's URL check, unsigned)
//   method (405) -> Signature header present (403) -> body read (415/400) -> event named (400)
//   -> Signature right for the event (403; unknown events are answered 200 empty, unverified and
//   unused) -> the event: NOTIFY_END a lead, NOTIFY_START/IVR an empty 200, the rest 200 "ok".
#pragma once

#include "options.hpp"

#include <leadhub/sdk/plugin.hpp>

#include <atomic>
#include <cstdint>

namespace leadhub::zadarma {

class ZadarmaSource final : public sdk::Source {
public:
    // Throws std::invalid_argument naming api_secret when it is blank.
    explicit ZadarmaSource(const sdk::Context& ctx);

    // Zadarma posts to the one address it was given: /hooks/<tenant>/<instance>.
    void start() override { host().register_route("*", "/"); }

    sdk::WebhookResult on_webhook(const sdk::HttpRequest& request) override;

    // "status": the counters since start; "connect": the steps to paste the URL (no API exists).
    sdk::Json control(const sdk::Json& request) override;

private:
    sdk::WebhookResult answer_echo(const sdk::HttpRequest& request);
    sdk::WebhookResult handle_notification(const sdk::HttpRequest& request);
    sdk::WebhookResult refuse(const sdk::HttpRequest& request, int status, std::string reason);
    sdk::WebhookResult ignore(const std::string& event, bool empty_body);

    ZadarmaOptions options_;
    // Counters since start, read by `status`; webhooks may run on several threads at once.
    std::atomic<int64_t> calls_{0}, missed_{0}, ignored_{0}, signature_failures_{0}, malformed_{0}, echo_checks_{0};
    std::atomic<int64_t> last_notification_ms_{0};
};

}  // namespace leadhub::zadarma
