// The `alert` notice (docs/crm-and-notifiers.md, "Alerts"): a plain text the hub wrote for named
// members of staff (an SLA reminder, a cancelled appointment, …), and what every notifier needs to
// deliver it to each of them once:
//
//   read_alert         the payload read without throwing: a malformed one is a reason, never a crash
//   DeliveredLedger    who earlier attempts of the job reached (Host::state_put, key
//                      "<prefix>/<idempotency key>"), so a retry reaches only the others
//   alert_outcome      one attempt's per-recipient outcomes combined: a retry while anyone waits
//                      for one, `ok` once everybody reachable was reached (refusals logged), a
//                      `permanent` only when nobody was reached at all
#pragma once

#include <leadhub/sdk/host.hpp>
#include <leadhub/sdk/json.hpp>
#include <leadhub/sdk/safe_text.hpp>
#include <leadhub/sdk/types.hpp>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

namespace leadhub::sdk {

inline constexpr const char* kAlertEvent = "alert";

// More recipients than this is a hub bug, not a team: refused rather than sent to all of them.
inline constexpr std::size_t kMaxAlertRecipients = 100;

struct AlertRecipient {
    std::string id;    // the staff id ("" when the hub gave none)
    std::string name;  // as people call them ("" when the hub gave none)
    Json contacts = Json::object();

    // The contact of a kind ("telegram", "phone", "email"): a string as it is, an integer as its
    // digits (a Telegram id may come as a number); "" when there is none.
    std::string contact(const char* kind) const {
        auto it = contacts.find(kind);
        if (it == contacts.end()) return {};
        if (it->is_string()) return it->get<std::string>();
        if (auto n = integer_value<int64_t>(*it)) return std::to_string(*n);
        return {};
    }
    // Who, for people and reasons: the name, else the id.
    std::string who() const { return escape_control(name.empty() ? (id.empty() ? "?" : id) : name); }
    // The key a ledger remembers them by: the staff id, else their place in `to` (stable across
    // the attempts of one job: the payload is stored with it).
    std::string key(std::size_t index) const { return id.empty() ? "#" + std::to_string(index) : "staff:" + id; }
};

struct Alert {
    std::string alert;  // what it is: sla_reminder, complaint, …; any value is accepted
    std::string text;   // plain text, surrounding white space trimmed, never empty
    std::vector<AlertRecipient> to;
    bool card = false;  // where a notifier has a lead card (telegram): attach it
};

struct AlertRead {
    std::optional<Alert> alert;
    std::string problem;  // why there is none, naming the field (plain English); "" when read
};

inline bool is_alert(const Json& payload) {
    return payload.is_object() && string_member_or(payload, "event") == kAlertEvent;
}

// Reads a notice's payload as an alert. Never throws. `text` must be a non-empty string; `to`
// absent or null is no named recipient (the notifier's fallback gets it), anything but a list of
// objects is refused; a recipient's `contacts` that is not an object is no contacts.
inline AlertRead read_alert(const Json& payload) {
    AlertRead out;
    if (!payload.is_object()) {
        out.problem = "the alert's payload is not an object";
        return out;
    }
    Alert alert;
    alert.alert = string_member_or(payload, "alert");
    auto text = payload.find("text");
    if (text == payload.end() || !text->is_string()) {
        out.problem = "the alert has no text (payload.text is missing or not a string)";
        return out;
    }
    const std::string& raw = text->get_ref<const std::string&>();
    const auto first = raw.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) {
        out.problem = "the alert's text is empty (payload.text)";
        return out;
    }
    alert.text = raw.substr(first, raw.find_last_not_of(" \t\r\n") - first + 1);
    if (auto to = payload.find("to"); to != payload.end() && !to->is_null()) {
        if (!to->is_array()) {
            out.problem = "the alert's payload.to is not a list of recipients";
            return out;
        }
        if (to->size() > kMaxAlertRecipients) {
            out.problem = "the alert names " + std::to_string(to->size()) + " recipients (payload.to), more than " +
                          std::to_string(kMaxAlertRecipients);
            return out;
        }
        for (std::size_t i = 0; i < to->size(); ++i) {
            const Json& entry = (*to)[i];
            if (!entry.is_object()) {
                out.problem = "the alert's payload.to[" + std::to_string(i) + "] is not an object";
                return out;
            }
            AlertRecipient r;
            r.id = string_member_or(entry, "id");
            r.name = string_member_or(entry, "name");
            if (auto c = entry.find("contacts"); c != entry.end() && c->is_object()) r.contacts = *c;
            alert.to.push_back(std::move(r));
        }
    }
    auto card = payload.find("card");
    alert.card = card != payload.end() && card->is_boolean() && card->get<bool>();
    out.alert = std::move(alert);
    return out;
}

