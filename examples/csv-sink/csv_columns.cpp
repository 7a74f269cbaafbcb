#include "csv_columns.hpp"

#include <leadhub/sdk/suggest.hpp>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <map>

namespace csv_sink {

using leadhub::sdk::Json;

namespace {

bool starts_with(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }

std::string cell_text(const Json& value) {
    if (value.is_null()) return "";
    if (value.is_string()) return value.get<std::string>();
    return leadhub::sdk::dump(value);
}

std::string member_text(const Json& object, const std::string& key) {
    if (!object.is_object()) return "";
    auto it = object.find(key);
    return it == object.end() ? std::string() : cell_text(*it);
}

std::string offset_label(int utc_offset_hours) {
    if (utc_offset_hours == 0) return "UTC";
    return "UTC" + std::string(utc_offset_hours > 0 ? "+" : "") + std::to_string(utc_offset_hours);
}

}  // namespace

const std::vector<std::string>& known_lead_columns() {
    static const std::vector<std::string> columns = {
        "id", "created_at", "name", "phone", "email", "text", "channel", "source", "tenant",
        "external_user_id", "external_message_id"};
    return columns;
}

std::string column_problem(const std::string& column) {
    if (starts_with(column, "utm_")) return column.size() > 4 ? "" : "'utm_' needs a tag after it, e.g. utm_source";
    if (starts_with(column, "extra.")) return column.size() > 6 ? "" : "'extra.' needs a key after it, e.g. extra.form_id";
    if (starts_with(column, "lead.")) return column.size() > 5 ? "" : "'lead.' needs a field after it, e.g. lead.intent";
    const auto& known = known_lead_columns();
    if (std::find(known.begin(), known.end(), column) != known.end()) return "";
    std::vector<std::string> candidates = known;
    for (const char* tag : {"utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term"}) candidates.push_back(tag);
    return "unknown column '" + column + "'" + leadhub::sdk::suggestion_suffix(column, candidates) +
           " (a lead field newer than this plugin is written as lead.<field>)";
}

std::string column_value(const Json& lead, const std::string& column, int utc_offset_hours) {
    if (!lead.is_object()) return "";
    if (starts_with(column, "utm_")) return member_text(lead.value("utm", Json()), column);
    if (starts_with(column, "extra.")) return member_text(lead.value("extra", Json()), column.substr(6));
    if (starts_with(column, "lead.")) return member_text(lead, column.substr(5));
    std::string text = member_text(lead, column);
    return column == "created_at" ? local_time_text(text, utc_offset_hours) : text;
}

std::string default_title(const std::string& column, int utc_offset_hours) {
    static const std::map<std::string, std::string> titles = {
        {"id", "№ заявки"},
        {"name", "Имя"},
        {"phone", "Телефон"},
        {"email", "E-mail"},
        {"text", "Сообщение"},
        {"channel", "Канал"},
        {"source", "Источник"},
        {"tenant", "Бизнес"},
        {"external_user_id", "ID клиента в канале"},
        {"external_message_id", "ID сообщения в канале"},
    };
    if (column == "created_at") return "Дата и время (" + offset_label(utc_offset_hours) + ")";
    if (auto it = titles.find(column); it != titles.end()) return it->second;
    if (starts_with(column, "extra.")) return column.substr(6);
    if (starts_with(column, "lead.")) return column.substr(5);
    return column;  // utm_source and friends are what marketers call them
}

std::string local_time_text(const std::string& iso_utc, int utc_offset_hours) {
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, consumed = 0;
    if (std::sscanf(iso_utc.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &year, &month, &day, &hour, &minute, &second,
                    &consumed) != 6)
        return iso_utc;
    // Only UTC times ("Z", optionally after fractional seconds) are shifted; anything else is kept.
    std::string rest = iso_utc.substr(static_cast<std::size_t>(consumed));
    if (rest.empty() || rest.back() != 'Z') return iso_utc;
    if (rest.size() > 1 && (rest[0] != '.' || rest.find_first_not_of("0123456789", 1) != rest.size() - 1)) return iso_utc;
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return iso_utc;
    std::tm utc{};
    utc.tm_year = year - 1900;
    utc.tm_mon = month - 1;
    utc.tm_mday = day;
    utc.tm_hour = hour;
    utc.tm_min = minute;
    utc.tm_sec = second;
    std::time_t t = timegm(&utc) + static_cast<std::time_t>(utc_offset_hours) * 3600;
    std::tm local{};
    if (!gmtime_r(&t, &local)) return iso_utc;
    char text[64];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d %02d:%02d:%02d", local.tm_year + 1900, local.tm_mon + 1,
                  local.tm_mday, local.tm_hour, local.tm_min, local.tm_sec);
    return text;
}

}  // namespace csv_sink
