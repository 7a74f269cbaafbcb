// deliver_alert (sms_notice.hpp): an alert's text to the phones of the staff it names.
#include "ru_phone.hpp"
#include "sms_notice.hpp"

#include <leadhub/sdk/alert.hpp>

#include <algorithm>

namespace leadhub::sms {

using sdk::Outcome;

namespace {

struct Addressee {
    std::string phone;  // 7XXXXXXXXXX
    std::string who;    // «Марина (79130000001)», or the number alone for a fixed one
};

}  // namespace

Outcome deliver_alert(const sdk::Host& host, const std::string& instance, const sdk::Delivery& delivery,
                      const NoticeSettings& settings, const SendFn& send) {
    const std::string job = settings.gateway + " " + instance + ": job " + std::to_string(delivery.job_id) + " attempt " +
                            std::to_string(delivery.attempt) + ": ";
    const sdk::AlertRead read = sdk::read_alert(delivery.payload);
    if (!read.alert) {
        host.error(job + read.problem);
        return Outcome::permanent(settings.gateway + ": " + read.problem);
    }
    const sdk::Alert& alert = *read.alert;

    // Each named recipient's number; who has none (or one no SMS reaches) is said, not texted.
    std::vector<Addressee> addressees;
    std::vector<sdk::RecipientOutcome> unreachable;
    std::vector<const sdk::AlertRecipient*> named;
    for (const auto& r : alert.to) {
        named.push_back(&r);
        const std::string contact = r.contact("phone");
        std::string problem;
        const std::string phone = contact.empty() ? std::string() : normalize_ru_mobile(contact, problem);
        if (phone.empty()) {
            unreachable.push_back({"", r.who(), Outcome::permanent(contact.empty() ? "no phone in their contacts" : "the phone is not for SMS: " + problem)});
            continue;
        }
        if (std::none_of(addressees.begin(), addressees.end(), [&](const Addressee& a) { return a.phone == phone; }))
            addressees.push_back({phone, r.who() + " (" + phone + ")"});
    }
    std::string text = alert.text;
    if (addressees.empty()) {
        // Nobody named can get it: the instance's own numbers (the owner, a duty phone).
        if (settings.to.fixed.empty()) {
            std::string why = alert.to.empty() ? "the alert names nobody" : "nobody it names has a Russian mobile number";
            for (const auto& u : unreachable) why += "; " + u.who + ": " + u.outcome.reason;
            host.error(job + "alert not sent: " + why + ", and option to has no fixed number");
            return Outcome::permanent(settings.gateway + ": the alert reached nobody: " + why + ", and option to has no fixed number");
        }
        if (!unreachable.empty()) host.warn(job + "alert to the fixed numbers instead of: " + sdk::alert_names(named));
        for (const auto& phone : settings.to.fixed) addressees.push_back({phone, phone});
        if (!named.empty()) text = sdk::alert_names(named) + ", " + text;
        unreachable.clear();  // the fixed numbers stand in for them
    }
    text = cut_text(text);

    sdk::DeliveredLedger ledger(host, kSentLedgerPrefix, delivery.idempotency_key);
    std::vector<std::string> pending;
    for (const auto& a : addressees)
        if (!ledger.contains(a.phone)) pending.push_back(a.phone);
    std::vector<sdk::RecipientOutcome> results = unreachable;
    if (!pending.empty()) {
        const std::vector<NumberResult> sent = send(pending, text);
        for (const auto& phone : pending) {
            auto it = std::find_if(sent.begin(), sent.end(), [&](const NumberResult& r) { return r.phone == phone; });
            const NumberResult r = it != sent.end() ? *it : NumberResult{phone, Outcome::Kind::retry, "шлюз не сообщил, ушло ли SMS на этот номер", {}};
            const auto who = std::find_if(addressees.begin(), addressees.end(), [&](const Addressee& a) { return a.phone == phone; })->who;
            Outcome o = r.kind == Outcome::Kind::ok ? Outcome::ok(r.detail)
                        : r.kind == Outcome::Kind::retry ? Outcome::retry(r.detail, r.retry_after_ms)
                                                         : Outcome::permanent(r.detail);
            results.push_back({phone, who, o});
        }
    }
    const auto texted = std::count_if(results.begin(), results.end(), [](const auto& r) { return r.outcome.kind == Outcome::Kind::ok; });
    if (texted > 0) host.metric("sms_sent", static_cast<double>(texted));
    return sdk::alert_outcome(host, job, settings.gateway, ledger, results);
}

}  // namespace leadhub::sms
