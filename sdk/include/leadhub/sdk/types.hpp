// The data that crosses the plugin boundary, as typed C++ with its JSON form.
//
//   Message  a source -> the hub: one customer message as the channel extracted it
//   Lead     the hub's record of an enquiry, as /api/leads shows it
//   Delivery the hub -> a sink or notifier: one job (a lead to put somewhere, or a notice)
//   Outcome  a sink -> the hub: ok / retry / permanent; the hub owns retries
#pragma once

#include <leadhub/sdk/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace leadhub::sdk {

using Utm = std::map<std::string, std::string>;

// What a source's message is. Only a customer's message opens or joins a lead and is read; the
// others are recorded on the contact's open conversation (and open nothing):
//   customer_message  the customer wrote (or called)
//   business_message  the business wrote to the customer outside the hub (a platform's echo of
//                     the business's own message): the conversation has been answered
//   customer_blocked  the customer blocked the bot or unsubscribed: replies will fail
// and two that are not a customer's words but act on a lead, as the admin API would:
//   staff_action      a member of staff pressed a button under a lead card or answered it
//                     (Message::staff_action says what)
//   lead_status       a CRM moved the lead to another stage (Message::lead_status says where)
enum class MessageEvent { customer_message, business_message, customer_blocked, staff_action, lead_status };

inline const char* to_string(MessageEvent e) {
    switch (e) {
        case MessageEvent::business_message: return "business_message";
        case MessageEvent::customer_blocked: return "customer_blocked";
        case MessageEvent::staff_action: return "staff_action";
        case MessageEvent::lead_status: return "lead_status";
        case MessageEvent::customer_message: return "customer_message";
    }
    return "customer_message";
}

// Throws std::invalid_argument on a name that is none of the above.
inline MessageEvent message_event_from_string(const std::string& name) {
    if (name.empty() || name == "customer_message") return MessageEvent::customer_message;
    if (name == "business_message") return MessageEvent::business_message;
    if (name == "customer_blocked") return MessageEvent::customer_blocked;
    if (name == "staff_action") return MessageEvent::staff_action;
    if (name == "lead_status") return MessageEvent::lead_status;
    throw std::invalid_argument("unknown message event '" + escape_control(name) + "'");
}

// What a member of staff did from a notifier's chat (event staff_action). The hub finds the
// member by `staff_external_id` among the tenant's staff contacts of kind `channel` (e.g. the
// Telegram user id under `telegram`): a press by anyone else does nothing. It acts as the admin
// API would and sends the result back to the same instance as a notice whose payload holds
// {"event": "staff_action_result", "action", "result", "lead", "answer_to"} (docs/crm-and-notifiers.md).
struct StaffAction {
    std::string lead_ref;           // the lead as the card named it: "42" or "lead-42"
    std::string action;             // take, later, junk, booked, reply
    std::string staff_external_id;  // the platform's id of who did it
    std::string text;               // action reply: what they wrote, relayed to the customer
    Json answer_to = Json::object();  // opaque to the hub: where the result goes (the press, the card)
};

// A CRM's change of a lead (event lead_status). The lead is found by `lead_id` when the CRM
// carries the hub's id, else by `external_id`: the id this same instance returned when it put
// the lead into the CRM. `status` is already the hub's: the plugin maps the CRM's stages with its
// own option (crm_status_map).
struct LeadStatusUpdate {
    std::optional<int64_t> lead_id;
    std::string external_id;
    std::string status;      // new, in_work, booked, visited, no_show, cancelled, lost, nurture
    std::string crm_status;  // the stage as the CRM names it, for the history
    std::string reason;      // lost: why, in the CRM's words
    std::string booked_for;  // booked: the visit's local date and time, "YYYY-MM-DDTHH:MM", if a field holds it
    std::string changed_by;  // who moved it, as the CRM names them (a user id or name)
};

inline Json to_json(const StaffAction& a) {
    return {{"lead_ref", a.lead_ref}, {"action", a.action}, {"staff_external_id", a.staff_external_id},
            {"text", a.text}, {"answer_to", a.answer_to}};
}

inline StaffAction staff_action_from_json(const Json& j) {
    if (!j.is_object()) throw std::invalid_argument("a staff action must be an object");
    StaffAction a;
    a.lead_ref = string_member_or(j, "lead_ref");
    a.action = string_member_or(j, "action");
    a.staff_external_id = string_member_or(j, "staff_external_id");
    a.text = string_member_or(j, "text");
    if (auto it = j.find("answer_to"); it != j.end() && it->is_object()) a.answer_to = *it;
    return a;
}

