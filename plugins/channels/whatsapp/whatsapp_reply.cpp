// Replies to WhatsApp customers: free-form inside the 24-hour window, the template outside it,
// and the switch to the template when Meta reports 131047 for a free-form reply.
#include "whatsapp_source.hpp"

#include <leadhub/sdk/safe_text.hpp>

#include <cstdint>
#include <optional>

namespace leadhub::whatsapp {

namespace {

// State keys, per instance: what was sent under a wamid (so a later 131047 can resend it) and
// whether that resend happened (so a repeated status webhook does not send it twice). The state
// has no expiry, so the records live in a fixed number of slots (FNV-1a of the wamid): a newer
// reply takes an old one's slot, and each record names its wamid so a slot taken meanwhile is
// never mistaken for it. Meta reports 131047 within minutes; 4096 slots hold hours of replies.
constexpr uint32_t kRecordSlots = 4096;

uint32_t slot_of(const std::string& wamid) {
    uint32_t h = 2166136261u;
    for (unsigned char c : wamid) h = (h ^ c) * 16777619u;
    return h % kRecordSlots;
}
std::string sent_key(const std::string& wamid) { return "sent:" + std::to_string(slot_of(wamid)); }
std::string resent_key(const std::string& wamid) { return "template-resent:" + std::to_string(slot_of(wamid)); }

// The slot's record when it is `wamid`'s.
std::optional<sdk::Json> record_of(const std::optional<std::string>& stored, const std::string& wamid) {
    if (!stored) return std::nullopt;
    sdk::Json record = sdk::parse_json(*stored);
    if (!record.is_object() || sdk::string_member_or(record, "wamid") != wamid) return std::nullopt;
    return record;
}

bool inside_window(int64_t last_customer_message_ms, int64_t now_ms) {
    // Unknown (0): try free-form; Meta's 131047 switches to the template if the window is closed.
    if (last_customer_message_ms <= 0) return true;
    return now_ms - last_customer_message_ms < kServiceWindowMs;
}

}  // namespace

WhatsappSource::Sent WhatsappSource::post_message(const std::string& phone_number_id, const sdk::Json& payload) const {
    const sdk::HttpResponse response = host().http(meta::graph_post(options_.api_url, options_.api_version,
                                                                    phone_number_id + "/messages",
                                                                    options_.access_token, payload));
    Sent sent;
    if (response.status >= 200 && response.status < 300) {
        std::string id = message_id_from(response.body);
        if (!id.empty()) {
            sent.outcome = sdk::Outcome::ok(std::move(id));
            return sent;
        }
    }
    sent.error = meta::read_graph_error(response.body);
    sent.outcome = meta::classify_graph_failure(response, sent.error, "WhatsApp");
    if (sent.error.code >= 132000 && sent.error.code < 133000)  // the template's own problems
        sent.outcome.reason += " (check template_name and template_language)";
    return sent;
}

void WhatsappSource::remember_sent(const std::string& wamid, const Recipient& to, const std::string& text) const {
    sdk::Json record = address_of(to);
    record["text"] = text;
    record["wamid"] = wamid;
    host().state_put(sent_key(wamid), sdk::dump(record));
}

sdk::Outcome WhatsappSource::send_template(const Recipient& to, const std::string& text, const std::string& why) {
    if (options_.template_name.empty())
        return sdk::Outcome::permanent(why + " and no template_name configured");
    Sent sent = post_message(to.phone_number_id,
                             template_payload(to, options_.template_name, options_.template_language, text));
    return sent.outcome;
}

sdk::Outcome WhatsappSource::send_free_form(const Recipient& to, const sdk::Reply& reply) {
    const auto payloads = free_form_payloads(to, reply);
    sdk::Outcome last = sdk::Outcome::permanent("WhatsApp: nothing to send");
    for (std::size_t i = 0; i < payloads.size(); ++i) {
        Sent sent = post_message(to.phone_number_id, payloads[i]);
        if (sent.outcome.kind != sdk::Outcome::Kind::ok) {
            // Meta may refuse a free-form message at once when the window is closed: the first
            // piece's 131047 means the customer gets the whole reply as the template instead.
            if (i == 0 && is_window_error(sent.error))
                return send_template(to, reply.text, "outside WhatsApp's 24-hour window (Meta: " + meta::describe(sent.error) + ")");
            return sent.outcome;
        }
        remember_sent(sent.outcome.external_id, to, reply.text);
        last = std::move(sent.outcome);
    }
    return last;
}

sdk::Outcome WhatsappSource::counted(sdk::Outcome outcome) {
    if (outcome.kind == sdk::Outcome::Kind::ok) {
        ++stats_.replies_sent;
        host().metric("whatsapp_replies_sent");
    } else {
        ++stats_.replies_failed;
        stats_.set_last_error(outcome.reason, host().now_ms());
        host().warn("whatsapp " + name() + ": reply " + to_string(outcome.kind) + ": " + outcome.reason);
        host().metric("whatsapp_replies_failed");
    }
    return outcome;
}

sdk::Outcome WhatsappSource::deliver(const sdk::Delivery& delivery) {
    if (delivery.kind != "reply" || !delivery.reply) return sdk::Outcome::permanent("whatsapp only delivers replies");
    const sdk::Reply& reply = *delivery.reply;
    auto to = recipient_from(reply.address);
    if (!to)
        return counted(sdk::Outcome::permanent(
            "the reply address has no WhatsApp recipient and phone_number_id: the conversation did not start on WhatsApp"));
    if (reply.text.empty()) return counted(sdk::Outcome::permanent("WhatsApp: an empty reply is not sent"));
    if (!inside_window(reply.customer_last_message_at_ms, host().now_ms()))
        return counted(send_template(*to, reply.text, "outside WhatsApp's 24-hour window"));
    return counted(send_free_form(*to, reply));
}

void WhatsappSource::handle_failure(const FailedStatus& failure) {
    const std::string wamid = sdk::escape_control(failure.message_id);
    if (!is_window_error(failure.error)) {
        const std::string reason = "WhatsApp could not deliver " + wamid + ": " + meta::describe(failure.error);
        host().warn("whatsapp " + name() + ": " + reason);
        stats_.set_last_error(reason, host().now_ms());
        return;
    }
    auto record = record_of(host().state_get(sent_key(failure.message_id)), failure.message_id);
    if (!record) return;  // not a reply this instance sent (or one so old its slot was reused)
    // Meta repeated the status: the resend is recorded already.
    if (record_of(host().state_get(resent_key(failure.message_id)), failure.message_id)) return;
    // Marked before the send: a crash or a repeated webhook never sends the template twice.
    host().state_put(resent_key(failure.message_id), sdk::dump(sdk::Json{{"wamid", failure.message_id}, {"status", "pending"}}));
    auto to = recipient_from(*record);
    if (!to) return;
    sdk::Outcome outcome = send_template(*to, sdk::string_member_or(*record, "text"),
                                         "outside WhatsApp's 24-hour window (131047 for " + wamid + ")");
    host().state_put(resent_key(failure.message_id),
                     sdk::dump(sdk::Json{{"wamid", failure.message_id}, {"status", to_string(outcome.kind)},
                                         {"external_id", outcome.external_id}}));
    if (outcome.kind == sdk::Outcome::Kind::ok) {
        host().info("whatsapp " + name() + ": " + wamid + " was outside the 24-hour window; sent as template " +
                    options_.template_name + ": " + outcome.external_id);
    } else {
        host().warn("whatsapp " + name() + ": " + wamid + " was outside the 24-hour window; the template failed: " + outcome.reason);
        stats_.set_last_error(outcome.reason, host().now_ms());
    }
}

}  // namespace leadhub::whatsapp
