#include "telegram_update.hpp"

#include "telegram_content.hpp"

namespace leadhub::telegram {

using sdk::Json;
using sdk::Message;
using sdk::MessageEvent;

namespace {

// Update fields that never carry a customer's message for this channel (Bot API, "Update").
constexpr const char* kIgnoredUpdateKinds[] = {
    "edited_message", "channel_post", "edited_channel_post", "business_connection", "edited_business_message",
    "deleted_business_messages", "message_reaction", "message_reaction_count", "inline_query",
    "chosen_inline_result", "callback_query", "shipping_query", "pre_checkout_query", "purchased_paid_media",
    "poll", "poll_answer", "chat_member", "chat_join_request", "chat_boost", "removed_chat_boost"};

const Json* object_at(const Json& object, const char* key) {
    auto it = object.find(key);
    return it != object.end() && it->is_object() ? &*it : nullptr;
}

std::optional<int64_t> int_at(const Json& object, const char* key) {
    auto it = object.find(key);
    return it == object.end() ? std::nullopt : sdk::integer_value<int64_t>(*it);
}

std::string str_at(const Json& object, const char* key) { return sdk::string_member_or(object, key); }

std::optional<std::string> full_name(const Json* person) {
    if (!person) return std::nullopt;
    std::string name = str_at(*person, "first_name");
    const std::string last = str_at(*person, "last_name");
    if (!last.empty()) name += (name.empty() ? "" : " ") + last;
    return name.empty() ? std::nullopt : std::optional<std::string>(name);
}

// The text, else the caption; empty counts as none (the hub's convention).
std::string own_text(const Json& message) {
    std::string text = str_at(message, "text");
    return text.empty() ? str_at(message, "caption") : text;
}

// At most `limit` bytes, cut before a UTF-8 sequence rather than through it.
std::string excerpt(const std::string& text, std::size_t limit) {
    if (text.size() <= limit) return text;
    std::size_t cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return text.substr(0, cut) + "…";
}

std::string message_ref(int64_t chat_id, int64_t message_id) {
    return std::to_string(chat_id) + ":" + std::to_string(message_id);
}

// What the customer answered: the hub links the reply to the message (often one of the bot's own
// replies, so staff see which question was answered).
void add_reply_context(const Json& message, int64_t chat_id, Json& extra) {
    if (const Json* replied = object_at(message, "reply_to_message")) {
        Json reply = Json::object();
        if (auto id = int_at(*replied, "message_id")) {
            const Json* chat = object_at(*replied, "chat");
            auto replied_chat = chat ? int_at(*chat, "id") : std::nullopt;
            reply["message_id"] = *id;
            reply["external_message_id"] = message_ref(replied_chat.value_or(chat_id), *id);
        }
        const std::string text = own_text(*replied);
        if (!text.empty()) reply["text"] = excerpt(text, 300);
        if (const Json* from = object_at(*replied, "from"))
            if (auto it = from->find("is_bot"); it != from->end() && it->is_boolean()) reply["from_bot"] = *it;
        extra["reply_to"] = std::move(reply);
    } else if (object_at(message, "external_reply")) {
        extra["reply_to"] = {{"external", true}};  // a message of another chat, quoted
    }
    if (const Json* quote = object_at(message, "quote"); quote && extra.contains("reply_to"))
        extra["reply_to"]["quote"] = excerpt(str_at(*quote, "text"), 300);
    if (const Json* story = object_at(message, "reply_to_story")) {
        Json s = {{"story_id", int_at(*story, "id").value_or(0)}};
        if (const Json* chat = object_at(*story, "chat")) s["chat_id"] = int_at(*chat, "id").value_or(0);
        extra["story"] = std::move(s);
    }
}

struct Chat {
    int64_t id = 0;
    const Json* json = nullptr;
};

// The private chat a message or chat-member event belongs to, or why it is not one.
std::optional<Chat> private_chat(const Json& holder, std::string& why) {
    const Json* chat = object_at(holder, "chat");
    auto id = chat ? int_at(*chat, "id") : std::nullopt;
    if (!id) {
        why = "no chat";
        return std::nullopt;
    }
    if (str_at(*chat, "type") != "private") {
        why = "not a private chat (" + sdk::escape_control(str_at(*chat, "type")) + ")";
        return std::nullopt;
    }
    return Chat{*id, chat};
}

std::optional<Message> from_message(const Json& msg, bool business, std::string& why) {
    auto chat = private_chat(msg, why);
    if (!chat) return std::nullopt;
    auto message_id = int_at(msg, "message_id");
    const Json* from = object_at(msg, "from");
    auto from_id = from ? int_at(*from, "id") : std::nullopt;
    if (!message_id || !from_id) {
        why = "a message without message_id or sender";
        return std::nullopt;
    }
    const bool from_bot = from->value("is_bot", false) == true;
    // In a business chat the owner (or a bot acting for the owner) writes too: that is the
    // business answering, recorded as such. Elsewhere a bot's message is never a customer's.
    const bool echo = business && (*from_id != chat->id || msg.contains("sender_business_bot"));
    if (!echo && from_bot) {
        why = "a message from a bot";
        return std::nullopt;
    }

    Content content = describe_content(msg, echo ? std::nullopt : from_id);
    std::string text = own_text(msg);
    if (text.empty() && content.labels.empty() && !content.own_phone) {
        if (content.service) {
            why = "a service message";
            return std::nullopt;
        }
        content.labels = "[сообщение неизвестного типа]";  // a type newer than this reader: still shown
    }

    Message m;
    m.channel = "telegram";
    m.event = echo ? MessageEvent::business_message : MessageEvent::customer_message;
    m.external_user_id = std::to_string(echo ? chat->id : *from_id);
    m.external_message_id = message_ref(chat->id, *message_id);
    m.name = full_name(echo ? chat->json : from);
    if (!echo) m.phone = content.own_phone;
    // text is what the customer typed (or the caption), null for media alone (the hub's
    // convention); what the staff see of the media is extra.attachments_text (docs/channels.md).
    if (!text.empty()) m.text = text;
    if (!content.labels.empty()) m.extra["attachments_text"] = content.labels;
    if (!content.attachments.empty()) m.extra["attachments"] = std::move(content.attachments);
    add_reply_context(msg, chat->id, m.extra);
    if (const std::string user = str_at(echo ? *chat->json : *from, "username"); !user.empty()) m.extra["username"] = user;
    if (const std::string group = str_at(msg, "media_group_id"); !group.empty()) m.extra["media_group_id"] = group;
    if (const Json* origin = object_at(msg, "forward_origin")) m.extra["forwarded"] = {{"type", str_at(*origin, "type")}};
    m.address = {{"chat_id", chat->id}};
    if (const std::string connection = str_at(msg, "business_connection_id"); !connection.empty()) {
        m.address["business_connection_id"] = connection;
        m.extra["business_connection_id"] = connection;
    }
    return m;
}

// The bot's own membership in a private chat changed: "kicked" is the customer blocking (stopping)
// the bot, after which every reply fails with 403 until they unblock it.
std::optional<Message> from_member_update(const Json& event, int64_t update_id, std::string& why) {
    auto chat = private_chat(event, why);
    if (!chat) return std::nullopt;
    const Json* status = object_at(event, "new_chat_member");
    if (!status || str_at(*status, "status") != "kicked") {
        why = "the bot's membership changed to '" + sdk::escape_control(status ? str_at(*status, "status") : "") + "'";
        return std::nullopt;
    }
    const Json* from = object_at(event, "from");
    Message m;
    m.channel = "telegram";
    m.event = MessageEvent::customer_blocked;
    m.external_user_id = std::to_string(from ? int_at(*from, "id").value_or(chat->id) : chat->id);
    m.external_message_id = "blocked:" + std::to_string(update_id);
    m.name = full_name(from ? from : chat->json);
    m.extra["status"] = "kicked";
    if (auto date = int_at(event, "date")) m.extra["date"] = *date;
    m.address = {{"chat_id", chat->id}};
    return m;
}

}  // namespace

ParsedUpdate parse_update(const Json& update, const StaffConfig& staff) {
    ParsedUpdate out;
    if (!update.is_object() || !(out.update_id = int_at(update, "update_id"))) {
        out.ignored = "not a Telegram Update (no integer update_id)";
        return out;
    }
    std::optional<Message> message;
    if (auto reading = read_staff_update(update, staff)) {
        message = std::move(reading->message);
        out.ignored = sdk::escape_control(reading->ignored);
        out.callback_query_id = std::move(reading->callback_query_id);
        out.callback_text = std::move(reading->callback_text);
    } else if (const Json* msg = object_at(update, "message")) message = from_message(*msg, false, out.ignored);
    else if (const Json* biz = object_at(update, "business_message")) message = from_message(*biz, true, out.ignored);
    else if (const Json* member = object_at(update, "my_chat_member"))
        message = from_member_update(*member, *out.update_id, out.ignored);
    else {
        out.ignored = "an update of a kind this channel does not read";
        for (const char* kind : kIgnoredUpdateKinds)
            if (update.contains(kind)) out.ignored = std::string(kind) + " is not a customer's message";
    }
    if (message) {
        out.messages.push_back(std::move(*message));
        out.ignored.clear();
    }
    return out;
}

ParsedBody parse_update_body(std::string_view body, const StaffConfig& staff) {
    ParsedBody out;
    if (body.size() > kMaxUpdateBytes) {
        out.status = 413;
        out.error = "update larger than " + std::to_string(kMaxUpdateBytes) + " bytes";
        return out;
    }
    sdk::JsonError error;
    Json update = sdk::parse_json(body, &error);
    if (update.is_discarded()) {
        out.status = 400;
        out.error = "body is not JSON: " + error.message;
        return out;
    }
    out.update = parse_update(update, staff);
    if (!out.update.update_id) {
        out.status = 400;
        out.error = out.update.ignored;
    }
    return out;
}

}  // namespace leadhub::telegram
