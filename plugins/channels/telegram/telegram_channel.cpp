#include "telegram_channel.hpp"

#include <leadhub/sdk/safe_text.hpp>

namespace leadhub::telegram {

TelegramChannel::TelegramChannel(const sdk::Context& ctx)
    : Source(ctx), options_(read_telegram_options(ctx.options)), staff_(staff_config(options_)) {
    if (options_.mode == Mode::polling) poller_ = std::make_unique<Poller>(host(), options_, name());
}

void TelegramChannel::start() {
    // Telegram posts every update to the URL given to setWebhook: the instance's own address,
    // /hooks/<tenant>/<instance>. A polling instance has no webhook to answer.
    if (poller_) poller_->start();
    else host().register_route("POST", "/");
}

void TelegramChannel::stop() {
    if (poller_) poller_->stop();
}

sdk::WebhookResult TelegramChannel::refuse(const sdk::HttpRequest& request, int status, std::string reason) const {
    reason = sdk::escape_control(reason);
    host().warn("telegram " + name() + ": refused " + sdk::escape_control(request.method) + " from " +
                sdk::escape_control(request.remote_addr) + " with " + std::to_string(status) + ": " + reason);
    host().metric("telegram_refused");
    return sdk::WebhookResult::reject(status, std::move(reason));
}

sdk::WebhookResult TelegramChannel::on_webhook(const sdk::HttpRequest& request) {
    // Telegram signs nothing: the secret given to setWebhook, echoed in this header, is the only
    // proof, checked before a byte of the body is read. A polling instance has no secret and
    // accepts no webhook at all.
    const std::string secret = request.header("X-Telegram-Bot-Api-Secret-Token");
    if (options_.secret_token.empty() || secret.empty() || !constant_time_equals(secret, options_.secret_token))
        return refuse(request, 403, "forbidden: wrong or missing X-Telegram-Bot-Api-Secret-Token");
    if (request.method != "POST") {
        auto r = refuse(request, 405, "method not allowed: Telegram sends updates with POST");
        r.headers["Allow"] = "POST";
        return r;
    }
    ParsedBody parsed = parse_update_body(request.body, staff_);
    if (parsed.status != 200) return refuse(request, parsed.status, parsed.error);
    answer_unhandled_press(host(), options_, name(), parsed.update);

    sdk::WebhookResult result;
    if (parsed.update.messages.empty()) {
        // Answered 200 all the same: anything else makes Telegram repeat the update for a day.
        host().debug("telegram " + name() + ": update " + std::to_string(parsed.update.update_id.value_or(0)) +
                     " ignored: " + parsed.update.ignored);
        host().metric("telegram_ignored");
        return result;
    }
    host().metric("telegram_messages", static_cast<double>(parsed.update.messages.size()));
    result.messages = std::move(parsed.update.messages);
    return result;
}

}  // namespace leadhub::telegram
