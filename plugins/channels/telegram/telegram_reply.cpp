// deliver(): a `reply` job becomes sendMessage calls to the customer's chat (a `notice` is the
// staff side's: telegram_notice.cpp).
//
// A text over Telegram's 4096 characters is sent as several messages (split at line breaks or
// spaces), the buttons under the last. Which parts went out is kept in the instance's state under
// the job's idempotency key, so a retry after part 2 of 3 failed sends part 3 only, and the
// customer never sees a part twice.
#include "telegram_api.hpp"
#include "telegram_channel.hpp"

#include <leadhub/sdk/exception_text.hpp>

namespace leadhub::telegram {

using sdk::Json;

namespace {

constexpr uint32_t kSendTimeoutMs = 15000;

std::string progress_key(const sdk::Delivery& delivery) { return "reply-progress:" + delivery.idempotency_key; }

}  // namespace

sdk::Outcome TelegramChannel::deliver(const sdk::Delivery& delivery) {
    const bool notice = delivery.kind == "notice";
    if (!notice && (delivery.kind != "reply" || !delivery.reply))
        return sdk::Outcome::permanent("telegram delivers replies and notices, not '" + sdk::escape_control(delivery.kind) + "'");
    sdk::Outcome outcome = notice ? deliver_notice(delivery) : send_reply(delivery);
    const std::string job = "telegram " + name() + ": " + delivery.kind + " job " + std::to_string(delivery.job_id) +
                            " attempt " + std::to_string(delivery.attempt) + " -> ";
    const std::string metric = notice ? "telegram_notices_" : "telegram_replies_";
    switch (outcome.kind) {
        case sdk::Outcome::Kind::ok:
            host().debug(job + "sent, message " + outcome.external_id);
            host().metric(metric + "ok");
            break;
        case sdk::Outcome::Kind::retry:
            host().warn(job + "will retry: " + outcome.reason);
            host().metric(metric + "retry");
            break;
        case sdk::Outcome::Kind::permanent:
            host().error(job + "failed: " + outcome.reason);
            host().metric(metric + "permanent");
            break;
    }
    return outcome;
}

sdk::Outcome TelegramChannel::send_reply(const sdk::Delivery& delivery) {
    const sdk::Reply& reply = *delivery.reply;
    const std::vector<std::string> parts = split_text(reply.text);
    if (parts.empty()) return sdk::Outcome::permanent("the reply has no text");

    // Parts already sent by an earlier attempt of this job (multi-part replies only).
    std::size_t sent = 0;
    Json ids = Json::array();
    if (parts.size() > 1)
        if (auto saved = host().state_get(progress_key(delivery))) {
            // Read without throwing: a damaged record means starting over, not a job that can never succeed.
            Json progress = sdk::parse_json(*saved);
            auto ids_it = progress.is_object() ? progress.find("ids") : progress.end();
            const auto recorded_parts = progress.is_object() ? sdk::integer_value<std::size_t>(progress.value("parts", Json()))
                                                             : std::nullopt;
            const auto recorded_sent = progress.is_object() ? sdk::integer_value<std::size_t>(progress.value("sent", Json()))
                                                            : std::nullopt;
            if (recorded_parts == parts.size() && recorded_sent && ids_it != progress.end() && ids_it->is_array() &&
                ids_it->size() == std::min(*recorded_sent, parts.size())) {
                sent = ids_it->size();
                ids = *ids_it;
            }
        }

    for (std::size_t i = sent; i < parts.size(); ++i) {
        Json body;
        try {
            const bool last = i + 1 == parts.size();
            body = send_message_body(reply.address, parts[i], last ? reply.buttons : std::vector<sdk::ReplyButton>{});
        } catch (const std::invalid_argument& e) {
            return sdk::Outcome::permanent(std::string("cannot send this reply: ") + e.what());
        }
        sdk::HttpResponse response = host().http(api_request(options_, "sendMessage", body, kSendTimeoutMs));
        sdk::Outcome outcome = classify_send(read_answer(response), response);
        if (outcome.kind != sdk::Outcome::Kind::ok) {
            if (i > 0) outcome.reason += " (part " + std::to_string(i + 1) + " of " + std::to_string(parts.size()) + ")";
            return outcome;
        }
        ids.push_back(outcome.external_id);
        if (parts.size() > 1)
            host().state_put(progress_key(delivery),
                             sdk::dump(Json{{"parts", parts.size()}, {"sent", i + 1}, {"ids", ids}}));
    }
    // The message ids, in order ("156" or "156,157,158").
    std::string external_id;
    for (const auto& id : ids) external_id += (external_id.empty() ? "" : ",") + (id.is_string() ? id.get<std::string>() : id.dump());
    return sdk::Outcome::ok(external_id);
}

}  // namespace leadhub::telegram
