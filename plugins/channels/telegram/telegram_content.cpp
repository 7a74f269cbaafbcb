#include "telegram_content.hpp"

#include <cmath>
#include <cstdio>
#include <initializer_list>

namespace leadhub::telegram {

using sdk::Json;

namespace {

// Message fields that are events in the chat, not something the customer sent (Bot API,
// "Message": service messages). A message holding only these is not a customer's message.
constexpr const char* kServiceFields[] = {
    "new_chat_members", "left_chat_member", "new_chat_title", "new_chat_photo", "delete_chat_photo",
    "group_chat_created", "supergroup_chat_created", "channel_chat_created",
    "message_auto_delete_timer_changed", "migrate_to_chat_id", "migrate_from_chat_id", "pinned_message",
    "refunded_payment", "gift", "unique_gift", "connected_website", "write_access_allowed", "passport_data",
    "proximity_alert_triggered", "boost_added", "chat_background_set", "checklist_tasks_done",
    "checklist_tasks_added", "direct_message_price_changed", "forum_topic_created", "forum_topic_edited",
    "forum_topic_closed", "forum_topic_reopened", "general_forum_topic_hidden", "general_forum_topic_unhidden",
    "giveaway_created", "giveaway_completed", "paid_message_price_changed", "video_chat_scheduled",
    "video_chat_started", "video_chat_ended", "video_chat_participants_invited", "suggested_post_approved",
    "suggested_post_approval_failed", "suggested_post_declined", "suggested_post_paid",
    "suggested_post_refunded", "paid_media_purchased"};

std::string str(const Json& object, const char* key) { return sdk::string_member_or(object, key); }

const Json* member(const Json& object, const char* key, bool (Json::*is)() const noexcept) {
    auto it = object.find(key);
    return it != object.end() && ((*it).*is)() ? &*it : nullptr;
}
const Json* object_member(const Json& o, const char* key) { return member(o, key, &Json::is_object); }

std::optional<int64_t> int_member(const Json& object, const char* key) {
    auto it = object.find(key);
    if (it == object.end()) return std::nullopt;
    return sdk::integer_value<int64_t>(*it);
}

std::optional<double> number_member(const Json& object, const char* key) {
    auto it = object.find(key);
    if (it == object.end() || !it->is_number()) return std::nullopt;
    double v = it->get<double>();
    return std::isfinite(v) ? std::optional<double>(v) : std::nullopt;
}

std::string joined(std::initializer_list<std::string> parts, const char* separator) {
    std::string out;
    for (const auto& p : parts)
        if (!p.empty()) out += (out.empty() ? "" : separator) + p;
    return out;
}

class Describer {
public:
    Describer(const Json& message, std::optional<int64_t> sender_id) : message_(message), sender_id_(sender_id) {}

    Content run() {
        media();
        places();
        contact();
        interactive();
        for (const char* field : kServiceFields)
            if (message_.contains(field)) content_.service = true;
        return std::move(content_);
    }

private:
    void add(const std::string& label, Json attachment) {
        content_.labels += (content_.labels.empty() ? "" : " ") + label;
        content_.attachments.push_back(std::move(attachment));
    }

    // The fields every file object shares (Animation, Audio, Document, PhotoSize, Sticker, Video,
    // VideoNote, Voice), as far as present.
    static Json file_attachment(const char* type, const Json& file) {
        Json a = {{"type", type}};
        for (const char* key : {"file_id", "file_unique_id", "file_name", "mime_type", "emoji"})
            if (auto it = file.find(key); it != file.end() && it->is_string()) a[key] = *it;
        for (const char* key : {"duration", "file_size", "width", "height"})
            if (auto v = int_member(file, key)) a[key] = *v;
        return a;
    }

    std::string with_duration(const char* label, const Json& file) {
        auto d = int_member(file, "duration");
        return std::string("[") + label + (d && *d >= 0 ? " " + format_duration(*d) : "") + "]";
    }

    void media() {
        // An animation also fills `document` (the Bot API keeps it for old clients): one label.
        if (const Json* a = object_member(message_, "animation")) add("[GIF]", file_attachment("animation", *a));
        else if (const Json* d = object_member(message_, "document")) {
            std::string name = str(*d, "file_name");
            add(name.empty() ? "[документ]" : "[документ: " + name + "]", file_attachment("document", *d));
        }
        if (auto it = message_.find("photo"); it != message_.end() && it->is_array() && !it->empty() && it->back().is_object())
            add("[фото]", file_attachment("photo", it->back()));  // sizes ascend: the last is the original
        if (const Json* v = object_member(message_, "video")) add("[видео]", file_attachment("video", *v));
        if (const Json* v = object_member(message_, "video_note"))
            add(with_duration("видеосообщение", *v), file_attachment("video_note", *v));
        if (const Json* v = object_member(message_, "voice"))
            add(with_duration("голосовое сообщение", *v), file_attachment("voice", *v));
        if (const Json* a = object_member(message_, "audio")) {
            std::string what = joined({str(*a, "performer"), str(*a, "title")}, " — ");
            if (what.empty()) what = str(*a, "file_name");
            Json attachment = file_attachment("audio", *a);
            if (!what.empty()) attachment["title"] = what;
            add(what.empty() ? with_duration("аудио", *a) : "[аудио: " + what + "]", std::move(attachment));
        }
        if (const Json* s = object_member(message_, "sticker")) add("[стикер]", file_attachment("sticker", *s));
        if (const Json* p = object_member(message_, "paid_media"))
            add("[платное медиа]", {{"type", "paid_media"}, {"star_count", int_member(*p, "star_count").value_or(0)}});
        if (const Json* s = object_member(message_, "story")) {
            Json a = {{"type", "story"}, {"story_id", int_member(*s, "id").value_or(0)}};
            if (const Json* chat = object_member(*s, "chat")) a["chat_id"] = int_member(*chat, "id").value_or(0);
            add("[история]", std::move(a));
        }
    }

