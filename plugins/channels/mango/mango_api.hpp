// Mango Office's realtime events read into what the hub does with them: pure mapping, no I/O.
// Only the summary of an incoming call (/events/summary, call_direction 1) is a lead; call-state
// events, recordings, DTMF and the results of API commands produce nothing.
#pragma once

#include <leadhub/sdk/types.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace leadhub::mango {

enum class EventPath {
    ping,     // /ping: Mango's "check connection"
    summary,  // /events/summary: one per call, at its end
    event,    // any other /events/<name> or /result/<name>: answered, nothing made
    unknown,  // anything else: not Mango's
};

// `target` is the path below the instance (a trailing slash is ignored).
EventPath classify_path(std::string_view target);

// The text a lead of a call from a hidden number carries, so staff see why there is no number.
// What the staff see for a call without a number (extra.attachments_text; the text stays null,
// the hub's convention for calls).
inline constexpr const char* kHiddenNumberText = "[звонок со скрытого номера]";

struct ReadEvent {
    enum class Kind { lead, ignored, malformed };
    Kind kind = Kind::ignored;
    std::optional<sdk::Message> message;  // Kind::lead
    std::string reason;                   // malformed: why (one line, for a 400); ignored: what it was
};

// Reads the `json` form field of an event at `path` (summary or event). Not JSON, JSON that is not
// an object, or a summary without entry_id: malformed. A summary with call_direction 1: the lead
// (phone/external_user_id = from.number in E.164, external_message_id = entry_id, extra.call with
// missed = entry_result == 0 and duration_sec = end_time - talk_time when talk_time > 0).
ReadEvent read_event(EventPath path, std::string_view json_text);

}  // namespace leadhub::mango
