#include "vk_source.hpp"

#include "vk_api.hpp"
#include "vk_connect.hpp"
#include "vk_event.hpp"

#include <leadhub/sdk/safe_text.hpp>

namespace leadhub::vk {

using sdk::Json;

VkChannel::VkChannel(const sdk::Context& ctx) : Source(ctx), options_(read_vk_options(ctx.options)) {}

VkChannel::~VkChannel() { stop(); }

void VkChannel::start() {
    if (options_.mode == Mode::callback) {
        host().register_route("POST", "/");
        return;
    }
    poller_ = std::make_unique<LongPoller>(host(), options_, name(), status_);
    poller_->start();
}

void VkChannel::stop() {
    if (poller_) poller_->stop();
}

sdk::WebhookResult VkChannel::refuse(const sdk::HttpRequest& request, int status, std::string reason) const {
    reason = sdk::escape_control(reason);
    host().warn("vk " + name() + ": refused a request from " + sdk::escape_control(request.remote_addr) + " with " +
                std::to_string(status) + ": " + reason);
    host().metric("vk_refused");
    return sdk::WebhookResult::reject(status, std::move(reason));
}

sdk::WebhookResult VkChannel::on_webhook(const sdk::HttpRequest& request) {
    if (options_.mode != Mode::callback)
        return refuse(request, 404, "this VK instance polls VK (mode longpoll) and takes no webhooks");
    if (request.method != "POST") {
        auto r = refuse(request, 405, "method not allowed: VK posts its events");
        r.headers["Allow"] = "POST";
        return r;
    }
    // VK signs nothing: its secret travels inside the JSON, so the body is parsed (with the
    // SDK's bounds) to read it, and nothing else is looked at before it matches.
    sdk::JsonError error;
    Json body = sdk::parse_json(request.body, &error);
    if (!body.is_object())
        return refuse(request, 400, body.is_discarded() ? "the body is not JSON: " + error.message
                                                        : "the body is not a JSON object");
    auto secret = body.find("secret");
    if (secret != body.end()) {
        if (!secret->is_string() || !constant_time_equals(secret->get_ref<const std::string&>(), options_.secret))
            return refuse(request, 403, "forbidden: wrong secret");
    } else if (sdk::string_member_or(body, "type") != "confirmation") {
        // VK's documented confirmation request carries no secret; it reveals only the
        // confirmation string, which VK itself shows to anyone configuring the server.
        return refuse(request, 403, "forbidden: no secret");
    }

    ReadEvent event = read_event(body, options_.group_id);
    host().metric("vk_events");
    status_.success(host().now_ms());
    sdk::WebhookResult result;
    switch (event.kind) {
        case EventKind::confirmation:
            host().info("vk " + name() + ": answered VK's confirmation request");
            result.body = options_.confirmation_code;
            return result;
        case EventKind::other_community: return refuse(request, 403, event.reason);
        case EventKind::malformed: return refuse(request, 400, event.reason);
        case EventKind::ignored:
            host().debug("vk " + name() + ": " + sdk::escape_control(event.type) + " ignored: " + event.reason);
            return result;
        case EventKind::messages: break;
    }
    host().metric("vk_messages", static_cast<double>(event.messages.size()));
    status_.count_messages(static_cast<int64_t>(event.messages.size()));
    result.messages = std::move(event.messages);
    return result;
}

sdk::Outcome VkChannel::deliver(const sdk::Delivery& delivery) {
    if (delivery.kind != "reply" || !delivery.reply) return sdk::Outcome::permanent("vk only delivers replies");
    std::string error;
    auto request = send_request(options_, delivery, &error);
    if (!request) return sdk::Outcome::permanent(error);
    sdk::Outcome outcome = classify_send(host().http(*request), host().now_ms());
    // Logged without the request: its body carries the access token.
    const std::string job = "vk " + name() + ": reply job " + std::to_string(delivery.job_id) + " attempt " +
                            std::to_string(delivery.attempt) + " -> ";
    switch (outcome.kind) {
        case sdk::Outcome::Kind::ok:
            host().debug(job + "message " + outcome.external_id);
            host().metric("vk_replies_sent");
            break;
        case sdk::Outcome::Kind::retry:
            host().warn(job + "will retry: " + outcome.reason);
            host().metric("vk_replies_retry");
            break;
        case sdk::Outcome::Kind::permanent:
            host().error(job + "failed: " + outcome.reason);
            host().metric("vk_replies_failed");
            break;
    }
    return outcome;
}

Json VkChannel::connect(const Json& request) {
    const std::string url = sdk::string_member_or(request, "webhook_url");
    if (options_.mode == Mode::callback) return callback_connect_steps(options_, url);
    // groups.setLongPollSettings switches Bots Long Poll on; it needs the token's "manage"
    // right, which a messages-only token lacks: then the owner does it by hand.
    Params params{{"group_id", std::to_string(options_.group_id)}, {"enabled", "1"}, {"api_version", options_.api_version}};
    for (const auto& type : needed_event_types()) params.emplace_back(type, "1");
    ApiAnswer answer = read_answer(host().http(method_request(options_, "groups.setLongPollSettings", params)));
    if (answer.kind != ApiAnswer::Kind::ok)
        return longpoll_connect_steps(options_, "The hub could not switch the Long Poll API on itself (" +
                                                    describe_failure(answer) + "): do it in the settings");
    Json out = longpoll_connect_steps(options_, "");
    out["performed"] = true;
    out["steps"] = Json::array({"Long Poll API switched on with API version " + options_.api_version +
                                    " and the events message_new, message_reply, message_deny",
                                "Make sure community messages are on (Управление → Сообщения)"});
    return out;
}

Json VkChannel::control(const Json& request) {
    const std::string action = sdk::string_member_or(request, "action");
    if (action == "status") {
        Json status = status_.to_json(to_string(options_.mode));
        status["group_id"] = options_.group_id;
        return status;
    }
    if (action == "connect") return connect(request);
    throw std::invalid_argument("action '" + sdk::escape_control(action) + "' is not supported by vk (status, connect)");
}

}  // namespace leadhub::vk
