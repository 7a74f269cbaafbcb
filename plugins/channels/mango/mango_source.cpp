#include "mango_source.hpp"

#include "mango_api.hpp"
#include "mango_setup.hpp"
#include "mango_sign.hpp"

#include <leadhub/sdk/ascii_text.hpp>
#include <leadhub/sdk/form.hpp>
#include <leadhub/sdk/safe_text.hpp>

namespace leadhub::mango {

MangoSource::MangoSource(const sdk::Context& ctx) : Source(ctx), options_(read_mango_options(ctx.options)) {}

sdk::WebhookResult MangoSource::success() {
    // What the mango-vpbx library answers; Mango only needs the 200.
    sdk::WebhookResult r;
    r.content_type = "application/json";
    r.body = R"({"success": true})";
    return r;
}

sdk::WebhookResult MangoSource::refuse(const sdk::HttpRequest& request, int status, std::string reason) {
    reason = sdk::escape_control(reason);
    host().warn("mango " + name() + ": refused " + sdk::escape_control(request.method) + " " +
                sdk::escape_control(request.target) + " from " + sdk::escape_control(request.remote_addr) + " with " +
                std::to_string(status) + ": " + reason);
    if (status == 403) {
        ++signature_failures_;
        host().metric("mango_signature_failures");
    } else {
        ++malformed_;
        host().metric("mango_refused");
    }
    return sdk::WebhookResult::reject(status, std::move(reason));
}

sdk::WebhookResult MangoSource::on_webhook(const sdk::HttpRequest& request) {
    const EventPath path = classify_path(request.target);
    if (path == EventPath::ping) {
        ++pings_;
        host().info("mango " + name() + ": Mango's connection check answered");
        return success();
    }
    if (path == EventPath::unknown) return refuse(request, 404, "not a Mango event path: expected /events/... or /result/...");
    if (request.method != "POST") {
        auto r = refuse(request, 405, "method not allowed: Mango posts its events");
        r.headers["Allow"] = "POST";
        return r;
    }
    const std::string content_type = request.header("Content-Type");
    const std::string media = sdk::ascii_lower(sdk::trim(std::string_view(content_type).substr(0, content_type.find(';'))));
    if (!media.empty() && media != "application/x-www-form-urlencoded")
        return refuse(request, 415, "unsupported Content-Type: Mango posts form fields vpbx_api_key, sign, json");

    last_event_ms_ = host().now_ms();
    // The three fields are split out of the raw body, and the sign checked over the json field's
    // exact text, before that text is parsed.
    const auto form = sdk::parse_form(request.body);
    std::string key, sign, json;
    bool has_key = false, has_sign = false, has_json = false;
    for (const auto& [k, v] : form) {  // first of each, as the sign is checked over what is used
        if (k == "vpbx_api_key" && !has_key) key = v, has_key = true;
        else if (k == "sign" && !has_sign) sign = v, has_sign = true;
        else if (k == "json" && !has_json) json = v, has_json = true;
    }
    if (!has_key || !has_sign || sign.empty()) return refuse(request, 403, "forbidden: missing vpbx_api_key or sign");
    const bool key_ok = constant_time_equals(key, options_.vpbx_api_key);
    const bool sign_ok = constant_time_equals(sdk::ascii_lower(sign), sign_of(options_.vpbx_api_key, json, options_.vpbx_api_salt));
    if (!key_ok) return refuse(request, 403, "forbidden: vpbx_api_key is not this VPBX's (check the option vpbx_api_key)");
    if (!sign_ok) return refuse(request, 403, "forbidden: wrong sign (check the option vpbx_api_salt)");

    ReadEvent event = read_event(path, json);
    switch (event.kind) {
        case ReadEvent::Kind::malformed: return refuse(request, 400, event.reason);
        case ReadEvent::Kind::ignored:
            ++ignored_;
            host().metric("mango_ignored");
            host().debug("mango " + name() + ": " + sdk::escape_control(request.target) + " answered, no lead (" + event.reason + ")");
            return success();
        case ReadEvent::Kind::lead: break;
    }
    ++calls_;
    host().metric("mango_calls");
    if (event.message->extra["call"].value("missed", false)) {
        ++missed_;
        host().metric("mango_missed_calls");
    }
    sdk::WebhookResult r = success();
    r.messages.push_back(std::move(*event.message));
    return r;
}

sdk::Json MangoSource::control(const sdk::Json& request) {
    const std::string action = sdk::string_member_or(request, "action");
    if (action == "status") {
        return {{"plugin", "mango"},
                {"vpbx_api_key", options_.vpbx_api_key},
                {"calls", calls_.load()},
                {"missed", missed_.load()},
                {"ignored_events", ignored_.load()},
                {"signature_failures", signature_failures_.load()},
                {"refused_malformed", malformed_.load()},
                {"pings", pings_.load()},
                {"last_event_ms", last_event_ms_.load()}};
    }
    if (action == "connect") return connect_steps(sdk::string_member_or(request, "webhook_url"));
    return Source::control(request);
}

}  // namespace leadhub::mango