inline Json to_json(const LeadStatusUpdate& u) {
    Json j = {{"external_id", u.external_id}, {"status", u.status}, {"crm_status", u.crm_status},
              {"reason", u.reason}, {"booked_for", u.booked_for}, {"changed_by", u.changed_by}};
    j["lead_id"] = u.lead_id ? Json(*u.lead_id) : Json(nullptr);
    return j;
}

inline LeadStatusUpdate lead_status_from_json(const Json& j) {
    if (!j.is_object()) throw std::invalid_argument("a lead status update must be an object");
    LeadStatusUpdate u;
    if (auto it = j.find("lead_id"); it != j.end() && !it->is_null()) {
        auto id = integer_value<int64_t>(*it);
        if (!id) throw std::invalid_argument("a lead status update's lead_id must be an integer");
        u.lead_id = *id;
    }
    u.external_id = string_member_or(j, "external_id");
    u.status = string_member_or(j, "status");
    u.crm_status = string_member_or(j, "crm_status");
    u.reason = string_member_or(j, "reason");
    u.booked_for = string_member_or(j, "booked_for");
    u.changed_by = string_member_or(j, "changed_by");
    return u;
}

struct Message {
    std::string channel;  // telegram, whatsapp, instagram, vk, call, webform, ...
    std::optional<std::string> external_user_id;
    std::optional<std::string> external_message_id;  // the platform's id: repeats are dropped by it
    std::optional<std::string> name;
    std::optional<std::string> phone;  // E.164 where the channel can tell
    std::optional<std::string> email;
    std::optional<std::string> text;
    Utm utm;                          // empty: none
    Json extra = Json::object();      // channel specifics, e.g. {"call": {...}}, {"provider": "tilda"}
    MessageEvent event = MessageEvent::customer_message;
    // Where a reply to this customer goes on this channel, in the channel's own terms (Telegram
    // {"chat_id": 111}, VK {"peer_id": 5}, WhatsApp {"to": "79161234567", "phone_number_id": "…"}).
    // Opaque to the hub: stored with the message and handed back, from the conversation's latest
    // customer message, in a `reply` delivery to the same source instance. Empty: no replies.
    Json address = Json::object();
    std::optional<StaffAction> staff_action;    // event staff_action
    std::optional<LeadStatusUpdate> lead_status; // event lead_status
};

inline Json utm_to_json(const Utm& utm) {
    if (utm.empty()) return nullptr;
    Json out = Json::object();
    for (const auto& [k, v] : utm) out[k] = v;
    return out;
}

// From a message that is not needed afterwards: its strings and `extra` tree are moved, not
// copied (the SDK's handle_http does this on every webhook).
inline Json to_json(Message&& m) {
    auto take = [](std::optional<std::string>& v) { return v ? Json(std::move(*v)) : Json(nullptr); };
    Json j = Json::object();
    j["channel"] = std::move(m.channel);
    j["external_user_id"] = take(m.external_user_id);
    j["external_message_id"] = take(m.external_message_id);
    j["name"] = take(m.name);
    j["phone"] = take(m.phone);
    j["email"] = take(m.email);
    j["text"] = take(m.text);
    j["utm"] = utm_to_json(m.utm);
    if (!m.extra.empty()) j["extra"] = std::move(m.extra);
    if (m.event != MessageEvent::customer_message) j["event"] = to_string(m.event);
    if (!m.address.empty()) j["address"] = std::move(m.address);
    if (m.staff_action) j["staff_action"] = to_json(*m.staff_action);
    if (m.lead_status) j["lead_status"] = to_json(*m.lead_status);
    return j;
}

inline Json to_json(const Message& m) { return to_json(Message(m)); }

// The readers below copy parts of their input (a message's `extra`, a lead's fields), and a copy
// recurses once per level: a value nested deeper than `max_depth` is refused first, whoever
// parsed it (parse_json in json.hpp refuses it while parsing).
inline void require_depth(const Json& j, std::size_t max_depth, const char* what) {
    if (!within_depth(j, max_depth))
        throw std::invalid_argument(std::string(what) + " nested deeper than " + std::to_string(max_depth) + " levels");
}

