// The operator's actions (`leadhub channels status|connect`): the live state of the instance, and
// registering the webhook with Telegram so the owner never has to call the Bot API by hand.
#include "telegram_channel.hpp"

#include <leadhub/sdk/safe_text.hpp>

namespace leadhub::telegram {

using sdk::Json;

namespace {

// Short: an operator is waiting at a terminal.
constexpr uint32_t kControlTimeoutMs = 5000;

// What a webhook instance asks Telegram for (setWebhook remembers it for every later delivery).
const Json& webhook_update_kinds() {
    static const Json kinds = {"message", "my_chat_member", "callback_query"};
    return kinds;
}

Json failure(const std::string& method, const ApiAnswer& answer) {
    return {{"performed", false}, {"error", method + " failed: " + describe(answer)}};
}

bool looks_like_https_url(const std::string& url) {
    return url.starts_with("https://") && url.size() > 8 && url.find_first_of(" \r\n\t") == std::string::npos;
}

}  // namespace

ApiAnswer TelegramChannel::call(const std::string& method, const Json& body, uint32_t timeout_ms) const {
    return read_answer(host().http(api_request(options_, method, body, timeout_ms)));
}

Json TelegramChannel::control(const Json& request) {
    const std::string action = sdk::string_member_or(request, "action");
    if (action == "status") return poller_ ? poller_->status() : webhook_status();
    if (action == "connect") return connect(request);
    return {{"error", "action '" + sdk::escape_control(action) + "' is not supported: use status or connect"}};
}

Json TelegramChannel::webhook_status() const {
    ApiAnswer answer = call("getWebhookInfo", Json::object(), kControlTimeoutMs);
    if (!(answer.status == 200 && answer.ok && answer.result.is_object()))
        return {{"mode", "webhook"}, {"error", "getWebhookInfo failed: " + describe(answer)}};
    const Json& info = answer.result;
    Json out = {{"mode", "webhook"},
                {"url", sdk::string_member_or(info, "url")},
                {"pending_update_count", info.value("pending_update_count", Json(0))},
                {"last_error_date", info.value("last_error_date", Json(nullptr))},
                {"last_error_message", info.value("last_error_message", Json(nullptr))}};
    return out;
}

Json TelegramChannel::connect(const Json& request) const {
    if (options_.mode == Mode::polling) {
        ApiAnswer answer = call("deleteWebhook", {{"drop_pending_updates", false}}, kControlTimeoutMs);
        if (!(answer.status == 200 && answer.ok)) return failure("deleteWebhook", answer);
        return {{"performed", true},
                {"steps", {"Polling mode needs no URL: the hub asks Telegram for new messages itself.",
                           "Removed any webhook of this bot (deleteWebhook), keeping the messages not yet read."}}};
    }
    const std::string url = sdk::string_member_or(request, "webhook_url");
    if (!looks_like_https_url(url))
        return {{"performed", false},
                {"error", "webhook_url must be the instance's public https:// address, e.g. "
                          "https://hub.example.ru/hooks/<tenant>/<instance> (Telegram accepts ports 443, 80, 88, 8443)"}};
    // drop_pending_updates stays false: the updates waiting are customers' messages.
    Json body = {{"url", url},
                 {"secret_token", options_.secret_token},
                 {"allowed_updates", webhook_update_kinds()},
                 {"drop_pending_updates", false}};
    ApiAnswer set = call("setWebhook", body, kControlTimeoutMs);
    if (!(set.status == 200 && set.ok)) return failure("setWebhook", set);

    Json steps = {"Webhook set to " + sdk::escape_control(url) + " (Telegram: " +
                      (set.description.empty() ? "ok" : set.description) + ").",
                  "Telegram sends customers' messages, blocks and button presses there, with the secret token "
                  "of option secret_token in every request."};
    Json out = {{"performed", true}, {"webhook_url", url}};
    Json info = webhook_status();
    if (info.contains("error")) steps.push_back("Could not read the webhook back: " + info["error"].get<std::string>());
    else {
        steps.push_back("Telegram reports " + info["pending_update_count"].dump() + " update(s) waiting.");
        if (info["last_error_message"].is_string())
            steps.push_back("Last delivery error Telegram remembers: " + info["last_error_message"].get<std::string>());
        out["webhook_info"] = info;
    }
    out["steps"] = std::move(steps);
    return out;
}

}  // namespace leadhub::telegram
