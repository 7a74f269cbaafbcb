// One Instagram messaging event as the staff read it: the DM's text, its attachments described
// in Russian and kept with their URLs and ids, what it replies to (a message or a story).
#include "instagram_api.hpp"

namespace leadhub::instagram {

namespace {

using sdk::Json;

const Json& ig_object(const Json& j, const char* key) {
    static const Json empty = Json::object();
    auto it = j.find(key);
    return it != j.end() && it->is_object() ? *it : empty;
}

bool ig_flag(const Json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_boolean() && it->get<bool>();
}

// An id as Meta writes it: a string, sometimes a number.
std::string ig_id(const Json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end()) return {};
    if (it->is_string()) return it->get<std::string>();
    if (it->is_number_integer() || it->is_number_unsigned()) return it->dump();
    return {};
}

std::string describe_attachment(const std::string& type, const Json& payload) {
    if (type == "image") return payload.contains("sticker_id") ? "[стикер]" : "[фото]";
    if (type == "video") return "[видео]";
    if (type == "audio") return "[голосовое сообщение]";
    if (type == "file") return "[документ]";
    if (type == "share" || type == "ig_post") return "[публикация]";
    if (type == "story_mention") return "[упоминание в истории]";
    if (type == "reel" || type == "ig_reel") return "[рилс]";
    if (type == "animated_image") return "[GIF]";
    if (type == "fallback") return "[ссылка]";
    return "[вложение]";
}

// The attachment as kept in extra.attachments: its type and whatever ids and URL it carries.
Json kept_attachment(const std::string& type, const Json& payload) {
    Json kept = {{"type", type}};
    for (const char* key : {"url", "title", "reel_video_id", "ig_post_media_id", "sticker_id", "id"})
        if (auto v = ig_id(payload, key); !v.empty()) kept[key] = v;
    return kept;
}

}  // namespace

std::optional<sdk::Message> message_from_event(const Json& event) {
    if (!event.is_object()) return std::nullopt;
    const std::string sender = ig_id(ig_object(event, "sender"), "id");
    const std::string recipient = ig_id(ig_object(event, "recipient"), "id");

    sdk::Message m;
    m.channel = "instagram";
    std::string words;
    std::vector<std::string> notes;
    std::string prefix;

    if (auto it = event.find("message"); it != event.end() && it->is_object()) {
        const Json& message = *it;
        if (ig_flag(message, "is_deleted") || ig_flag(message, "is_unsupported")) return std::nullopt;
        const std::string mid = ig_id(message, "mid");
        const bool echo = ig_flag(message, "is_echo");
        const std::string customer = echo ? recipient : sender;
        if (mid.empty() || customer.empty()) return std::nullopt;
        m.external_message_id = mid;
        m.external_user_id = customer;
        if (echo) m.event = sdk::MessageEvent::business_message;
        words = sdk::string_member_or(message, "text");

        Json attachments = Json::array();
        if (auto list = message.find("attachments"); list != message.end() && list->is_array()) {
            for (const auto& a : *list) {
                if (!a.is_object()) continue;
                const std::string type = sdk::string_member_or(a, "type");
                const Json& payload = ig_object(a, "payload");
                notes.push_back(describe_attachment(type, payload));
                attachments.push_back(kept_attachment(type, payload));
            }
        }
        if (!attachments.empty()) m.extra["attachments"] = std::move(attachments);

        const Json& reply_to = ig_object(message, "reply_to");
        if (auto replied = ig_id(reply_to, "mid"); !replied.empty()) m.extra["reply_to"] = replied;
        if (auto story = reply_to.find("story"); story != reply_to.end() && story->is_object()) {
            m.extra["story"] = {{"id", ig_id(*story, "id")}, {"url", sdk::string_member_or(*story, "url")}};
            prefix = "[ответ на историю]";
        }
        if (auto payload = sdk::string_member_or(ig_object(message, "quick_reply"), "payload"); !payload.empty())
            m.extra["quick_reply"] = payload;
        if (auto ref = message.find("referral"); ref != message.end() && ref->is_object()) m.extra["referral"] = *ref;
    } else if (auto pb = event.find("postback"); pb != event.end() && pb->is_object()) {
        // A tapped button (an ice breaker, a generic template's button): its title is what the
        // customer "said".
        if (sender.empty()) return std::nullopt;
        std::string mid = ig_id(*pb, "mid");
        if (mid.empty()) {
            const std::string ts = ig_id(event, "timestamp");
            if (ts.empty()) return std::nullopt;
            mid = "postback:" + sender + ":" + ts;
        }
        m.external_message_id = mid;
        m.external_user_id = sender;
        words = sdk::string_member_or(*pb, "title");
        m.extra["postback"] = {{"title", words}, {"payload", sdk::string_member_or(*pb, "payload")}};
        if (auto ref = pb->find("referral"); ref != pb->end() && ref->is_object()) m.extra["referral"] = *ref;
    } else {
        return std::nullopt;  // read, reaction, referral, optin, edit, ...: not a message
    }

    // The text is the customer's words, null for an attachment alone (the hub's convention);
    // the story reply and the attachments are what the staff see beside it (docs/channels.md).
    if (!words.empty()) m.text = words;
    std::string shown = prefix;
    for (const auto& note : notes) shown += (shown.empty() ? "" : "\n") + note;
    if (!shown.empty()) m.extra["attachments_text"] = std::move(shown);
    m.address = {{"recipient_id", *m.external_user_id}};
    return m;
}

}  // namespace leadhub::instagram