// Throws nlohmann::json::exception on a wrong type, std::invalid_argument on a message nested
// deeper than kMaxJsonDepth; callers at the boundary catch both (std::exception).
inline Message message_from_json(const Json& j) {
    require_depth(j, kMaxJsonDepth, "a message");
    Message m;
    m.channel = j.value("channel", std::string());
    m.external_user_id = opt_string(j, "external_user_id");
    m.external_message_id = opt_string(j, "external_message_id");
    m.name = opt_string(j, "name");
    m.phone = opt_string(j, "phone");
    m.email = opt_string(j, "email");
    m.text = opt_string(j, "text");
    if (auto it = j.find("utm"); it != j.end() && it->is_object())
        for (const auto& [k, v] : it->items()) m.utm[k] = v.get<std::string>();
    if (auto it = j.find("extra"); it != j.end() && it->is_object()) m.extra = *it;
    if (auto it = j.find("event"); it != j.end() && it->is_string()) m.event = message_event_from_string(it->get<std::string>());
    if (auto it = j.find("address"); it != j.end() && it->is_object()) m.address = *it;
    if (auto it = j.find("staff_action"); it != j.end() && !it->is_null()) m.staff_action = staff_action_from_json(*it);
    if (auto it = j.find("lead_status"); it != j.end() && !it->is_null()) m.lead_status = lead_status_from_json(*it);
    if (m.event == MessageEvent::staff_action && !m.staff_action)
        throw std::invalid_argument("a staff_action message needs its staff_action");
    if (m.event == MessageEvent::lead_status && !m.lead_status)
        throw std::invalid_argument("a lead_status message needs its lead_status");
    return m;
}

struct Lead {
    int64_t id = 0;
    std::string tenant;
    std::string source;  // the source instance's name
    std::string channel;
    std::optional<std::string> external_user_id, external_message_id, name, phone, email, text;
    Utm utm;
    std::string created_at;  // ISO 8601, UTC
    Json fields = Json::object();  // every field as the hub sent it, including ones newer than this SDK
};

// A lead nests as deep as the message it came from (kMaxJsonDepth); deeper is refused as above.
inline Lead lead_from_json(const Json& j) {
    require_depth(j, kMaxJsonDepth, "a lead");
    Lead l;
    l.id = integer_member(j, "id", int64_t{0});
    l.tenant = j.value("tenant", std::string());
    l.source = j.value("source", std::string());
    l.channel = j.value("channel", std::string());
    l.external_user_id = opt_string(j, "external_user_id");
    l.external_message_id = opt_string(j, "external_message_id");
    l.name = opt_string(j, "name");
    l.phone = opt_string(j, "phone");
    l.email = opt_string(j, "email");
    l.text = opt_string(j, "text");
    if (auto it = j.find("utm"); it != j.end() && it->is_object())
        for (const auto& [k, v] : it->items()) l.utm[k] = v.get<std::string>();
    l.created_at = j.value("created_at", std::string());
    l.fields = j;
    return l;
}

// A quick-reply button under a reply, where the channel's API has them (Telegram inline
// keyboards, WhatsApp reply buttons, VK keyboards); channels without them send the text alone.
struct ReplyButton {
    std::string id;     // what comes back when the customer taps it (callback data, payload)
    std::string title;  // what the customer sees
};

// A `reply` delivery: a text to the customer on the channel the lead came from, delivered to the
// source instance that received the conversation's latest customer message.
struct Reply {
    std::string text;
    std::vector<ReplyButton> buttons;
    Json address = Json::object();  // Message::address of the conversation's latest customer message
    // When the customer last wrote (Unix ms; 0: unknown): channels with a customer-service window
    // (WhatsApp 24 h, Instagram 7 days) decide from it how they may answer.
    int64_t customer_last_message_at_ms = 0;
};

inline Json to_json(const Reply& r) {
    Json buttons = Json::array();
    for (const auto& b : r.buttons) buttons.push_back({{"id", b.id}, {"title", b.title}});
    Json j = {{"text", r.text}, {"buttons", buttons}, {"address", r.address},
              {"customer_last_message_at_ms", r.customer_last_message_at_ms}};
    return j;
}

