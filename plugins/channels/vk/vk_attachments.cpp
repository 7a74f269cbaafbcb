#include "vk_attachments.hpp"

#include <leadhub/sdk/ascii_text.hpp>

#include <map>

namespace leadhub::vk {

using sdk::Json;

namespace {

// The ids VK uses in attachment strings: owner_id "_" id, and the access key that a private
// object needs to be read by anyone else.
std::string attachment_id(const Json& object) {
    auto owner = object.find("owner_id");
    auto id = object.find("id");
    if (owner == object.end() || id == object.end() || !owner->is_number_integer() || !id->is_number_integer())
        return {};
    std::string out = owner->dump() + "_" + id->dump();
    std::string key = sdk::string_member_or(object, "access_key");
    if (!key.empty()) out += "_" + key;
    return out;
}

std::string with_detail(const char* label, const std::string& detail) {
    if (detail.empty()) return std::string("[") + label + "]";
    return std::string("[") + label + ": " + detail + "]";
}

// Keeps a few members VK documents for the type, so staff or a later step can fetch the media.
void copy_members(const Json& from, Json& to, std::initializer_list<const char*> keys) {
    for (const char* key : keys) {
        auto it = from.find(key);
        if (it != from.end() && (it->is_string() || it->is_number())) to[key] = *it;
    }
}

// The types with a plain label; the others below add a detail from the object.
const std::map<std::string, const char*>& plain_labels() {
    static const std::map<std::string, const char*> labels{
        {"photo", "фото"},           {"video", "видео"},          {"sticker", "стикер"},
        {"graffiti", "граффити"},    {"wall", "запись на стене"}, {"wall_reply", "комментарий"},
        {"gift", "подарок"},         {"story", "история"},        {"call", "звонок"},
        {"group_call_in_progress", "звонок"}, {"money_transfer", "денежный перевод"},
        {"money_request", "запрос денег"},    {"audio_playlist", "плейлист"},
        {"podcast", "подкаст"},      {"event", "мероприятие"},    {"narrative", "сюжет"},
        {"curator", "куратор"},      {"artist", "исполнитель"},   {"widget", "виджет"},
        {"mini_app", "мини-приложение"}, {"textlive", "трансляция"},
    };
    return labels;
}

DescribedAttachment describe_one(const std::string& type, const Json& object) {
    DescribedAttachment out;
    out.record = {{"type", type}};
    if (std::string id = attachment_id(object); !id.empty()) out.record["id"] = id;
    if (type == "audio_message") {
        int64_t duration = sdk::integer_value<int64_t>(object.value("duration", Json())).value_or(0);
        copy_members(object, out.record, {"duration", "link_ogg", "link_mp3", "transcript"});
        out.description = "[голосовое сообщение " + format_duration(duration) + "]";
    } else if (type == "doc") {
        copy_members(object, out.record, {"title", "ext", "size", "url"});
        out.description = with_detail("документ", sdk::string_member_or(object, "title"));
    } else if (type == "audio") {
        copy_members(object, out.record, {"artist", "title", "duration"});
        std::string artist = sdk::string_member_or(object, "artist"), title = sdk::string_member_or(object, "title");
        out.description = with_detail("аудио", artist.empty() || title.empty() ? artist + title : artist + " — " + title);
    } else if (type == "link") {
        copy_members(object, out.record, {"url", "title"});
        out.description = with_detail("ссылка", sdk::string_member_or(object, "url"));
    } else if (type == "market") {
        copy_members(object, out.record, {"title"});
        out.description = with_detail("товар", sdk::string_member_or(object, "title"));
    } else if (type == "market_album") {
        copy_members(object, out.record, {"title"});
        out.description = with_detail("подборка товаров", sdk::string_member_or(object, "title"));
    } else if (type == "poll") {
        copy_members(object, out.record, {"question"});
        out.description = with_detail("опрос", sdk::string_member_or(object, "question"));
    } else if (type == "article") {
        copy_members(object, out.record, {"title", "url"});
        out.description = with_detail("статья", sdk::string_member_or(object, "title"));
    } else if (auto label = plain_labels().find(type); label != plain_labels().end()) {
        if (type == "sticker") copy_members(object, out.record, {"sticker_id", "product_id"});
        if (type == "video") copy_members(object, out.record, {"title", "duration"});
        out.description = with_detail(label->second, "");
    } else {
        out.description = with_detail("вложение", type.empty() ? "?" : type);
    }
    return out;
}

std::string coordinate_text(const Json& value) {
    if (value.is_number()) return value.dump();
    if (value.is_string()) return std::string(sdk::trim(value.get<std::string>()));
    return {};
}

}  // namespace

std::string format_duration(int64_t seconds) {
    if (seconds < 0) seconds = 0;
    auto two = [](int64_t v) { return (v < 10 ? "0" : "") + std::to_string(v); };
    if (seconds >= 3600) return std::to_string(seconds / 3600) + ":" + two(seconds / 60 % 60) + ":" + two(seconds % 60);
    return std::to_string(seconds / 60) + ":" + two(seconds % 60);
}

std::vector<DescribedAttachment> describe_attachments(const Json& attachments) {
    std::vector<DescribedAttachment> out;
    if (!attachments.is_array()) return out;
    for (const auto& item : attachments) {
        if (!item.is_object()) continue;
        // {"type": "photo", "photo": {...}}: the object sits under the member named by its type.
        const std::string type = sdk::string_member_or(item, "type");
        auto object = item.find(type);
        static const Json empty = Json::object();
        out.push_back(describe_one(type, object != item.end() && object->is_object() ? *object : empty));
    }
    return out;
}

std::optional<DescribedAttachment> describe_geo(const Json& geo) {
    if (!geo.is_object()) return std::nullopt;
    std::string latitude, longitude;
    auto coordinates = geo.find("coordinates");
    if (coordinates == geo.end()) return std::nullopt;
    if (coordinates->is_object()) {
        latitude = coordinate_text(coordinates->value("latitude", Json()));
        longitude = coordinate_text(coordinates->value("longitude", Json()));
    } else if (coordinates->is_string()) {  // API versions before 5.x wrote "lat long"
        std::string both = coordinates->get<std::string>();
        auto space = both.find(' ');
        if (space != std::string::npos) {
            latitude = std::string(sdk::trim(both.substr(0, space)));
            longitude = std::string(sdk::trim(both.substr(space + 1)));
        }
    }
    if (latitude.empty() || longitude.empty()) return std::nullopt;
    DescribedAttachment out;
    out.description = "[геопозиция: " + latitude + ", " + longitude + "]";
    out.record = {{"type", "geo"}, {"latitude", latitude}, {"longitude", longitude}};
    if (auto place = geo.find("place"); place != geo.end() && place->is_object()) {
        std::string title = sdk::string_member_or(*place, "title");
        if (!title.empty()) out.record["place"] = title;
    }
    return out;
}

}  // namespace leadhub::vk
