#include "store/store.hpp"

#include <cstdio>
#include <ctime>

namespace leadhub::store {

namespace {

Json optional_string(const std::optional<std::string>& value) {
    return value ? Json(*value) : Json(nullptr);
}

// "2026-03-10T05:00:00.123Z". Floor division keeps instants before 1970 correct too.
std::string iso8601_utc_ms(int64_t ms) {
    int64_t seconds = ms / 1000;
    int64_t millis = ms % 1000;
    if (millis < 0) {
        millis += 1000;
        seconds -= 1;
    }
    std::time_t t = static_cast<std::time_t>(seconds);
    std::tm utc{};
    if (!gmtime_r(&t, &utc)) return "";
    char text[64];  // room for any int year, so the compiler can prove nothing is cut
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900, utc.tm_mon + 1,
                  utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, static_cast<int>(millis));
    return text;
}

}  // namespace

Json Lead::to_json() const {
    Json out = {
        {"id", id},
        {"tenant", tenant},
        {"source", source},
        {"channel", channel},
        {"external_user_id", optional_string(external_user_id)},
        {"external_message_id", optional_string(external_message_id)},
        {"name", optional_string(name)},
        {"phone", optional_string(phone)},
        {"email", optional_string(email)},
        {"text", optional_string(text)},
        {"utm", utm.is_object() ? utm : Json(nullptr)},
        {"created_at", iso8601_utc_ms(created_at_ms)},
        {"contact_id", contact_id > 0 ? Json(contact_id) : Json(nullptr)},
        {"status", status},
        {"messages", message_count},
        {"last_message_at", iso8601_utc_ms(last_message_at_ms)},
        {"intent", reading.intent},
        {"services", reading.services},
        {"urgent", reading.urgent},
        {"date", optional_string(reading.date)},
        {"time", optional_string(reading.time)},
        {"daypart", optional_string(reading.daypart)},
        {"score", reading.score.empty() ? Json(nullptr) : Json(reading.score)},
        {"reading_source", reading_source},
        {"assignment", assignment ? Json(assignment->status) : Json(nullptr)},
        {"assignee", assignment && !assignment->assignee.empty() ? Json(assignment->assignee) : Json(nullptr)},
        {"offered_to", assignment ? Json(assignment->offered_to) : Json::array()},
        {"assignment_reason", assignment ? Json(assignment->reason) : Json(nullptr)},
    };
    if (extra.is_object() && !extra.empty()) out["extra"] = extra;
    return out;
}

Json LeadReading::to_json() const {
    return {{"intent", intent},
            {"services", services},
            {"urgent", urgent},
            {"date", optional_string(date)},
            {"time", optional_string(time)},
            {"daypart", optional_string(daypart)},
            {"score", score.empty() ? Json(nullptr) : Json(score)}};
}

}  // namespace leadhub::store
