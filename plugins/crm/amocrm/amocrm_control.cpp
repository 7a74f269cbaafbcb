// The instance's other faces: amoCRM's status webhooks (a source) and the operator's control
// actions (`leadhub crm connect`, status).
#include "amocrm_sink.hpp"
#include "amocrm_webhook.hpp"

#include <leadhub/sdk/form.hpp>
#include <leadhub/sdk/secret_compare.hpp>

namespace leadhub::amocrm {

using sdk::Json;

sdk::WebhookResult AmoCrm::on_webhook(const sdk::HttpRequest& request) {
    if (options_.webhook_token.empty()) {
        host().error("amocrm " + name() + ": a webhook arrived but option 'webhook_token' is not set; refused");
        return sdk::WebhookResult::reject(403, "webhook_token is not configured for this instance");
    }
    // The secret first, before the body is read.
    const std::string token = sdk::form_value(sdk::parse_form(request.query), "token");
    if (!sdk::constant_time_equals(token, options_.webhook_token)) {
        host().warn("amocrm " + name() + ": webhook with a wrong or missing ?token= refused");
        return sdk::WebhookResult::reject(403, "wrong token");
    }
    if (request.method != "POST") return sdk::WebhookResult::reject(405, "amoCRM webhooks are POST");
    StatusWebhook hook = parse_status_webhook(request.body);
    if (!hook.error.empty()) return sdk::WebhookResult::reject(400, hook.error);
    if ((options_.account_id && hook.account_id != std::to_string(*options_.account_id)) ||
        (!options_.subdomain.empty() && hook.subdomain != options_.subdomain)) {
        host().warn("amocrm " + name() + ": webhook from another amoCRM account refused");
        return sdk::WebhookResult::reject(403, "webhook from another amoCRM account");
    }
    std::string request_id = request.header("X-Amocrm-Requestid");
    if (request_id.empty()) request_id = std::to_string(host().now_ms());
    sdk::WebhookResult result;
    result.messages = status_messages(hook, options_.crm_status_map, request_id);
    return result;
}

Json AmoCrm::control(const Json& request) {
    const std::string action = sdk::string_member_or(request, "action");
    if (action == "status") {
        std::lock_guard lock(mutex_);
        const bool oauth = options_.auth() == AuthMode::oauth;
        const bool stopped = stopped_until_ms_ > host().now_ms();
        return {{"auth", oauth ? "oauth" : "long_lived_token"},
                {"connected", !oauth || !tokens_.access_token.empty()},
                {"last_error", last_error_},
                {"stopped", stopped},
                {"stopped_reason", stopped ? stopped_reason_ : ""}};
    }
    if (action != "connect") return {{"error", "unknown action '" + sdk::escape_control(action) + "' (status, connect)"}};
    if (options_.auth() != AuthMode::oauth)
        return {{"error", "this instance uses a long-lived access_token: there is nothing to connect"}};
    const std::string code = sdk::string_member_or(request, "code");
    if (code.empty()) return {{"error", "give the authorization code: leadhub crm connect TENANT/INSTANCE --code CODE"}};
    Json grant = code_grant(options_, code);
    auto response = send("POST", options_.base_url + "/oauth2/access_token", &grant, "");
    std::optional<Failure> failure = classify(response, "обмен кода");
    Json body = failure ? Json() : read_json(response, "обмен кода", failure);
    auto tokens = failure ? std::nullopt : read_tokens(body);
    if (!failure && !tokens) failure = Failure{Failure::Kind::retry, "amoCRM вернул ответ без токенов (обмен кода)", {}};
    std::lock_guard lock(mutex_);
    if (!failure) failure = store(*tokens);
    if (failure) {
        last_error_ = failure->reason;
        return {{"error", failure->reason + " (a code lives 20 minutes: get a new one if it has expired)"}};
    }
    last_error_.clear();
    host().info("amocrm " + name() + ": connected with OAuth");
    return {{"connected", true}, {"auth", "oauth"}};
}

}  // namespace leadhub::amocrm
