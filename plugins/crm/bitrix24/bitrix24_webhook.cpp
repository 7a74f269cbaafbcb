// Bitrix24's outgoing webhook (ONCRMLEADUPDATE, ONCRMDEALUPDATE) -> a lead_status message.
// The event carries only the record's id, so the record is read back at once with a short
// timeout. Bitrix24 never repeats an event: when the read fails the event is lost, and the
// answer is still 200 (an error would not bring it back) with the loss logged and counted.
#include "bitrix24_sink.hpp"

#include "bitrix24_event.hpp"

#include <leadhub/sdk/safe_text.hpp>
#include <leadhub/sdk/secret_compare.hpp>

#include <cctype>

namespace leadhub::bitrix24 {

namespace {

bool same_text_ignoring_case(const std::string& a, const std::string& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
    return true;
}

}  // namespace

sdk::WebhookResult Bitrix24::refuse(const sdk::HttpRequest& request, int status, std::string reason) const {
    reason = sdk::escape_control(reason);
    host().warn("bitrix24 " + name() + ": refused an event from " + sdk::escape_control(request.remote_addr) + " with " +
                std::to_string(status) + ": " + reason);
    host().metric("bitrix24_events_refused");
    return sdk::WebhookResult::reject(status, std::move(reason));
}

sdk::WebhookResult Bitrix24::on_webhook(const sdk::HttpRequest& request) {
    if (request.method != "POST") {
        auto r = refuse(request, 405, "method not allowed: Bitrix24 posts its events");
        r.headers["Allow"] = "POST";
        return r;
    }
    const Event event = read_event(request.body);
    // The token is checked before anything of the event is believed or anything is read.
    if (event.application_token.empty() || !sdk::constant_time_equals(event.application_token, options_.application_token))
        return refuse(request, 403, "forbidden: wrong application token");
    if (!options_.portal_domain.empty() && !same_text_ignoring_case(event.domain, options_.portal_domain))
        return refuse(request, 403, "forbidden: the event comes from another portal");
    if (!options_.member_id.empty() && event.member_id != options_.member_id)
        return refuse(request, 403, "forbidden: the event comes from another portal (member_id)");

    sdk::WebhookResult result;
    auto entity = entity_of(event.event);
    if (!entity) {
        host().debug("bitrix24 " + name() + ": event " + sdk::escape_control(event.event) + " ignored");
        return result;
    }
    auto id = id_value(sdk::Json(event.id));
    if (!id) return refuse(request, 400, "the event has no data[FIELDS][ID]");
    host().metric("bitrix24_events");

    const char* method = get_method(*entity);
    Answer got = client_.call(method, {{"id", *id}}, options_.status_timeout_ms);
    if (got.kind != Answer::Kind::ok) {
        const std::string reason = "event " + event.event + " for " + std::to_string(*id) + " is lost (Bitrix24 does not repeat events): " + got.reason;
        host().error("bitrix24 " + name() + ": " + reason);
        host().metric("bitrix24_events_lost");
        client_.note_lost_event(reason);
        return result;
    }
    std::string stage;
    auto update = status_update(*entity, got.result, options_, &stage);
    if (!update) {
        host().debug("bitrix24 " + name() + ": " + std::string(method) + " " + std::to_string(*id) + " is at stage '" +
                     sdk::escape_control(stage) + "', not in crm_status_map: no change");
        return result;
    }
    result.messages.push_back(status_message(event, *entity, std::move(*update)));
    return result;
}

}  // namespace leadhub::bitrix24
