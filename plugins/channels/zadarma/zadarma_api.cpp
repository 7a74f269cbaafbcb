#include "zadarma_api.hpp"

#include <leadhub/sdk/caller_number.hpp>
#include <leadhub/sdk/ascii_text.hpp>
#include <leadhub/sdk/safe_text.hpp>

namespace leadhub::zadarma {

EventKind classify_event(const std::string& event) {
    if (event == "NOTIFY_END") return EventKind::call_end;
    if (event == "NOTIFY_START" || event == "NOTIFY_IVR") return EventKind::call_routing;
    if (event == "NOTIFY_INTERNAL" || event == "NOTIFY_ANSWER" || event == "NOTIFY_OUT_START" ||
        event == "NOTIFY_OUT_END" || event == "NOTIFY_RECORD")
        return EventKind::other_known;
    return EventKind::unknown;
}

namespace {

// A count of seconds or a status code: digits only, at most 9 of them (no overflow); else nullopt.
std::optional<int64_t> zadarma_small_number(std::string_view text) {
    text = sdk::trim(text);
    if (text.empty() || text.size() > 9) return std::nullopt;
    int64_t value = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

// A field's value for extra.call: null when absent or empty, and never with control characters.
sdk::Json zadarma_text_or_null(const Fields& fields, const char* name) {
    const std::string value = sdk::escape_control(sdk::trim(field(fields, name)));
    return value.empty() ? sdk::Json(nullptr) : sdk::Json(value);
}

}  // namespace

CallLead map_call_end(const Fields& fields) {
    CallLead out;
    const std::string call_id(sdk::trim(field(fields, "pbx_call_id")));
    if (call_id.empty()) {
        out.error = "NOTIFY_END without pbx_call_id";
        return out;
    }
    sdk::Message m;
    m.channel = "call";
    m.external_message_id = sdk::escape_control(call_id);
    const std::string caller = field(fields, "caller_id");
    const sdk::CallerNumber number = sdk::read_caller_number(caller);
    m.phone = number.e164;
    m.external_user_id = number.e164;
    if (number.hidden) m.extra["attachments_text"] = kHiddenNumberText;

    const std::string disposition(sdk::trim(field(fields, "disposition")));
    sdk::Json call = {
        {"provider", "zadarma"},
        {"direction", "in"},
        {"missed", disposition != "answered"},
        {"disposition", disposition.empty() ? sdk::Json(nullptr) : sdk::Json(sdk::escape_control(disposition))},
        {"duration_sec", zadarma_small_number(field(fields, "duration")).value_or(0)},
        {"called_number", zadarma_text_or_null(fields, "called_did")},
        {"extension", zadarma_text_or_null(fields, "internal")},
        {"started_at", zadarma_text_or_null(fields, "call_start")},  // PBX local time, as sent
        {"recorded", field(fields, "is_recorded") == "1"},
        {"caller", zadarma_text_or_null(fields, "caller_id")},
    };
    if (auto code = zadarma_small_number(field(fields, "status_code"))) call["status_code"] = *code;
    if (auto rec = zadarma_text_or_null(fields, "call_id_with_rec"); !rec.is_null()) call["recording_id"] = rec;
    m.extra["provider"] = "zadarma";
    m.extra["call"] = std::move(call);
    out.message = std::move(m);
    return out;
}

}  // namespace leadhub::zadarma
