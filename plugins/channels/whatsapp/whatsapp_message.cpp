// One WhatsApp message as the staff read it: text or caption, attachments described in Russian
// and kept with their media ids, what it replies to, the ad that brought the customer.
#include "whatsapp_api.hpp"

namespace leadhub::whatsapp {

namespace {

using sdk::Json;

const Json& member_object(const Json& j, const char* key) {
    static const Json empty = Json::object();
    auto it = j.find(key);
    return it != j.end() && it->is_object() ? *it : empty;
}

std::string str(const Json& j, const char* key) { return sdk::string_member_or(j, key); }

// A boolean member, false when absent or of another type (Json::value would throw).
bool flag(const Json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_boolean() && it->get<bool>();
}

bool all_digits(const std::string& s) { return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos; }

// A coordinate as Meta wrote it (a number, sometimes a string).
std::string coordinate(const Json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end()) return "?";
    if (it->is_string()) return it->get<std::string>();
    if (it->is_number()) return it->dump();
    return "?";
}

// What a message is made of while it is read: the customer's words (the text; null for media
// alone, the hub's convention) and the notes about what else it carried ("[фото]"), which the
// staff see as extra.attachments_text (docs/channels.md).
struct Reading {
    std::string words;
    std::vector<std::string> notes;
    Json attachments = Json::array();
    Json extra = Json::object();

    void media(const Json& message, const std::string& type, std::string note) {
        const Json& media = member_object(message, type.c_str());
        words = str(media, "caption");
        notes.push_back(std::move(note));
        Json attachment = {{"type", type}, {"id", str(media, "id")}, {"mime_type", str(media, "mime_type")}};
        if (auto name = str(media, "filename"); !name.empty()) attachment["filename"] = name;
        if (auto it = media.find("voice"); it != media.end() && it->is_boolean()) attachment["voice"] = it->get<bool>();
        if (auto it = media.find("animated"); it != media.end() && it->is_boolean()) attachment["animated"] = it->get<bool>();
        attachments.push_back(std::move(attachment));
    }

    std::optional<std::string> text() const {
        if (words.empty()) return std::nullopt;
        return words;
    }
    std::string notes_text() const {
        std::string out;
        for (const auto& note : notes) out += (out.empty() ? "" : "\n") + note;
        return out;
    }
};

void read_location(const Json& message, Reading& r) {
    const Json& loc = member_object(message, "location");
    std::string note = "[геопозиция: " + coordinate(loc, "latitude") + ", " + coordinate(loc, "longitude");
    std::string place = str(loc, "name");
    if (auto address = str(loc, "address"); !address.empty()) place += (place.empty() ? "" : ", ") + address;
    if (!place.empty()) note += " " + place;
    r.notes.push_back(note + "]");
    r.extra["location"] = loc;
}

void read_contacts(const Json& message, Reading& r) {
    auto it = message.find("contacts");
    if (it == message.end() || !it->is_array() || it->empty()) {
        r.notes.push_back("[контакт]");
        return;
    }
    for (const auto& card : *it) {
        if (!card.is_object()) continue;
        std::string line = str(member_object(card, "name"), "formatted_name");
        if (auto phones = card.find("phones"); phones != card.end() && phones->is_array())
            for (const auto& p : *phones)
                if (p.is_object() && !str(p, "phone").empty()) line += (line.empty() ? "" : " ") + str(p, "phone");
        r.notes.push_back(line.empty() ? "[контакт]" : "[контакт: " + line + "]");
    }
    r.extra["contacts"] = *it;
}

void read_interactive(const Json& message, Reading& r) {
    const Json& interactive = member_object(message, "interactive");
    const std::string kind = str(interactive, "type");
    if (kind == "button_reply" || kind == "list_reply") {
        const Json& reply = member_object(interactive, kind.c_str());
        r.words = str(reply, "title");
        r.extra["button"] = {{"id", str(reply, "id")}, {"title", r.words}};
        if (auto d = str(reply, "description"); !d.empty()) r.extra["button"]["description"] = d;
    } else if (kind == "nfm_reply") {  // a WhatsApp Flow's answers
        const Json& form = member_object(interactive, "nfm_reply");
        r.words = str(form, "body");
        r.notes.push_back("[ответ на форму]");
        r.extra["form"] = form;
    } else {
        r.notes.push_back("[неподдерживаемое сообщение]");
        r.extra["interactive"] = interactive;
    }
}

void read_order(const Json& message, Reading& r) {
    const Json& order = member_object(message, "order");
    std::size_t items = 0;
    if (auto it = order.find("product_items"); it != order.end() && it->is_array()) items = it->size();
    r.words = str(order, "text");
    r.notes.push_back("[заказ из каталога: позиций " + std::to_string(items) + "]");
    r.extra["order"] = order;
}

void read_context(const Json& message, Reading& r) {
    const Json& context = member_object(message, "context");
    if (context.empty()) return;
    if (auto id = str(context, "id"); !id.empty()) r.extra["reply_to"] = id;
    if (flag(context, "forwarded") || flag(context, "frequently_forwarded")) r.extra["forwarded"] = true;
    if (auto it = context.find("referred_product"); it != context.end() && it->is_object()) {
        r.extra["product"] = *it;  // "Message business" under a catalog item: the product asked about
        r.notes.push_back("[вопрос о товаре: " + str(*it, "product_retailer_id") + "]");
    }
}

}  // namespace