    void places() {
        const Json* venue = object_member(message_, "venue");
        const Json* location = venue ? object_member(*venue, "location") : object_member(message_, "location");
        std::optional<double> lat, lon;
        if (location) lat = number_member(*location, "latitude"), lon = number_member(*location, "longitude");
        Json a = {{"type", venue ? "venue" : "location"}};
        if (lat && lon) a["latitude"] = *lat, a["longitude"] = *lon;
        const std::string where = lat && lon ? format_coordinate(*lat) + ", " + format_coordinate(*lon) : "";
        if (venue) {
            const std::string title = str(*venue, "title"), address = str(*venue, "address");
            if (!title.empty()) a["title"] = title;
            if (!address.empty()) a["address"] = address;
            std::string what = joined({title, address}, ", ");
            add("[место: " + (what.empty() ? where : what) + "]", std::move(a));
        } else if (location) {
            if (int_member(*location, "live_period")) a["live"] = true;
            add(where.empty() ? "[геопозиция]" : "[геопозиция: " + where + "]", std::move(a));
        }
    }

    void contact() {
        const Json* c = object_member(message_, "contact");
        if (!c) return;
        const std::string number = str(*c, "phone_number");
        const auto user_id = int_member(*c, "user_id");
        Json a = {{"type", "contact"}, {"phone_number", number}};
        if (user_id) a["user_id"] = *user_id;
        // Only the sender's own card is the customer's number; anyone else's is something they
        // passed on (a friend to book too), shown to the staff as such.
        if (user_id && sender_id_ && *user_id == *sender_id_) {
            content_.own_phone = to_e164(number);
            content_.attachments.push_back(std::move(a));
            return;
        }
        const auto phone = to_e164(number);
        const std::string who = joined({str(*c, "first_name"), str(*c, "last_name")}, " ");
        const std::string card = joined({who, phone ? *phone : number}, ", ");
        add(card.empty() ? "[контакт]" : "[контакт: " + card + "]", std::move(a));
    }

    void interactive() {
        if (const Json* p = object_member(message_, "poll")) {
            std::string q = str(*p, "question");
            add(q.empty() ? "[опрос]" : "[опрос: " + q + "]", {{"type", "poll"}, {"poll_id", str(*p, "id")}});
        }
        if (const Json* d = object_member(message_, "dice")) {
            const std::string emoji = str(*d, "emoji");
            const auto value = int_member(*d, "value").value_or(0);
            add("[кубик" + (emoji.empty() ? "" : " " + emoji) + ": " + std::to_string(value) + "]", {{"type", "dice"}, {"emoji", emoji}, {"value", value}});
        }
        if (const Json* g = object_member(message_, "game")) add("[игра: " + str(*g, "title") + "]", {{"type", "game"}});
        if (const Json* c = object_member(message_, "checklist"))
            add("[список: " + str(*c, "title") + "]", {{"type", "checklist"}});
        if (const Json* i = object_member(message_, "invoice")) add("[счёт: " + str(*i, "title") + "]", {{"type", "invoice"}});
        if (message_.contains("giveaway")) add("[розыгрыш]", {{"type", "giveaway"}});
        if (message_.contains("giveaway_winners")) add("[итоги розыгрыша]", {{"type", "giveaway_winners"}});
        if (const Json* p = object_member(message_, "successful_payment"))
            add("[оплата: " + std::to_string(int_member(*p, "total_amount").value_or(0)) + " " + str(*p, "currency") + "]",
                {{"type", "payment"}, {"currency", str(*p, "currency")}, {"total_amount", int_member(*p, "total_amount").value_or(0)},
                 {"charge_id", str(*p, "telegram_payment_charge_id")}});
        if (const Json* w = object_member(message_, "web_app_data"))
            add("[данные из веб-приложения: " + str(*w, "button_text") + "]", {{"type", "web_app_data"}, {"data", str(*w, "data")}});
        if (message_.contains("users_shared")) add("[выбран пользователь]", {{"type", "users_shared"}});
        if (message_.contains("chat_shared")) add("[выбран чат]", {{"type", "chat_shared"}});
    }

    const Json& message_;
    std::optional<int64_t> sender_id_;
    Content content_;
};

}  // namespace

Content describe_content(const Json& message, std::optional<int64_t> sender_id) {
    return Describer(message, sender_id).run();
}

std::string format_duration(int64_t seconds) {
    if (seconds < 0) seconds = 0;
    char buf[48];
    const long long h = seconds / 3600, m = seconds / 60 % 60, s = seconds % 60;
    if (h > 0) std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", h, m, s);
    else std::snprintf(buf, sizeof buf, "%lld:%02lld", m, s);
    return buf;
}

std::string format_coordinate(double value) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.6f", value);
    std::string out = buf;
    while (out.ends_with("0")) out.pop_back();
    if (out.ends_with(".")) out.pop_back();
    return out == "-0" ? "0" : out;
}

std::optional<std::string> to_e164(const std::string& number) {
    std::string digits;
    bool plus = false;
    for (char c : number) {
        if (c >= '0' && c <= '9') digits += c;
        else if (c == '+' && digits.empty()) plus = true;
    }
    if (!plus && digits.size() == 11 && (digits[0] == '8' || digits[0] == '7')) return "+7" + digits.substr(1);
    if (!plus && digits.size() == 10 && digits[0] == '9') return "+7" + digits;
    // Telegram writes international numbers without '+' ("79161234567", "380501234567").
    if (digits.size() < 7 || digits.size() > 15 || digits[0] == '0') return std::nullopt;
    return "+" + digits;
}

}  // namespace leadhub::telegram
