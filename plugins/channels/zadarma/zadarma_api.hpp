// Zadarma's call notifications read into what the hub does with them: pure mapping, no I/O.
// Only the end of an incoming call (NOTIFY_END) is a lead; every other event is answered and
// produces nothing (the hub's conventions for calls).
#pragma once

#include "zadarma_form.hpp"

#include <leadhub/sdk/types.hpp>

#include <optional>
#include <string>

namespace leadhub::zadarma {

enum class EventKind {
    call_end,       // NOTIFY_END: the lead
    call_routing,   // NOTIFY_START, NOTIFY_IVR: Zadarma reads a body as routing, so answer empty
    other_known,    // NOTIFY_INTERNAL, NOTIFY_ANSWER, NOTIFY_OUT_START, NOTIFY_OUT_END, NOTIFY_RECORD
    unknown,        // any other event name: not verifiable (no known signature formula)
};

EventKind classify_event(const std::string& event);

// The text a lead of a call from a hidden number carries, so staff see why there is no number.
// What the staff see for a call without a number (extra.attachments_text; the text stays null,
// the hub's convention for calls).
inline constexpr const char* kHiddenNumberText = "[звонок со скрытого номера]";

struct CallLead {
    std::optional<sdk::Message> message;  // set on success
    std::string error;                    // why not (one line): a NOTIFY_END without pbx_call_id
};

// NOTIFY_END -> the lead: caller in E.164 (phone and external_user_id; both null for a hidden or
// unreadable number), external_message_id = pbx_call_id, text null (a hidden number says so),
// extra.call = {provider, direction, missed, disposition, duration_sec, called_number, extension,
// started_at, recorded, status_code, recording_id, caller}. missed = disposition != "answered".
CallLead map_call_end(const Fields& fields);

}  // namespace leadhub::zadarma