// Throws std::invalid_argument when `j` is not a reply (no object, no text).
inline Reply reply_from_json(const Json& j) {
    if (!j.is_object()) throw std::invalid_argument("a reply must be an object");
    Reply r;
    auto text = j.find("text");
    if (text == j.end() || !text->is_string()) throw std::invalid_argument("a reply needs a text");
    r.text = text->get<std::string>();
    if (auto it = j.find("buttons"); it != j.end() && it->is_array())
        for (const auto& b : *it)
            if (b.is_object()) r.buttons.push_back({string_member_or(b, "id"), string_member_or(b, "title")});
    if (auto it = j.find("address"); it != j.end() && it->is_object()) r.address = *it;
    r.customer_last_message_at_ms = integer_member(j, "customer_last_message_at_ms", int64_t{0});
    return r;
}

struct Delivery {
    int64_t job_id = 0;
    std::string idempotency_key;  // stable across retries and replays of the same job
    int attempt = 1;              // 1 for the first try
    std::string kind = "lead";    // "lead", "notice" or "reply"
    std::string tenant;
    std::string sink;             // the sink instance's name
    Lead lead;
    std::optional<Reply> reply;    // kind "reply": what to send (payload["reply"])
    Json payload = Json::object(); // the whole job as sent, for kinds newer than this SDK
};

inline Json to_json(const Delivery& d) {
    Json j = d.payload.is_object() ? d.payload : Json::object();
    j["job_id"] = d.job_id;
    j["idempotency_key"] = d.idempotency_key;
    j["attempt"] = d.attempt;
    j["kind"] = d.kind;
    j["tenant"] = d.tenant;
    j["sink"] = d.sink;
    if (!j.contains("lead")) j["lead"] = d.lead.fields;
    if (d.reply) j["reply"] = to_json(*d.reply);
    return j;
}

// A delivery wraps its lead (kMaxWrappedJsonDepth); deeper is refused as above.
inline Delivery delivery_from_json(const Json& j) {
    require_depth(j, kMaxWrappedJsonDepth, "a delivery");
    Delivery d;
    d.job_id = integer_member(j, "job_id", int64_t{0});
    d.idempotency_key = j.value("idempotency_key", std::string());
    d.attempt = integer_member(j, "attempt", 1);
    d.kind = j.value("kind", std::string("lead"));
    d.tenant = j.value("tenant", std::string());
    d.sink = j.value("sink", std::string());
    if (auto it = j.find("lead"); it != j.end() && it->is_object()) d.lead = lead_from_json(*it);
    if (d.kind == "reply") d.reply = reply_from_json(j.contains("reply") ? j.at("reply") : Json());
    d.payload = j;
    return d;
}

// The classified result of one delivery attempt.
struct Outcome {
    enum class Kind { ok, retry, permanent };
    Kind kind = Kind::ok;
    std::string external_id;              // ok: the id the external system gave (CRM lead id)
    std::string reason;                   // retry/permanent: why, for logs and dead letters
    std::optional<int64_t> retry_after_ms; // retry: the API's own Retry-After, if it gave one

    static Outcome ok(std::string external_id = {}) { return {Kind::ok, std::move(external_id), {}, {}}; }
    static Outcome retry(std::string reason, std::optional<int64_t> after_ms = {}) {
        return {Kind::retry, {}, std::move(reason), after_ms};
    }
    static Outcome permanent(std::string reason) { return {Kind::permanent, {}, std::move(reason), {}}; }
};

inline const char* to_string(Outcome::Kind k) {
    switch (k) {
        case Outcome::Kind::ok: return "ok";
        case Outcome::Kind::retry: return "retry";
        case Outcome::Kind::permanent: return "permanent";
    }
    return "permanent";
}

inline Json to_json(const Outcome& o) {
    Json j = {{"status", to_string(o.kind)}};
    if (!o.external_id.empty()) j["external_id"] = o.external_id;
    if (!o.reason.empty()) j["reason"] = o.reason;
    if (o.retry_after_ms) j["retry_after_ms"] = *o.retry_after_ms;
    return j;
}

// An outcome that does not parse is itself a plugin bug: classified as retryable so nothing is
// lost, with the reason saying what was wrong.
inline Outcome outcome_from_json(const Json& j) {
    if (!j.is_object()) return Outcome::retry("plugin returned a non-object outcome");
    // Never throws: the hub reads it outside any try, so a member of the wrong type is read as
    // absent (a status that is not a string is an unknown status, a retry).
    auto status_it = j.find("status");
    if (status_it != j.end() && !status_it->is_string())
        return Outcome::retry("plugin returned an outcome whose status is not a string");
    std::string status = string_member_or(j, "status");
    std::string reason = string_member_or(j, "reason");
    if (status == "ok") return Outcome::ok(string_member_or(j, "external_id"));
    if (status == "permanent") return Outcome::permanent(reason.empty() ? "permanent failure" : reason);
    if (status == "retry") {
        std::optional<int64_t> after;
        if (auto it = j.find("retry_after_ms"); it != j.end()) after = integer_value<int64_t>(*it);
        return Outcome::retry(reason.empty() ? "retryable failure" : reason, after);
    }
    return Outcome::retry("plugin returned an unknown outcome status '" + escape_control(status) + "'");
}

