// The webform source: one instance per site (or per form), answering the site's POSTs under
// /hooks/<tenant>/<instance>. Order of checks, so a stranger learns nothing about the body
// format without the token: token (403) -> origin (403) -> method (405) -> Content-Type (415)
// -> body (400) -> content (422) -> 200 "ok" with the message.
#pragma once

#include "options.hpp"

#include <leadhub/sdk/plugin.hpp>

#include <string_view>
#include <leadhub/sdk/secret_compare.hpp>

namespace leadhub::webform {

using sdk::constant_time_equals;  // secret_compare.hpp: shared by every source

class WebformSource final : public sdk::Source {
public:
    // Throws std::invalid_argument on options that validate but make no sense (see options.hpp).
    explicit WebformSource(const sdk::Context& ctx);

    // A form posts to the instance's own address only: /hooks/<tenant>/<instance>, any method
    // (others than POST and OPTIONS are answered 405 here). A sub-path such as
    // /hooks/<tenant>/<instance>/x/y is not this source's and gets the hub's 404.
    void start() override { host().register_route("*", "/"); }

    sdk::WebhookResult on_webhook(const sdk::HttpRequest& request) override;

private:
    sdk::WebhookResult refuse(const sdk::HttpRequest& request, int status, std::string reason) const;
    bool origin_allowed(const std::string& origin) const;

    WebformOptions options_;
};

}  // namespace leadhub::webform
