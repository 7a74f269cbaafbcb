#include "vk_event.hpp"

#include "vk_attachments.hpp"

#include <leadhub/sdk/safe_text.hpp>

#include <cstdint>
#include <optional>

namespace leadhub::vk {

using sdk::Json;
using sdk::Message;

namespace {

// VK writes ids as JSON numbers; a digit string is accepted too (some proxies and SDKs re-encode).
std::optional<int64_t> vk_id(const Json& object, const char* key) {
    auto it = object.find(key);
    if (it == object.end()) return std::nullopt;
    if (it->is_string()) {
        const std::string& s = it->get_ref<const std::string&>();
        std::size_t start = !s.empty() && s[0] == '-' ? 1 : 0;
        if (s.size() == start || s.size() > 19 || s.find_first_not_of("0123456789", start) != std::string::npos)
            return std::nullopt;
        try {
            return std::stoll(s);
        } catch (...) {
            return std::nullopt;
        }
    }
    if (it->is_number_float()) return std::nullopt;
    return sdk::integer_value<int64_t>(*it);
}

// FNV-1a over the message as written back: for the rare event with no id of any kind, an id that
// a repeat of the same event still gets, so the hub can drop it.
std::string content_hash(const Json& message) {
    uint64_t hash = 14695981039346656037ull;
    for (unsigned char c : sdk::dump(message)) {
        hash ^= c;
        hash *= 1099511628211ull;
    }
    static const char* hex = "0123456789abcdef";
    std::string out(16, '0');
    for (int i = 15; i >= 0; --i, hash >>= 4) out[static_cast<std::size_t>(i)] = hex[hash & 15];
    return out;
}

ReadEvent result(EventKind kind, std::string type, std::string reason) {
    ReadEvent r;
    r.kind = kind;
    r.type = std::move(type);
    r.reason = sdk::escape_control(reason);
    return r;
}

// The sender's text and what the message carries besides, as the staff read it, one per line.
void add_line(std::string& text, const std::string& line) {
    if (line.empty()) return;
    if (!text.empty()) text += "\n";
    text += line;
}

// A quoted or forwarded message, short: who wrote it and what it said.
Json quoted_message(const Json& message) {
    Json out = Json::object();
    if (auto id = vk_id(message, "id"); id && *id != 0) out["external_message_id"] = std::to_string(*id);
    if (auto cmid = vk_id(message, "conversation_message_id")) out["conversation_message_id"] = *cmid;
    if (auto from = vk_id(message, "from_id")) out["from_id"] = std::to_string(*from);
    std::string text = sdk::string_member_or(message, "text");
    for (const auto& a : describe_attachments(message.value("attachments", Json()))) add_line(text, a.description);
    out["text"] = text.empty() ? Json(nullptr) : Json(text);
    return out;
}

// The message object of message_new / message_reply in either shape, or null.
const Json* message_object(const Json& object) {
    if (!object.is_object()) return nullptr;
    auto nested = object.find("message");
    if (nested != object.end() && nested->is_object()) return &*nested;
    // Below API 5.103 the object is the message itself.
    if (object.contains("from_id") || object.contains("peer_id") || object.contains("user_id")) return &object;
    return nullptr;
}

ReadEvent read_message_event(const Json& event, const std::string& type, const std::string& event_id, bool from_business) {
    static const Json no_object;
    auto object = event.find("object");
    const Json* message = message_object(object == event.end() ? no_object : *object);
    if (!message) return result(EventKind::malformed, type, type + " without a message object");
    // Before API 5.80 the sender was user_id; peer_id did not exist outside chats.
    auto from = vk_id(*message, "from_id");
    if (!from) from = vk_id(*message, "user_id");
    auto peer = vk_id(*message, "peer_id");
    if (!peer) peer = from;
    if (!from || !peer) return result(EventKind::malformed, type, type + " without from_id or peer_id");
    if (*peer >= kFirstChatPeerId || message->contains("chat_id"))
        return result(EventKind::ignored, type, "a message in a chat, not a dialog with the community");
    if (!from_business && *from <= 0) return result(EventKind::ignored, type, "a message from a community, not a person");
    if (*peer <= 0) return result(EventKind::ignored, type, "a dialog with a community, not a person");

    ReadEvent r = result(EventKind::messages, type, "");
    Message m = message_from_vk(*message, event_id);
    // An outgoing message belongs to the customer's conversation: the customer is the peer.
    const bool outgoing = from_business || sdk::integer_value<int>(message->value("out", Json())).value_or(0) == 1;
    m.external_user_id = std::to_string(outgoing ? *peer : *from);
    if (outgoing) {
        m.event = sdk::MessageEvent::business_message;
        if (*from > 0) m.extra["author_id"] = std::to_string(*from);  // the admin who wrote it
    }
    r.messages.push_back(std::move(m));
    return r;
}

ReadEvent read_deny(const Json& event, const std::string& event_id) {
    const Json object = event.value("object", Json::object());
    auto user = object.is_object() ? vk_id(object, "user_id") : std::nullopt;
    if (!user || *user <= 0) return result(EventKind::malformed, "message_deny", "message_deny without user_id");
    Message m;
    m.channel = "vk";
    m.event = sdk::MessageEvent::customer_blocked;
    m.external_user_id = std::to_string(*user);
    // The event has no message id: the hub drops a repeated delivery by this one.
    m.external_message_id = "deny:" + (event_id.empty() ? std::to_string(*user) : event_id);
    ReadEvent r = result(EventKind::messages, "message_deny", "");
    r.messages.push_back(std::move(m));
    return r;
}

}  // namespace

Message message_from_vk(const Json& message, const std::string& event_id) {
    Message m;
    m.channel = "vk";
    auto peer = vk_id(message, "peer_id");
    if (!peer) peer = vk_id(message, "from_id");
    if (!peer) peer = vk_id(message, "user_id");
    // message.id is unique within the community's dialogs; 0 (chats, some old events) is no id.
    auto id = vk_id(message, "id");
    auto cmid = vk_id(message, "conversation_message_id");
    if (id && *id != 0) m.external_message_id = std::to_string(*id);
    else if (peer && cmid) m.external_message_id = std::to_string(*peer) + ":" + std::to_string(*cmid);
    else if (!event_id.empty()) m.external_message_id = "event:" + event_id;
    else m.external_message_id = "content:" + content_hash(message);  // VK's repeat hashes the same
    if (peer) m.address = {{"peer_id", *peer}};

    // text is what the customer typed, null for attachments alone (the hub's convention); what
    // the staff see of the rest is extra.attachments_text, one line each (docs/channels.md).
    std::string text = sdk::string_member_or(message, "text");
    if (text.empty()) text = sdk::string_member_or(message, "body");  // API < 5.80
    std::string shown;
    Json attachments = Json::array();
    for (auto& a : describe_attachments(message.value("attachments", Json()))) {
        add_line(shown, a.description);
        if (a.record.value("type", "") == "story") m.extra["story"] = a.record;
        attachments.push_back(std::move(a.record));
    }
    if (auto geo = describe_geo(message.value("geo", Json()))) {
        add_line(shown, geo->description);
        attachments.push_back(std::move(geo->record));
    }
    if (!attachments.empty()) m.extra["attachments"] = std::move(attachments);

    auto forwarded = message.find("fwd_messages");
    if (forwarded != message.end() && forwarded->is_array() && !forwarded->empty()) {
        Json summary = Json::array();
        for (const auto& f : *forwarded)
            if (f.is_object()) summary.push_back(quoted_message(f));
        add_line(shown, "[пересланные сообщения: " + std::to_string(forwarded->size()) + "]");
        m.extra["forwarded"] = std::move(summary);
    }
    if (auto reply = message.find("reply_message"); reply != message.end() && reply->is_object())
        m.extra["reply_to"] = quoted_message(*reply);
    // A keyboard button's payload: which of the hub's buttons the customer tapped.
    if (auto payload = message.find("payload"); payload != message.end() && payload->is_string())
        m.extra["payload"] = *payload;
    // A vk.me/<community>?ref=…&ref_source=… link the customer came by: the ad or page that sent them.
    for (const char* key : {"ref", "ref_source"})
        if (auto it = message.find(key); it != message.end() && it->is_string() && !it->empty()) m.extra[key] = *it;
    // VK cuts very long texts in events; the whole one needs messages.getById.
    if (auto it = message.find("is_cropped"); it != message.end() && *it == true) m.extra["is_cropped"] = true;
    if (!text.empty()) m.text = std::move(text);
    if (!shown.empty()) m.extra["attachments_text"] = std::move(shown);
    return m;
}

ReadEvent read_event(const Json& event, int64_t group_id) {
    if (!event.is_object()) return result(EventKind::malformed, "", "the event is not a JSON object");
    auto type_it = event.find("type");
    if (type_it == event.end() || !type_it->is_string()) return result(EventKind::malformed, "", "the event has no type");
    const std::string type = type_it->get<std::string>();
    auto group = vk_id(event, "group_id");
    if (!group) return result(EventKind::malformed, type, "the event has no group_id");
    if (*group != group_id)
        return result(EventKind::other_community, type, "event for community " + std::to_string(*group) +
                                                            ", this instance serves " + std::to_string(group_id));
    const std::string event_id = sdk::string_member_or(event, "event_id");

    if (type == "confirmation") return result(EventKind::confirmation, type, "");
    if (type == "message_new") return read_message_event(event, type, event_id, false);
    if (type == "message_reply") return read_message_event(event, type, event_id, true);
    if (type == "message_deny") return read_deny(event, event_id);
    return result(EventKind::ignored, type, "not a customer's message");
}

}  // namespace leadhub::vk
