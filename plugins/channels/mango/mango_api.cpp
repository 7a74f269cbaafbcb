#include "mango_api.hpp"

#include <leadhub/sdk/caller_number.hpp>
#include <leadhub/sdk/ascii_text.hpp>
#include <leadhub/sdk/iso8601.hpp>
#include <leadhub/sdk/safe_text.hpp>

namespace leadhub::mango {

EventPath classify_path(std::string_view target) {
    while (target.size() > 1 && target.back() == '/') target.remove_suffix(1);
    if (target == "/ping") return EventPath::ping;
    if (target == "/events/summary") return EventPath::summary;
    for (std::string_view prefix : {"/events/", "/result/"})
        if (target.starts_with(prefix) && target.size() > prefix.size()) return EventPath::event;
    return EventPath::unknown;
}

namespace {

ReadEvent mango_malformed(std::string reason) {
    ReadEvent out;
    out.kind = ReadEvent::Kind::malformed;
    out.reason = std::move(reason);
    return out;
}

ReadEvent mango_ignored(std::string what) {
    ReadEvent out;
    out.reason = std::move(what);
    return out;
}

// A Unix time or a code as Mango may write it: a JSON number or a string of digits.
std::optional<int64_t> mango_integer(const sdk::Json& event, const char* key) {
    auto it = event.find(key);
    if (it == event.end()) return std::nullopt;
    if (it->is_number()) return sdk::integer_value<int64_t>(*it);
    if (!it->is_string()) return std::nullopt;
    const std::string& s = it->get_ref<const std::string&>();
    if (s.empty() || s.size() > 15) return std::nullopt;
    int64_t value = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

// A string or number member as text ("" when absent or of another type), control characters escaped.
std::string mango_text(const sdk::Json& object, const char* key) {
    if (!object.is_object()) return {};
    auto it = object.find(key);
    if (it == object.end()) return {};
    if (it->is_string()) return sdk::escape_control(sdk::trim(it->get_ref<const std::string&>()));
    if (it->is_number_integer() || it->is_number_unsigned()) return it->dump();
    return {};
}

sdk::Json mango_text_or_null(const sdk::Json& object, const char* key) {
    std::string text = mango_text(object, key);
    return text.empty() ? sdk::Json(nullptr) : sdk::Json(std::move(text));
}

// A Unix time in seconds as ISO 8601 UTC; null when absent, zero or beyond any real date.
sdk::Json mango_time(const sdk::Json& event, const char* key) {
    auto seconds = mango_integer(event, key);
    if (!seconds || *seconds <= 0 || *seconds > 253402300799) return nullptr;  // up to 9999-12-31
    return sdk::iso8601_utc(*seconds * 1000);
}

// from / to: an object {number, extension}, or (leniently) the number alone.
sdk::Json mango_party(const sdk::Json& event, const char* key) {
    auto it = event.find(key);
    if (it == event.end()) return sdk::Json::object();
    if (it->is_object()) return *it;
    if (it->is_string() || it->is_number_integer()) return {{"number", *it}};
    return sdk::Json::object();
}

ReadEvent map_summary(const sdk::Json& event) {
    const std::string entry_id = mango_text(event, "entry_id");
    if (entry_id.empty()) return mango_malformed("summary without entry_id");
    const auto direction = mango_integer(event, "call_direction");
    if (direction != 1) return mango_ignored("summary of a call that is not incoming");

    const sdk::Json from = mango_party(event, "from"), to = mango_party(event, "to");
    const std::string caller = mango_text(from, "number");
    const sdk::CallerNumber number = sdk::read_caller_number(caller);
    sdk::Message m;
    m.channel = "call";
    m.external_message_id = entry_id;
    m.phone = number.e164;
    m.external_user_id = number.e164;
    if (number.hidden) m.extra["attachments_text"] = kHiddenNumberText;

    const int64_t talk = mango_integer(event, "talk_time").value_or(0);
    const int64_t end = mango_integer(event, "end_time").value_or(0);
    const auto result = mango_integer(event, "entry_result");
    // entry_result 1 talked, 0 lost; without it, a call nobody talked on is the missed one.
    const bool missed = result ? *result == 0 : talk <= 0;
    const int64_t duration = talk > 0 && end > talk && end - talk < 100'000'000 ? end - talk : 0;
    sdk::Json line = mango_text_or_null(event, "line_number");
    if (line.is_null()) line = mango_text_or_null(to, "line_number");
    sdk::Json call = {
        {"provider", "mango"},
        {"direction", "in"},
        {"missed", missed},
        {"disposition", nullptr},  // Mango gives entry_result and a numeric disconnect_reason instead
        {"duration_sec", duration},
        {"called_number", mango_text_or_null(to, "number")},
        {"line_number", std::move(line)},
        {"extension", mango_text_or_null(to, "extension")},
        {"started_at", mango_time(event, "create_time")},
        {"answered_at", mango_time(event, "talk_time")},
        {"ended_at", mango_time(event, "end_time")},
        {"caller", caller.empty() ? sdk::Json(nullptr) : sdk::Json(caller)},
    };
    if (result) call["entry_result"] = *result;
    if (auto reason = mango_integer(event, "disconnect_reason")) call["disconnect_reason"] = *reason;
    m.extra["provider"] = "mango";
    m.extra["call"] = std::move(call);
    ReadEvent out;
    out.kind = ReadEvent::Kind::lead;
    out.message = std::move(m);
    return out;
}

}  // namespace

ReadEvent read_event(EventPath path, std::string_view json_text) {
    sdk::JsonError error;
    const sdk::Json event = sdk::parse_json(json_text, &error);
    if (error) return mango_malformed("the json field is " + error.message);
    if (!event.is_object()) return mango_malformed("the json field is not a JSON object");
    if (path == EventPath::summary) return map_summary(event);
    return mango_ignored("not a call summary");
}

}  // namespace leadhub::mango
