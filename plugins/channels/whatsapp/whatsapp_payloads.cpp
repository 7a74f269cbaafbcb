// What a reply becomes on the Cloud API's /messages endpoint, and what its answer says.
#include "whatsapp_api.hpp"

#include "utf8_chunks.hpp"

#include <algorithm>

namespace leadhub::whatsapp {

namespace {

using sdk::Json;

Json envelope(const Recipient& to, const char* type) {
    Json j = {{"messaging_product", "whatsapp"}, {"recipient_type", "individual"}};
    j[to.field] = to.id;
    j["type"] = type;
    return j;
}

}  // namespace

std::optional<Recipient> recipient_from(const Json& address) {
    Recipient r;
    r.phone_number_id = sdk::string_member_or(address, "phone_number_id");
    if (auto to = sdk::string_member_or(address, "to"); !to.empty()) {
        r.field = "to";
        r.id = to;
    } else if (auto user = sdk::string_member_or(address, "user_id"); !user.empty()) {
        r.field = "recipient";  // a username-only customer, addressed by the business-scoped id
        r.id = user;
    }
    if (r.id.empty() || r.phone_number_id.empty()) return std::nullopt;
    return r;
}

Json address_of(const Recipient& recipient) {
    Json a = Json::object();
    a[recipient.field == "to" ? "to" : "user_id"] = recipient.id;
    a["phone_number_id"] = recipient.phone_number_id;
    return a;
}

Json text_payload(const Recipient& to, const std::string& text) {
    Json j = envelope(to, "text");
    j["text"] = {{"preview_url", false}, {"body", text}};
    return j;
}

Json buttons_payload(const Recipient& to, const std::string& text, const std::vector<sdk::ReplyButton>& buttons) {
    Json list = Json::array();
    for (const auto& b : buttons) {
        if (list.size() == kMaxButtons) break;
        if (b.title.empty()) continue;  // Meta refuses the whole message for one empty title
        const std::string title = meta::utf8_first_chars(b.title, kMaxButtonTitleChars);
        const std::string id = meta::utf8_prefix(b.id.empty() ? b.title : b.id, kMaxButtonIdBytes);
        list.push_back({{"type", "reply"}, {"reply", {{"id", id}, {"title", title}}}});
    }
    Json j = envelope(to, "interactive");
    j["interactive"] = {{"type", "button"}, {"body", {{"text", text}}}, {"action", {{"buttons", list}}}};
    return j;
}

std::string template_parameter(const std::string& text) {
    // Meta refuses a parameter with a line break, a tab or more than four spaces in a row.
    std::string out;
    int spaces = 0;
    for (char c : text) {
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
        spaces = c == ' ' ? spaces + 1 : 0;
        if (spaces > 1) continue;  // one space is enough where a line break was
        out += c;
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return meta::utf8_first_chars(out, kMaxTemplateParamChars);
}

Json template_payload(const Recipient& to, const std::string& name, const std::string& language,
                      const std::string& text) {
    Json j = envelope(to, "template");
    j["template"] = {{"name", name},
                     {"language", {{"code", language}}},
                     {"components", Json::array({{{"type", "body"},
                                                  {"parameters", Json::array({{{"type", "text"},
                                                                               {"text", template_parameter(text)}}})}}})}};
    return j;
}

std::vector<Json> free_form_payloads(const Recipient& to, const sdk::Reply& reply) {
    const bool any_button = std::any_of(reply.buttons.begin(), reply.buttons.end(),
                                        [](const sdk::ReplyButton& b) { return !b.title.empty(); });
    if (any_button && !reply.text.empty() && meta::utf8_length(reply.text) <= kMaxButtonBodyChars)
        return {buttons_payload(to, reply.text, reply.buttons)};
    std::vector<Json> out;
    for (auto& piece : meta::utf8_chunks(reply.text, kMaxTextBytes)) out.push_back(text_payload(to, piece));
    return out;
}

std::string message_id_from(std::string_view body) {
    const Json json = sdk::parse_json(body);
    if (!json.is_object()) return {};
    auto messages = json.find("messages");
    if (messages == json.end() || !messages->is_array() || messages->empty()) return {};
    return sdk::string_member_or(messages->front(), "id");
}

bool is_window_error(const meta::GraphError& error) { return error.code == 131047 || error.code == 470; }

}  // namespace leadhub::whatsapp
