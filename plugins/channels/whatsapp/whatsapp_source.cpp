#include "whatsapp_source.hpp"

#include <leadhub/sdk/safe_text.hpp>

namespace leadhub::whatsapp {

WhatsappSource::WhatsappSource(const sdk::Context& ctx)
    : Source(ctx), options_(read_whatsapp_options(ctx.options)), secrets_{options_.app_secret, options_.verify_token} {}

sdk::WebhookResult WhatsappSource::on_webhook(const sdk::HttpRequest& request) {
    meta::Screening screening = meta::screen_request(request, secrets_);
    if (screening.verdict == meta::Screening::Verdict::handshake) {
        host().info("whatsapp " + name() + ": webhook verification answered");
        return std::move(screening.answer);
    }
    if (screening.verdict == meta::Screening::Verdict::refused) {
        if (screening.bad_signature) ++stats_.signature_failures;
        host().warn("whatsapp " + name() + ": refused " + sdk::escape_control(request.method) + " from " +
                    sdk::escape_control(request.remote_addr) + ": " + screening.answer.body);
        host().metric("whatsapp_refused");
        return std::move(screening.answer);
    }

    std::string error;
    auto parsed = parse_webhook(request.body, &error);
    if (!parsed) {
        ++stats_.bad_requests;
        host().warn("whatsapp " + name() + ": a signed body that is not Meta's webhook: " + error);
        return sdk::WebhookResult::reject(400, "bad request: " + error);
    }
    if (!parsed->whatsapp) host().info("whatsapp " + name() + ": ignored a webhook of another Meta product");
    for (const auto& failure : parsed->failures) handle_failure(failure);

    sdk::WebhookResult result;
    stats_.ignored_events += parsed->ignored;
    for (const auto& m : parsed->messages) {
        if (m.event == sdk::MessageEvent::business_message) ++stats_.business_messages;
        else if (m.event == sdk::MessageEvent::customer_blocked) ++stats_.blocked;
        else ++stats_.messages;
    }
    host().metric("whatsapp_messages", static_cast<double>(parsed->messages.size()));
    result.messages = std::move(parsed->messages);
    return result;
}

sdk::Json WhatsappSource::control(const sdk::Json& request) {
    const std::string action = sdk::string_member_or(request, "action");
    if (action == "status") {
        sdk::Json status = stats_.to_json();
        status["channel"] = "whatsapp";
        status["api_url"] = options_.api_url;
        status["api_version"] = options_.api_version;
        status["template_name"] = options_.template_name.empty() ? sdk::Json(nullptr) : sdk::Json(options_.template_name);
        return status;
    }
    if (action == "connect") {
        const std::string url = sdk::string_member_or(request, "webhook_url");
        if (url.empty()) return {{"error", "connect needs webhook_url, the hub's https://…/hooks/<tenant>/<instance>"}};
        // Meta has no API to set a WhatsApp app's callback URL with this token: the owner pastes it.
        return {{"performed", false},
                {"callback_url", url},
                {"verify_token", options_.verify_token},
                {"steps",
                 {"Open developers.facebook.com -> My Apps -> your app -> WhatsApp -> Configuration.",
                  "Under Webhook press Edit and paste the Callback URL: " + url,
                  "Verify token: " + options_.verify_token,
                  "Press Verify and save (Meta calls the URL now; leadhub must be running and reachable over HTTPS).",
                  "Under Webhook fields press Manage and subscribe to: messages (and smb_message_echoes, "
                  "user_preferences if offered).",
                  "Send a WhatsApp message to the business number: it appears in leadhub as a lead."}}};
    }
    return {{"error", "action '" + sdk::escape_control(action) + "' is not supported by whatsapp (status, connect)"}};
}

}  // namespace leadhub::whatsapp
