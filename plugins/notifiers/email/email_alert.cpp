// deliver() of an `alert` notice (leadhub/sdk/alert.hpp): the hub's text for named members of
// staff, one e-mail to each one's contacts.email, so a refusal of one address (550) cannot stop
// the others' mail as a shared RCPT list would. When nobody named has a usable address, the fixed
// addresses of the option `to` get it, the text starting with the recipients' names. Addresses
// that took the mail are remembered (sdk::DeliveredLedger, "email-sent/<idempotency key>") before
// a retry is answered, so the retry mails only who is still waiting. The subject and body
// templates are not used: the hub wrote the text.
#include "email_notifier.hpp"
#include "smtp_client.hpp"

#include <leadhub/sdk/alert.hpp>
#include <leadhub/sdk/safe_text.hpp>

#include <algorithm>

namespace leadhub::email {

using sdk::Outcome;

namespace {

constexpr const char* kLedgerPrefix = "email-sent";
constexpr std::size_t kMaxSubjectChars = 120;

struct Addressee {
    std::string address;
    std::string who;  // «Марина (m@salon.ru)», or the address alone for a fixed one
};

}  // namespace

std::string alert_subject(const std::string& text) {
    std::string line = text.substr(0, text.find_first_of("\r\n"));
    std::size_t chars = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
        if ((static_cast<unsigned char>(line[i]) & 0xC0) == 0x80) continue;  // inside a character
        if (chars++ == kMaxSubjectChars) {
            line = line.substr(0, i) + "…";
            break;
        }
    }
    return "leadhub: " + line;
}

Outcome EmailNotifier::deliver_alert(const sdk::Delivery& delivery, const std::string& job) {
    const sdk::AlertRead read = sdk::read_alert(delivery.payload);
    if (!read.alert) {
        host().error(job + read.problem);
        return Outcome::permanent("email: " + read.problem);
    }
    const sdk::Alert& alert = *read.alert;

    std::vector<Addressee> addressees;
    std::vector<sdk::RecipientOutcome> unreachable;
    std::vector<const sdk::AlertRecipient*> named;
    for (const auto& r : alert.to) {
        named.push_back(&r);
        const std::string address = r.contact("email");
        if (address.empty() || !is_plain_address(address)) {
            unreachable.push_back({"", r.who(), Outcome::permanent(address.empty() ? "no e-mail in their contacts"
                                                                                    : "not an e-mail address: " + sdk::escape_control(address))});
            continue;
        }
        if (std::none_of(addressees.begin(), addressees.end(), [&](const Addressee& a) { return a.address == address; }))
            addressees.push_back({address, r.who() + " (" + address + ")"});
    }
    std::string text = alert.text;
    if (addressees.empty()) {
        // Nobody named can get it: the instance's own addresses (the owner, a shared mailbox).
        if (settings_.fixed_to.empty()) {
            std::string why = alert.to.empty() ? "the alert names nobody" : "nobody it names has an e-mail address";
            for (const auto& u : unreachable) why += "; " + u.who + ": " + u.outcome.reason;
            const std::string reason = "email: the alert reached nobody: " + why + ", and option to has no fixed address";
            host().error(job + reason);
            return Outcome::permanent(reason);
        }
        if (!unreachable.empty()) host().warn(job + "alert to the fixed addresses instead of: " + sdk::alert_names(named));
        for (const auto& address : settings_.fixed_to) addressees.push_back({address, address});
        if (!named.empty()) text = sdk::alert_names(named) + ", " + text;
        unreachable.clear();  // the fixed addresses stand in for them
    }

    sdk::DeliveredLedger ledger(host(), kLedgerPrefix, delivery.idempotency_key);
    std::vector<sdk::RecipientOutcome> results = unreachable;
    const EmailOptions& o = settings_.options;
    for (const auto& a : addressees) {
        if (ledger.contains(a.address)) continue;  // an earlier attempt mailed it
        MailParts parts;
        parts.from = o.from;
        parts.from_name = o.from_name;
        parts.to = {a.address};
        parts.subject = alert_subject(text);
        parts.body = text + "\n";
        // One Message-ID per recipient's copy, the same on every attempt of the job.
        parts.message_id = message_id_for(delivery.idempotency_key + "." + a.address, o.from);
        parts.date_ms = host().now_ms();
        Outcome sent = submit(o, {o.from, parts.to, compose_message(parts)});
        if (sent.kind == Outcome::Kind::ok) {
            sent.external_id = parts.message_id;
            host().metric("email_sent");
        }
        results.push_back({a.address, a.who, sent});
    }
    return sdk::alert_outcome(host(), job, "email", ledger, results);
}

}  // namespace leadhub::email
