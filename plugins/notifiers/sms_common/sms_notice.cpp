#include "sms_notice.hpp"

#include <leadhub/sdk/alert.hpp>
#include <leadhub/sdk/safe_text.hpp>
#include <leadhub/sdk/text_template.hpp>

#include <algorithm>

namespace leadhub::sms {

using sdk::Outcome;

std::vector<NumberResult> same_for_all(const std::vector<std::string>& phones, Outcome::Kind kind, const std::string& detail,
                                       std::optional<int64_t> retry_after_ms) {
    std::vector<NumberResult> out;
    for (const auto& phone : phones) out.push_back({phone, kind, detail, retry_after_ms});
    return out;
}

std::string cut_text(const std::string& text, std::size_t max_chars) {
    // Where each character starts: the bytes that are not continuation bytes (10xxxxxx).
    std::size_t chars = 0, keep = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
        if (chars + 1 == max_chars) keep = i;  // where the ellipsis goes if the text is longer
        ++chars;
    }
    if (chars <= max_chars || max_chars == 0) return text;
    return text.substr(0, keep) + "…";
}

namespace {

std::string rendered_text(const NoticeSettings& settings, const sdk::Json& lead) {
    std::string text = sdk::render_template(settings.text_template, lead);
    auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return {};
    text = text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
    return cut_text(text);
}

}  // namespace

Outcome deliver_notice(const sdk::Host& host, const std::string& instance, const sdk::Delivery& delivery,
                       const NoticeSettings& settings, const SendFn& send) {
    const std::string job = settings.gateway + " " + instance + ": job " + std::to_string(delivery.job_id) + " attempt " +
                            std::to_string(delivery.attempt) + ": ";
    if (delivery.kind != "notice" && delivery.kind != "lead")
        return Outcome::permanent(settings.gateway + " только уведомляет сотрудников о заявках: доставка вида «" +
                                  sdk::escape_control(delivery.kind) + "» ему не по адресу");
    // An alert is a text for named staff (sms_alert.cpp).
    const std::string event = sdk::string_member_or(delivery.payload, "event");
    if (event == sdk::kAlertEvent) return deliver_alert(host, instance, delivery, settings, send);
    // A staff action's result or a later message: SMS has no card to update and no buttons.
    if (!event.empty()) {
        host.debug(job + "nothing to text for event " + sdk::escape_control(event));
        return Outcome::ok();
    }
    const sdk::Json& lead = delivery.lead.fields;
    ResolvedPhones resolved = resolve_phones(settings.to, lead);
    if (resolved.phones.empty()) return Outcome::permanent("SMS некому отправить: " + resolved.problem);
    if (!resolved.problem.empty()) host.warn(job + "texting the fixed numbers only: " + resolved.problem);
    const std::string text = rendered_text(settings, lead);
    if (text.empty()) return Outcome::permanent("шаблон SMS (опция template) дал пустой текст для этой заявки");

    sdk::DeliveredLedger ledger(host, kSentLedgerPrefix, delivery.idempotency_key);
    std::vector<std::string> pending;
    for (const auto& phone : resolved.phones)
        if (!ledger.contains(phone)) pending.push_back(phone);
    if (pending.empty()) return Outcome::ok(ledger.ids());  // an earlier attempt texted everyone

    std::vector<NumberResult> results = send(pending, text);
    std::string retry_reason, permanent_reason;
    std::optional<int64_t> retry_after;
    bool any_ok = false, all_ok = true;
    for (const auto& phone : pending) {
        auto it = std::find_if(results.begin(), results.end(), [&](const NumberResult& r) { return r.phone == phone; });
        NumberResult r = it != results.end() ? *it : NumberResult{phone, Outcome::Kind::retry, "шлюз не сообщил, ушло ли SMS на этот номер", {}};
        if (r.kind == Outcome::Kind::ok) {
            ledger.record(phone, r.detail);
            any_ok = true;
            continue;
        }
        all_ok = false;
        std::string& reason = r.kind == Outcome::Kind::retry ? retry_reason : permanent_reason;
        reason += (reason.empty() ? "" : "; ") + phone + ": " + r.detail;
        if (r.kind == Outcome::Kind::retry && r.retry_after_ms) retry_after = std::max(retry_after.value_or(0), *r.retry_after_ms);
    }
    if (all_ok) {
        host.metric("sms_sent", static_cast<double>(pending.size()));
        return Outcome::ok(ledger.ids());
    }
    if (any_ok && !ledger.save()) host.error(job + "could not remember which numbers got the SMS: a retry may text them again");
    if (!retry_reason.empty()) {
        // A permanent refusal of one number is repeated when the others are retried: it says so then.
        host.warn(job + "will retry: " + retry_reason + (permanent_reason.empty() ? "" : "; refused for good: " + permanent_reason));
        return Outcome::retry(settings.gateway + ": " + retry_reason, retry_after);
    }
    host.error(job + "refused: " + permanent_reason);
    return Outcome::permanent(settings.gateway + " не отправил SMS: " + permanent_reason);
}

}  // namespace leadhub::sms