// The names of recipients for a message that goes to someone else on their behalf (a staff chat,
// the owner's fixed number): "Марина, Иван".
inline std::string alert_names(const std::vector<const AlertRecipient*>& recipients) {
    std::string out;
    for (const auto* r : recipients) out += (out.empty() ? "" : ", ") + r->who();
    return out;
}

// What earlier attempts of one job delivered, per recipient key (a phone, an address, a staff
// id), with the id each delivery got. Read at construction; save() stores it under
// "<prefix>/<idempotency key>" and is durable on return, so the caller saves it before it returns
// an outcome that will be retried. Without an idempotency key nothing is read or stored.
class DeliveredLedger {
public:
    DeliveredLedger(const Host& host, const std::string& prefix, const std::string& idempotency_key)
        : host_(host), key_(idempotency_key.empty() ? std::string() : prefix + "/" + idempotency_key) {
        if (key_.empty()) return;
        if (auto stored = host_.state_get(key_)) {
            Json j = parse_json(*stored);
            if (j.is_object()) done_ = std::move(j);
        }
    }
    bool contains(const std::string& key) const { return done_.contains(key); }
    bool empty() const { return done_.empty(); }
    void record(const std::string& key, const std::string& id) { done_[key] = id; }
    // The non-empty ids, comma-separated, each once, in the order of the keys.
    std::string ids() const {
        std::vector<std::string> seen;
        std::string out;
        for (const auto& [key, id] : done_.items()) {
            if (!id.is_string() || id.get_ref<const std::string&>().empty()) continue;
            const std::string& text = id.get_ref<const std::string&>();
            if (std::find(seen.begin(), seen.end(), text) != seen.end()) continue;
            seen.push_back(text);
            out += (out.empty() ? "" : ",") + text;
        }
        return out;
    }
    bool save() const { return !key_.empty() && host_.state_put(key_, dump(done_)); }

private:
    const Host& host_;
    std::string key_;
    Json done_ = Json::object();
};

// One recipient's outcome in one attempt.
struct RecipientOutcome {
    std::string key;  // the ledger's key; "" for a recipient that cannot be reached at all (no contact)
    std::string who;  // for reasons: «Марина (784512396)»
    Outcome outcome;  // ok: external_id is the message's id
};

// Combines one attempt of an alert. Reached recipients are recorded in `ledger`; then:
//   anyone's outcome is retry        retry (the ledger saved first), the reason naming who waits
//                                    and who was refused for good
//   nobody reached, now or before    permanent: «<service>: the alert reached nobody: …»
//   otherwise                        ok with the ids; the refused ones are logged as a warning
// `job` prefixes the log lines ("telegram bot: job 7 attempt 1: ").
inline Outcome alert_outcome(const Host& host, const std::string& job, const std::string& service, DeliveredLedger& ledger,
                             const std::vector<RecipientOutcome>& results) {
    std::string waiting, refused;
    std::optional<int64_t> retry_after;
    bool reached_now = false;
    for (const auto& r : results) {
        switch (r.outcome.kind) {
            case Outcome::Kind::ok:
                ledger.record(r.key, r.outcome.external_id);
                reached_now = true;
                break;
            case Outcome::Kind::retry:
                waiting += (waiting.empty() ? "" : "; ") + r.who + ": " + r.outcome.reason;
                if (r.outcome.retry_after_ms) retry_after = std::max(retry_after.value_or(0), *r.outcome.retry_after_ms);
                break;
            case Outcome::Kind::permanent: refused += (refused.empty() ? "" : "; ") + r.who + ": " + r.outcome.reason; break;
        }
    }
    if (!waiting.empty()) {
        if (reached_now && !ledger.save()) host.error(job + "could not remember who got the alert: a retry may send it to them again");
        host.warn(job + "alert will be retried for: " + waiting + (refused.empty() ? "" : "; refused for good: " + refused));
        return Outcome::retry(service + ": " + waiting + (refused.empty() ? "" : "; refused for good: " + refused), retry_after);
    }
    if (ledger.empty()) {
        const std::string reason = service + ": the alert reached nobody: " + (refused.empty() ? "no recipient" : refused);
        host.error(job + reason);
        return Outcome::permanent(reason);
    }
    // An `ok` carries no reason across the plugin boundary: the log is where the owner reads it.
    if (!refused.empty()) host.warn(job + "alert delivered, but not to: " + refused);
    return Outcome::ok(ledger.ids());
}

}  // namespace leadhub::sdk
