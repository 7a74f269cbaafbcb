#include "store/store.hpp"

#include <leadhub/sdk/iso8601.hpp>

namespace leadhub::store {

namespace {

Json optional_string(const std::optional<std::string>& value) {
    return value ? Json(*value) : Json(nullptr);
}

}  // namespace

Json display_text(const std::optional<std::string>& text, const Json& extra) {
    std::string out = text.value_or("");
    if (auto it = extra.find("attachments_text"); extra.is_object() && it != extra.end() && it->is_string() &&
                                                  !it->get<std::string>().empty())
        out += (out.empty() ? "" : "\n") + it->get<std::string>();
    return out.empty() ? Json(nullptr) : Json(out);
}

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
        {"display_text", display_text(text, extra)},
        {"utm", utm.is_object() ? utm : Json(nullptr)},
        {"created_at", sdk::iso8601_utc(created_at_ms)},
        {"contact_id", contact_id > 0 ? Json(contact_id) : Json(nullptr)},
        {"status", status},
        {"booked_for", optional_string(booked_for)},
        {"lost_reason", optional_string(lost_reason)},
        {"external_ids", external_ids.is_object() ? external_ids : Json::object()},
        {"messages", message_count},
        {"last_message_at", sdk::iso8601_utc(last_message_at_ms)},
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
    out["first_response_at"] = first_response_at_ms ? Json(sdk::iso8601_utc(*first_response_at_ms)) : Json(nullptr);
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
