#include "instagram_source.hpp"

#include <leadhub/sdk/safe_text.hpp>

namespace leadhub::instagram {

InstagramSource::InstagramSource(const sdk::Context& ctx)
    : Source(ctx), options_(read_instagram_options(ctx.options)), secrets_{options_.app_secret, options_.verify_token} {}

sdk::WebhookResult InstagramSource::on_webhook(const sdk::HttpRequest& request) {
    meta::Screening screening = meta::screen_request(request, secrets_);
    if (screening.verdict == meta::Screening::Verdict::handshake) {
        host().info("instagram " + name() + ": webhook verification answered");
        return std::move(screening.answer);
    }
    if (screening.verdict == meta::Screening::Verdict::refused) {
        if (screening.bad_signature) ++stats_.signature_failures;
        host().warn("instagram " + name() + ": refused " + sdk::escape_control(request.method) + " from " +
                    sdk::escape_control(request.remote_addr) + ": " + screening.answer.body);
        host().metric("instagram_refused");
        return std::move(screening.answer);
    }

    std::string error;
    auto parsed = parse_webhook(request.body, &error);
    if (!parsed) {
        ++stats_.bad_requests;
        host().warn("instagram " + name() + ": a signed body that is not Meta's webhook: " + error);
        return sdk::WebhookResult::reject(400, "bad request: " + error);
    }
    if (!parsed->instagram) host().info("instagram " + name() + ": ignored a webhook of another Meta product");

    stats_.ignored_events += parsed->ignored;
    for (const auto& m : parsed->messages) {
        if (m.event == sdk::MessageEvent::business_message) ++stats_.business_messages;
        else ++stats_.messages;
    }
    host().metric("instagram_messages", static_cast<double>(parsed->messages.size()));
    sdk::WebhookResult result;
    result.messages = std::move(parsed->messages);
    return result;
}

sdk::Outcome InstagramSource::send(const sdk::Json& payload) const {
    const sdk::HttpResponse response = host().http(meta::graph_post(options_.api_url, options_.api_version,
                                                                    options_.account_id + "/messages",
                                                                    options_.access_token, payload));
    if (response.status >= 200 && response.status < 300) {
        if (std::string id = message_id_from(response.body); !id.empty()) return sdk::Outcome::ok(std::move(id));
    }
    const meta::GraphError error = meta::read_graph_error(response.body);
    if (is_outside_window(error))
        return sdk::Outcome::permanent("outside Instagram's 24-hour messaging window: answer in the Instagram app (Meta: " +
                                       meta::describe(error) + ")");
    return meta::classify_graph_failure(response, error, "Instagram");
}

sdk::Outcome InstagramSource::counted(sdk::Outcome outcome) {
    if (outcome.kind == sdk::Outcome::Kind::ok) {
        ++stats_.replies_sent;
        host().metric("instagram_replies_sent");
    } else {
        ++stats_.replies_failed;
        stats_.set_last_error(outcome.reason, host().now_ms());
        host().warn("instagram " + name() + ": reply " + to_string(outcome.kind) + ": " + outcome.reason);
        host().metric("instagram_replies_failed");
    }
    return outcome;
}

sdk::Outcome InstagramSource::deliver(const sdk::Delivery& delivery) {
    if (delivery.kind != "reply" || !delivery.reply) return sdk::Outcome::permanent("instagram only delivers replies");
    const sdk::Reply& reply = *delivery.reply;
    const std::string recipient = sdk::string_member_or(reply.address, "recipient_id");
    if (recipient.empty())
        return counted(sdk::Outcome::permanent(
            "the reply address has no Instagram recipient_id: the conversation did not start on Instagram"));
    if (reply.text.empty()) return counted(sdk::Outcome::permanent("Instagram: an empty reply is not sent"));
    sdk::Outcome last = sdk::Outcome::permanent("Instagram: nothing to send");
    for (const auto& payload : send_payloads(recipient, reply)) {
        last = send(payload);
        if (last.kind != sdk::Outcome::Kind::ok) break;
    }
    return counted(std::move(last));
}

sdk::Json InstagramSource::control(const sdk::Json& request) {
    const std::string action = sdk::string_member_or(request, "action");
    if (action == "status") {
        sdk::Json status = stats_.to_json();
        status["channel"] = "instagram";
        status["api_url"] = options_.api_url;
        status["api_version"] = options_.api_version;
        status["account_id"] = options_.account_id;
        return status;
    }
    if (action == "connect") {
        const std::string url = sdk::string_member_or(request, "webhook_url");
        if (url.empty()) return {{"error", "connect needs webhook_url, the hub's https://…/hooks/<tenant>/<instance>"}};
        // The app's callback URL is set in the App Dashboard by its owner: no call of this token does it.
        return {{"performed", false},
                {"callback_url", url},
                {"verify_token", options_.verify_token},
                {"fields", {"messages", "messaging_postbacks", "message_reactions", "messaging_seen"}},
                {"steps",
                 {"Open developers.facebook.com -> My Apps -> your app -> Webhooks (or Instagram -> Webhooks).",
                  "Choose the object Instagram, press Subscribe to this object (or Edit subscription).",
                  "Callback URL: " + url,
                  "Verify token: " + options_.verify_token,
                  "Press Verify and save (Meta calls the URL now; leadhub must be running and reachable over HTTPS).",
                  "Subscribe to the fields: messages, messaging_postbacks, message_reactions, messaging_seen.",
                  "In the Instagram app: Settings -> Messages and story replies -> Message controls -> "
                  "Connected tools -> allow access to messages.",
                  "Send a DM to the account from another profile: it appears in leadhub as a lead."}}};
    }
    return {{"error", "action '" + sdk::escape_control(action) + "' is not supported by instagram (status, connect)"}};
}

}  // namespace leadhub::instagram
