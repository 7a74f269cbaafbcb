#include "zadarma_source.hpp"

#include "zadarma_api.hpp"
#include "zadarma_form.hpp"
#include "zadarma_setup.hpp"
#include "zadarma_signature.hpp"

#include <leadhub/sdk/ascii_text.hpp>
#include <leadhub/sdk/form.hpp>
#include <leadhub/sdk/safe_text.hpp>

namespace leadhub::zadarma {

namespace {

// zd_echo is echoed back as the whole body: only a plain token (letters, digits, - _ . ~), so the
// hub's address cannot be made to serve a stranger's text or markup.
bool is_plain_token(std::string_view v) {
    if (v.empty() || v.size() > 128) return false;
    for (char c : v) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                        c == '_' || c == '.' || c == '~';
        if (!ok) return false;
    }
    return true;
}

}  // namespace

ZadarmaSource::ZadarmaSource(const sdk::Context& ctx) : Source(ctx), options_(read_zadarma_options(ctx.options)) {}

sdk::WebhookResult ZadarmaSource::refuse(const sdk::HttpRequest& request, int status, std::string reason) {
    reason = sdk::escape_control(reason);
    host().warn("zadarma " + name() + ": refused " + sdk::escape_control(request.method) + " from " +
                sdk::escape_control(request.remote_addr) + " with " + std::to_string(status) + ": " + reason);
    if (status == 403) {
        ++signature_failures_;
        host().metric("zadarma_signature_failures");
    } else {
        ++malformed_;
        host().metric("zadarma_refused");
    }
    return sdk::WebhookResult::reject(status, std::move(reason));
}

sdk::WebhookResult ZadarmaSource::ignore(const std::string& event, bool empty_body) {
    ++ignored_;
    host().metric("zadarma_ignored");
    host().debug("zadarma " + name() + ": " + sdk::escape_control(event) + " answered, no lead");
    sdk::WebhookResult r;
    if (empty_body) r.body.clear();  // NOTIFY_START/IVR: a body would be read as call routing
    return r;
}

sdk::WebhookResult ZadarmaSource::answer_echo(const sdk::HttpRequest& request) {
    const auto query = sdk::parse_form(request.query);
    bool present = false;
    for (const auto& [k, v] : query) present = present || k == "zd_echo";
    if (!present) return refuse(request, 400, "a GET here is only Zadarma's ?zd_echo= check");
    const std::string echo = sdk::form_value(query, "zd_echo");
    if (!is_plain_token(echo)) return refuse(request, 400, "zd_echo must be a plain token (letters, digits, - _ . ~)");
    ++echo_checks_;
    host().info("zadarma " + name() + ": Zadarma's zd_echo URL check answered");
    sdk::WebhookResult r;
    r.body = echo;
    return r;
}

sdk::WebhookResult ZadarmaSource::on_webhook(const sdk::HttpRequest& request) {
    if (request.method == "GET") return answer_echo(request);
    if (request.method != "POST") {
        auto r = refuse(request, 405, "method not allowed: Zadarma posts notifications");
        r.headers["Allow"] = "GET, POST";
        return r;
    }
    return handle_notification(request);
}

sdk::WebhookResult ZadarmaSource::handle_notification(const sdk::HttpRequest& request) {
    last_notification_ms_ = host().now_ms();
    // Nothing of the body is looked at for a request that carries no signature at all.
    const std::string signature(sdk::trim(request.header("Signature")));
    if (signature.empty()) return refuse(request, 403, "forbidden: missing Signature header");

    // The signature covers field values, not bytes: the fields are read before it can be checked.
    ReadFields read = read_fields(request.header("Content-Type"), request.body);
    if (!read.fields) return refuse(request, read.status, read.error);
    const Fields& fields = *read.fields;
    const std::string event = field(fields, "event");
    if (event.empty()) return refuse(request, 400, "not a Zadarma notification: no 'event' field");

    const auto text = signed_string(fields);
    if (!text) {
        // No known formula: it cannot be verified, so nothing in it is used. 200 (empty: it could
        // be a routing question) keeps Zadarma from retrying or disabling the URL.
        host().warn("zadarma " + name() + ": unknown event '" + sdk::escape_control(event) + "' answered, not used");
        return ignore(event, true);
    }
    if (!constant_time_equals(signature, signature_of(options_.api_secret, *text)))
        return refuse(request, 403, "forbidden: wrong Signature (check api_secret)");

    switch (classify_event(event)) {
        case EventKind::call_routing: return ignore(event, true);
        case EventKind::other_known:
        case EventKind::unknown: return ignore(event, false);
        case EventKind::call_end: break;
    }
    CallLead lead = map_call_end(fields);
    if (!lead.message) return refuse(request, 400, lead.error);
    ++calls_;
    host().metric("zadarma_calls");
    if (lead.message->extra["call"].value("missed", false)) {
        ++missed_;
        host().metric("zadarma_missed_calls");
    }
    sdk::WebhookResult r;
    r.messages.push_back(std::move(*lead.message));
    return r;
}

sdk::Json ZadarmaSource::control(const sdk::Json& request) {
    const std::string action = sdk::string_member_or(request, "action");
    if (action == "status") {
        return {{"plugin", "zadarma"},
                {"api_key", options_.api_key},
                {"calls", calls_.load()},
                {"missed", missed_.load()},
                {"ignored_events", ignored_.load()},
                {"signature_failures", signature_failures_.load()},
                {"refused_malformed", malformed_.load()},
                {"echo_checks", echo_checks_.load()},
                {"last_notification_ms", last_notification_ms_.load()}};
    }
    if (action == "connect") return connect_steps(sdk::string_member_or(request, "webhook_url"));
    return Source::control(request);
}

}  // namespace leadhub::zadarma
