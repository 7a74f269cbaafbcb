#include "staff_api.hpp"

#include <charconv>

namespace leadhub::telegram {

using sdk::Json;

Json card_message_body(const Json& chat_id, const std::string& html, const Json& keyboard) {
    Json body = {{"chat_id", chat_id}, {"text", html}, {"parse_mode", "HTML"}, {"link_preview_options", {{"is_disabled", true}}}};
    if (!keyboard.is_null()) body["reply_markup"] = keyboard;  // an alert without its card has no buttons
    return body;
}

Json edit_card_body(const Json& chat_id, const Json& message_id, const std::string& html, const Json& keyboard) {
    return {{"chat_id", chat_id},
            {"message_id", message_id},
            {"text", html},
            {"parse_mode", "HTML"},
            {"link_preview_options", {{"is_disabled", true}}},
            {"reply_markup", keyboard}};
}

Json answer_press_body(const std::string& callback_query_id, const std::string& text, bool alert) {
    Json body = {{"callback_query_id", callback_query_id}};
    if (!text.empty()) body["text"] = text;
    if (alert) body["show_alert"] = true;
    return body;
}

Json reply_sent_reaction_body(const Json& chat_id, const Json& message_id) {
    return {{"chat_id", chat_id}, {"message_id", message_id}, {"reaction", {{{"type", "emoji"}, {"emoji", "👍"}}}}};
}

Json reply_failed_body(const Json& chat_id, const Json& message_id, const std::string& problem) {
    return {{"chat_id", chat_id},
            {"text", "Ответ не отправлен клиенту: " + problem},
            {"reply_parameters", {{"message_id", message_id}, {"allow_sending_without_reply", true}}}};
}

// Telegram's words are the only way to tell these 400s from others (no sub-codes).
bool is_not_modified(const ApiAnswer& answer) {
    return answer.status == 400 && answer.description.find("message is not modified") != std::string::npos;
}

bool is_query_too_old(const ApiAnswer& answer) {
    return answer.status == 400 && (answer.description.find("query is too old") != std::string::npos ||
                                    answer.description.find("query ID is invalid") != std::string::npos);
}

std::string sent_message_ref(const ApiAnswer& answer, const Json& chat_id) {
    const Json& r = answer.result;
    auto message_id = r.is_object() ? sdk::integer_value<int64_t>(r.value("message_id", Json())) : std::nullopt;
    std::optional<int64_t> chat;
    if (r.is_object())
        if (auto it = r.find("chat"); it != r.end() && it->is_object()) chat = chat_id_of(it->value("id", Json()));
    if (!chat) chat = chat_id_of(chat_id);
    if (!message_id) return {};
    return (chat ? std::to_string(*chat) : chat_id.dump()) + ":" + std::to_string(*message_id);
}

std::optional<int64_t> chat_id_of(const Json& value) {
    if (value.is_number_integer()) return sdk::integer_value<int64_t>(value);
    if (!value.is_string()) return std::nullopt;
    const std::string& text = value.get_ref<const std::string&>();
    int64_t id = 0;
    auto [at, error] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (text.empty() || error != std::errc() || at != text.data() + text.size() || id == 0) return std::nullopt;
    return id;
}

}  // namespace leadhub::telegram
