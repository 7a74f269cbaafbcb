// Meta's Instagram webhook envelope walked entry by entry, event by event, in order. Every
// element is checked for its shape: a broken event is counted as ignored, never a reason to lose
// its neighbours or to answer 500.
#include "instagram_api.hpp"

namespace leadhub::instagram {

namespace {

using sdk::Json;

std::size_t ig_array_size(const Json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_array() ? it->size() : 0;
}

}  // namespace

std::optional<ParsedWebhook> parse_webhook(std::string_view body, std::string* error) {
    sdk::JsonError problem;
    const Json json = sdk::parse_json(body, &problem);
    if (problem) {
        if (error) *error = problem.message;
        return std::nullopt;
    }
    if (!json.is_object()) {
        if (error) *error = "not a JSON object";
        return std::nullopt;
    }
    ParsedWebhook out;
    if (sdk::string_member_or(json, "object") != "instagram") {
        out.instagram = false;
        out.ignored = 1;
        return out;
    }
    auto entries = json.find("entry");
    if (entries == json.end() || !entries->is_array()) {
        if (error) *error = "an Instagram webhook without an entry array";
        return std::nullopt;
    }
    for (const auto& entry : *entries) {
        if (!entry.is_object()) {
            ++out.ignored;
            continue;
        }
        // Comments, mentions and live comments; events held by another app (handover).
        out.ignored += static_cast<int>(ig_array_size(entry, "changes") + ig_array_size(entry, "standby"));
        auto events = entry.find("messaging");
        if (events == entry.end() || !events->is_array()) continue;
        for (const auto& event : *events) {
            auto message = message_from_event(event);
            if (message) out.messages.push_back(std::move(*message));
            else ++out.ignored;
        }
    }
    return out;
}

}  // namespace leadhub::instagram