std::optional<sdk::Message> message_from(const Json& message, const ContactInfo& contact) {
    const std::string id = str(message, "id");
    const std::string type = str(message, "type");
    if (id.empty()) return std::nullopt;  // nothing to deduplicate on: not a message we can record once
    if (type == "reaction" || type == "system" || type == "request_welcome") return std::nullopt;

    Reading r;
    if (type == "text") r.words = str(member_object(message, "text"), "body");
    else if (type == "image") r.media(message, type, "[фото]");
    else if (type == "video") r.media(message, type, "[видео]");
    else if (type == "sticker") r.media(message, type, "[стикер]");
    else if (type == "audio") {
        const bool voice = flag(member_object(message, "audio"), "voice");
        r.media(message, type, voice ? "[голосовое сообщение]" : "[аудио]");
    } else if (type == "document") {
        const std::string file = str(member_object(message, "document"), "filename");
        r.media(message, type, file.empty() ? "[документ]" : "[документ: " + file + "]");
    } else if (type == "location") read_location(message, r);
    else if (type == "contacts") read_contacts(message, r);
    else if (type == "interactive") read_interactive(message, r);
    else if (type == "button") {  // a template's quick-reply button
        const Json& button = member_object(message, "button");
        r.words = str(button, "text");
        r.extra["button"] = {{"payload", str(button, "payload")}, {"title", r.words}};
    } else if (type == "order") read_order(message, r);
    else {
        // "unsupported", "unknown" and types newer than this plugin: kept, never dropped.
        r.notes.push_back("[неподдерживаемое сообщение]");
        r.extra["unsupported_type"] = type;
        if (auto it = message.find("errors"); it != message.end() && it->is_array()) r.extra["errors"] = *it;
    }
    read_context(message, r);
    if (auto it = message.find("referral"); it != message.end() && it->is_object()) r.extra["referral"] = *it;
    if (!r.attachments.empty()) r.extra["attachments"] = r.attachments;

    sdk::Message m;
    m.channel = "whatsapp";
    m.external_message_id = id;
    m.text = r.text();
    if (auto shown = r.notes_text(); !shown.empty()) r.extra["attachments_text"] = shown;
    if (!contact.name.empty()) m.name = contact.name;
    if (!contact.wa_id.empty()) {
        m.external_user_id = contact.wa_id;
        if (all_digits(contact.wa_id)) m.phone = "+" + contact.wa_id;
    } else if (!contact.user_id.empty()) {
        m.external_user_id = contact.user_id;
    }
    if (!contact.user_id.empty()) r.extra["user_id"] = contact.user_id;
    m.extra = std::move(r.extra);
    return m;
}

}  // namespace leadhub::whatsapp
