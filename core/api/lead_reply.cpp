#include "api/lead_reply.hpp"

#include "base/text.hpp"

#include <leadhub/sdk/ascii_text.hpp>
#include <leadhub/sdk/safe_text.hpp>

namespace leadhub::app {

namespace {

ReplyAnswer refuse(int status, std::string why) { return {status, {{"error", std::move(why)}}}; }

// Valid UTF-8 that survives a round trip through code points; its length in code points.
std::optional<std::size_t> characters(const std::string& text) {
    std::u32string points = base::to_u32(text);
    if (base::to_utf8(points) != text) return std::nullopt;
    return points.size();
}

// Control characters other than line breaks and tabs have no place in a message to a customer.
bool has_control(const std::u32string& text) {
    for (char32_t c : text)
        if ((c < 0x20 && c != '\n' && c != '\t' && c != '\r') || c == 0x7f) return true;
    return false;
}

std::optional<ReplyAnswer> read_buttons(const nlohmann::json& request, nlohmann::json& out) {
    auto it = request.find("buttons");
    if (it == request.end() || it->is_null()) return std::nullopt;
    if (!it->is_array()) return refuse(400, "'buttons' must be an array of {\"id\", \"title\"}");
    if (it->size() > kMaxReplyButtons)
        return refuse(400, "at most " + std::to_string(kMaxReplyButtons) + " buttons");
    for (const auto& b : *it) {
        if (!b.is_object() || !b.contains("title") || !b["title"].is_string() || b["title"].get<std::string>().empty())
            return refuse(400, "every button needs a non-empty 'title' (and may have an 'id')");
        std::string title = b["title"].get<std::string>();
        std::string id = b.contains("id") && b["id"].is_string() ? b["id"].get<std::string>() : title;
        out.push_back({{"id", id}, {"title", title}});
    }
    return std::nullopt;
}

}  // namespace

ReplyAnswer send_reply(store::Store& store, int64_t lead_id, const nlohmann::json& request, int64_t now_ms) {
    if (!request.is_object() || !request.contains("text") || !request["text"].is_string())
        return refuse(400, "send a JSON object such as {\"text\": \"Здравствуйте! Записали вас на 15:00\"}");
    const std::string text = request["text"].get<std::string>();
    auto count = characters(text);
    if (!count) return refuse(400, "the text is not valid UTF-8");
    if (*count == 0 || sdk::trim(text).empty()) return refuse(400, "the text is empty");
    if (*count > kMaxReplyCharacters)
        return refuse(400, "the text has " + std::to_string(*count) + " characters; at most " +
                               std::to_string(kMaxReplyCharacters) + " are sent in one reply");
    if (has_control(base::to_u32(text))) return refuse(400, "the text holds control characters");

    store::ReplyRequest reply;
    reply.lead_id = lead_id;
    reply.text = text;
    if (auto fail = read_buttons(request, reply.buttons)) return *fail;
    if (auto it = request.find("author"); it != request.end() && !it->is_null()) {
        if (!it->is_string() || it->get<std::string>().empty() || !sdk::is_safe_text(it->get<std::string>()))
            return refuse(400, "'author' must be a non-empty line of text (a staff id)");
        reply.author = it->get<std::string>();
    }

    store::ReplyResult r = store.add_reply(reply, now_ms);
    switch (r.kind) {
        case store::ReplyResult::Kind::no_such_lead:
            return refuse(404, "no lead with id " + std::to_string(lead_id));
        case store::ReplyResult::Kind::no_address:
            return refuse(409, "lead " + std::to_string(lead_id) +
                                   " came from a channel the hub cannot answer on (a web form or a call): "
                                   "call or write to the customer directly");
        case store::ReplyResult::Kind::ok: break;
    }
    return {202, {{"lead_id", lead_id}, {"message_id", r.message_id}, {"job_id", r.job_id},
                  {"source", r.source}, {"channel", r.channel}}};
}

}  // namespace leadhub::app
