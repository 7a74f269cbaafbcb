// What a reply becomes on the Send API, and what its answer says.
#include "instagram_api.hpp"

#include "utf8_chunks.hpp"

namespace leadhub::instagram {

std::vector<sdk::Json> send_payloads(const std::string& recipient_id, const sdk::Reply& reply) {
    std::vector<sdk::Json> out;
    for (auto& piece : meta::utf8_chunks(reply.text, kMaxTextBytes))
        out.push_back({{"recipient", {{"id", recipient_id}}}, {"message", {{"text", piece}}}});
    if (!reply.buttons.empty()) {
        sdk::Json quick = sdk::Json::array();
        for (const auto& b : reply.buttons) {
            if (quick.size() == kMaxQuickReplies) break;
            if (b.title.empty()) continue;  // Meta refuses the whole message for one empty title
            quick.push_back({{"content_type", "text"},
                             {"title", meta::utf8_first_chars(b.title, kMaxQuickReplyTitleChars)},
                             {"payload", meta::utf8_prefix(b.id.empty() ? b.title : b.id, kMaxQuickReplyPayloadBytes)}});
        }
        if (!quick.empty()) out.back()["message"]["quick_replies"] = std::move(quick);
    }
    return out;
}

std::string message_id_from(std::string_view body) {
    const sdk::Json json = sdk::parse_json(body);
    return json.is_object() ? sdk::string_member_or(json, "message_id") : std::string();
}

bool is_outside_window(const meta::GraphError& error) {
    return error.code == 10 && (error.subcode == 2534022 || error.subcode == 2018278);
}

}  // namespace leadhub::instagram