// Header names compare case-insensitively, as HTTP says.
struct CaseInsensitiveLess {
    bool operator()(const std::string& a, const std::string& b) const {
        std::size_t n = std::min(a.size(), b.size());
        for (std::size_t i = 0; i < n; ++i) {
            char x = static_cast<char>(a[i] >= 'A' && a[i] <= 'Z' ? a[i] + 32 : a[i]);
            char y = static_cast<char>(b[i] >= 'A' && b[i] <= 'Z' ? b[i] + 32 : b[i]);
            if (x != y) return x < y;
        }
        return a.size() < b.size();
    }
};
using Headers = std::map<std::string, std::string, CaseInsensitiveLess>;

inline Json headers_to_json(const Headers& h) {
    Json j = Json::object();
    for (const auto& [k, v] : h) j[k] = v;
    return j;
}

inline Headers headers_from_json_text(const char* text) {
    Headers h;
    if (!text || !*text) return h;
    Json j = parse_json(text);  // flat; a deep one is refused while parsing, never built
    if (!j.is_object()) return h;
    for (const auto& [k, v] : j.items())
        if (v.is_string()) h[k] = v.get<std::string>();
    return h;
}

struct HttpRequest {
    std::string method = "GET";
    std::string target;  // inbound: path below the instance prefix; outbound: full URL
    std::string query;   // inbound: raw query string
    Headers headers;
    std::string body;
    uint32_t timeout_ms = 10000;
    std::string remote_addr;

    std::string header(const std::string& name) const {
        auto it = headers.find(name);
        return it == headers.end() ? std::string() : it->second;
    }
};

struct HttpResponse {
    int status = 0;  // 0: no response (see error)
    Headers headers;
    std::string body;
    std::string error;

    std::string header(const std::string& name) const {
        auto it = headers.find(name);
        return it == headers.end() ? std::string() : it->second;
    }
};

// What a source answers to a webhook. The hub stores `messages` first and answers `status` only
// once they are committed (a failed commit turns the answer into 503 so the platform retries).
struct WebhookResult {
    int status = 200;
    std::string content_type = "text/plain; charset=utf-8";
    std::string body = "ok";
    Headers headers;
    std::vector<Message> messages;

    // A refusal with a reason the sender can read (403 bad token, 400 malformed body, ...).
    static WebhookResult reject(int status, std::string reason) {
        WebhookResult r;
        r.status = status;
        r.body = std::move(reason);
        return r;
    }
};

// Moves what it can, as to_json(Message&&).
inline Json to_json(WebhookResult&& r) {
    Json messages = Json::array();
    for (auto& m : r.messages) messages.push_back(to_json(std::move(m)));
    Json out = Json::object();
    out["status"] = r.status;
    out["content_type"] = std::move(r.content_type);
    out["body"] = std::move(r.body);
    out["headers"] = headers_to_json(r.headers);
    out["messages"] = std::move(messages);
    return out;
}

inline Json to_json(const WebhookResult& r) { return to_json(WebhookResult(r)); }

// A webhook result wraps its messages (kMaxWrappedJsonDepth), each within kMaxJsonDepth.
inline WebhookResult webhook_result_from_json(const Json& j) {
    require_depth(j, kMaxWrappedJsonDepth, "a webhook result");
    WebhookResult r;
    r.status = integer_member(j, "status", 500);
    r.content_type = j.value("content_type", std::string("text/plain; charset=utf-8"));
    r.body = j.value("body", std::string());
    if (auto it = j.find("headers"); it != j.end() && it->is_object())
        for (const auto& [k, v] : it->items())
            if (v.is_string()) r.headers[k] = v.get<std::string>();
    if (auto it = j.find("messages"); it != j.end() && it->is_array())
        for (const auto& m : *it) r.messages.push_back(message_from_json(m));
    return r;
}

}  // namespace leadhub::sdk
